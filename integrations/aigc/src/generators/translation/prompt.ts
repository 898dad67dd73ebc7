import type { ChatMessage } from '../../providers/types.ts';
import type { Glossary } from './glossary.ts';

/** What is sent for translation: the page's title, description and body. */
export interface TranslationSource {
  title: string;
  description?: string | undefined;
  body: string;
}

/**
 * The source as one Markdown document the model translates as a whole: the title as a
 * `# ` heading, the description as a blockquote, then the body.
 */
export function translationDocument(source: TranslationSource): string {
  const parts = [`# ${source.title}`];
  if (source.description) parts.push(`> ${source.description.replace(/\n+/g, ' ')}`);
  parts.push(source.body.trim());
  return `${parts.join('\n\n')}\n`;
}

/** Read the model's answer back into title, description and body. */
export function parseTranslationDocument(text: string, hasDescription: boolean): TranslationSource | undefined {
  const cleaned = text.replace(/^\s*```(?:markdown|md)?\n([\s\S]*)\n```\s*$/, '$1').trim();
  const title = /^#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(cleaned);
  if (!title) return undefined;
  let rest = cleaned.slice(title[0].length).replace(/^\s*\n/, '');
  let description: string | undefined;
  if (hasDescription) {
    const quote = /^((?:>[^\n]*(?:\n|$))+)/.exec(rest);
    if (!quote) return undefined;
    description = quote[1]!
      .split('\n')
      .map((l) => l.replace(/^>\s?/, ''))
      .join(' ')
      .trim();
    rest = rest.slice(quote[0].length);
  }
  return { title: title[1]!, description, body: rest.trim() };
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Messages asking for a faithful translation that keeps the Markdown skeleton intact. */
export function buildTranslationMessages(
  source: TranslationSource,
  from: string,
  to: string,
  glossary: Glossary,
): ChatMessage[] {
  const rules = [
    `You translate Markdown web pages from ${languageName(from)} ("${from}") into ${languageName(to)} ("${to}").`,
    'Translate the meaning faithfully and naturally for native readers; add nothing, leave nothing out.',
    'Keep the Markdown structure exactly: the same headings at the same levels (the first line stays a `# ` heading, the blockquote after it stays a blockquote), the same lists, paragraphs and tables.',
    'Copy every fenced code block (including ```figure, ```diagram and ```dot blocks) and every `inline code` span byte for byte; do not translate inside them.',
    'Keep every link and image target URL exactly as written; translate only the link text.',
    'Output the translated Markdown only: no front matter, no commentary, no surrounding code fence.',
  ];
  if (glossary.keep.length > 0)
    rules.push(`Keep these terms exactly as written, untranslated: ${glossary.keep.join(', ')}.`);
  const renderings = Object.entries(glossary.terms[to] ?? {});
  if (renderings.length > 0)
    rules.push(`Translate these terms this way: ${renderings.map(([a, b]) => `"${a}" → "${b}"`).join('; ')}.`);
  return [
    { role: 'system', content: rules.join('\n') },
    { role: 'user', content: translationDocument(source) },
  ];
}

/** Messages asking the model to fix what the structure check found, with its previous answer. */
export function buildTranslationRepairMessages(
  source: TranslationSource,
  from: string,
  to: string,
  glossary: Glossary,
  previous: string,
  findings: string[],
): ChatMessage[] {
  return [
    ...buildTranslationMessages(source, from, to, glossary),
    { role: 'assistant', content: previous },
    {
      role: 'user',
      content: `Your translation does not keep the source's structure:\n${findings.map((f) => `- ${f}`).join('\n')}\nAnswer with the whole corrected translation.`,
    },
  ];
}

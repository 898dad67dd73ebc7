/**
 * The house style: `content/style.yml` (the `style` option names another file). Terms to
 * avoid per language, reading age, sentence length, voice, heading case, number style,
 * spelling, and each style rule's severity. A missing file means no style checks.
 */

import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { isNode, parseDocument } from 'yaml';
import { readFile } from '../../utils/read-ledger.ts';

const severity = z.enum(['error', 'warning', 'off']);

export const StyleSchema = z.strictObject({
  /** Per language (a BCP 47 tag or its primary subtag: `en` covers `en-GB`): term to avoid → what to write instead ('' to just avoid it). */
  terms: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  /** Readers' age the text should suit (retext-readability); English only. */
  readingAge: z.number().int().min(6).max(30).default(16),
  /** Longest sentence: words (English), or characters (Chinese, Japanese, Korean). */
  sentenceLength: z
    .strictObject({
      words: z.number().int().positive().default(35),
      characters: z.number().int().positive().default(90),
    })
    .prefault({}),
  /** `active`: passive constructions are reported (retext-passive); `any`: not. */
  voice: z.enum(['active', 'any']).default('active'),
  /** Case of `##` headings: `sentence` (only the first word and names capitalised), `title`, or `any`. */
  headingCase: z.enum(['sentence', 'title', 'any']).default('sentence'),
  /** `numerals`: digits for every number (7, not seven); `words-under-ten`: words for zero to nine, digits above; `any`. */
  numbers: z.enum(['numerals', 'words-under-ten', 'any']).default('any'),
  /** Spelling (retext-spell with the `dictionary-en` package): words the dictionary lacks that the house uses. */
  spelling: z.strictObject({ words: z.array(z.string()).default([]) }).optional(),
  /** Severity of each style rule by id (`style-term`, `style-passive`, …, `style-cjk-spacing`); `off` disables it. */
  rules: z.record(z.string(), severity).default({}),
});

export type Style = z.output<typeof StyleSchema>;
export type StyleSeverity = z.output<typeof severity>;

/** Default severity of each style rule: a banned term or broken CJK typography fails; taste is a warning. */
export const STYLE_RULES: Readonly<Record<string, 'error' | 'warning'>> = {
  'style-term': 'error',
  'style-repeated-word': 'error',
  'style-cjk-spacing': 'error',
  'style-cjk-punctuation': 'error',
  'style-passive': 'warning',
  'style-simplify': 'warning',
  'style-equality': 'warning',
  'style-readability': 'warning',
  'style-spelling': 'warning',
  'style-sentence-length': 'warning',
  'style-heading-case': 'warning',
  'style-numbers': 'warning',
};

export class StyleError extends Error {
  override name = 'StyleError';
}

/** The style file, parsed, or undefined when there is none. Errors name the file, the key and the fix. */
export async function loadStyle(root: string, file: string): Promise<Style | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new StyleError(`${file}: not valid YAML (${document.errors[0]!.message}).`);
  const parsed = StyleSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The line of the offending key, or of its nearest parent that exists.
    let line = 1;
    for (let depth = issue.path.length; depth > 0; depth--) {
      const node = document.getIn(issue.path.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) {
        line = text.slice(0, node.range[0]).split('\n').length;
        break;
      }
    }
    throw new StyleError(
      `${file}:${line}: \`${issue.path.join('.') || '(top level)'}\`: ${issue.message}. See the "House style" section of the astro-aigc README for every key.`,
    );
  }
  const unknown = Object.keys(parsed.data.rules).filter((id) => !(id in STYLE_RULES));
  if (unknown.length > 0)
    throw new StyleError(
      `${file}: \`rules\` names unknown rule(s) ${unknown.join(', ')}. Known: ${Object.keys(STYLE_RULES).join(', ')}.`,
    );
  return parsed.data;
}

/** The severity of a style rule under this style, or `off`. */
export function styleSeverity(style: Style, ruleId: string): StyleSeverity {
  return style.rules[ruleId] ?? STYLE_RULES[ruleId] ?? 'warning';
}

/** The avoid → prefer terms that apply to `lang`: the primary subtag's, then the full tag's. */
export function termsFor(style: Style, lang: string): Map<string, string> {
  const primary = lang.split('-')[0]!.toLowerCase();
  const terms = new Map<string, string>();
  for (const [tag, list] of Object.entries(style.terms)) {
    const key = tag.toLowerCase();
    if (key === primary || key === lang.toLowerCase())
      for (const [avoid, prefer] of Object.entries(list)) terms.set(avoid, prefer);
  }
  return terms;
}

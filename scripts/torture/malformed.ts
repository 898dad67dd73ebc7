/**
 * Malformed inputs: outlines and option files each with one distinct mistake. Each gets
 * exactly one message with file:line:column (and a fix); the good outlines beside them
 * (one saved with a BOM and CRLF line ends) still build.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../integrations/aigc/src/api.ts';
import { readLexicon } from '../../integrations/aigc/src/generators/narration/lexicon.ts';
import { readGlossary } from '../../integrations/aigc/src/generators/translation/glossary.ts';
import { recorder } from './project.ts';

const ok = '---\ntitle: Fine\n---\n\n## Part\n- a point\n';

/** name → bytes, and the line the message must point at (when it can be told). */
const OUTLINES: Record<string, { text: string | Uint8Array; line?: number }> = {
  empty: { text: '' },
  'whitespace-only': { text: ' \n\n\t\n' },
  'no-frontmatter': { text: '# A title\n\n## Part\n- point\n' },
  'frontmatter-never-closed': { text: '---\ntitle: Open\n\n## Part\n- point\n' },
  'yaml-syntax': { text: '---\ntitle: "unclosed\n---\n\n## Part\n- p\n', line: 2 },
  'yaml-tab-indent': { text: '---\ntitle: Tabs\ntags:\n\t- a\n---\n\n## Part\n- p\n', line: 4 },
  'yaml-duplicate-key': { text: '---\ntitle: One\ntitle: Two\n---\n\n## Part\n- p\n', line: 3 },
  'yaml-list-not-map': { text: '---\n- title\n- Another\n---\n\n## Part\n- p\n' },
  'missing-title': { text: '---\ndescription: no title here\n---\n\n## Part\n- p\n' },
  'title-is-list': { text: '---\ntitle: [a, b]\n---\n\n## Part\n- p\n', line: 2 },
  'unknown-key-typo': { text: '---\ntitel: Typo\n---\n\n## Part\n- p\n', line: 2 },
  'unknown-kind': { text: '---\ntitle: K\nkind: blog\n---\n\n## Part\n- p\n', line: 3 },
  'reference-without-source': { text: '---\ntitle: R\nkind: reference\n---\n\n## Part\n- p\n' },
  'lang-not-a-tag': { text: '---\ntitle: L\nlang: 12\n---\n\n## Part\n- p\n', line: 3 },
  'translate-not-a-list-of-tags': { text: '---\ntitle: T\ntranslate: [en_GB!!]\n---\n\n## Part\n- p\n', line: 3 },
  'length-negative': { text: '---\ntitle: N\nlength: -5\n---\n\n## Part\n- p\n', line: 3 },
  'length-words': { text: '---\ntitle: N\nlength: long\n---\n\n## Part\n- p\n', line: 3 },
  'narration-not-boolean': { text: '---\ntitle: N\nnarration: yes please\n---\n\n## Part\n- p\n', line: 3 },
  'cover-number': { text: '---\ntitle: C\ncover: 42\n---\n\n## Part\n- p\n', line: 3 },
  'tags-not-list': { text: '---\ntitle: C\ntags: {a: 1}\n---\n\n## Part\n- p\n', line: 3 },
  'fence-never-closed': { text: '---\ntitle: F\n---\n\n## Part\n- p\n\n```figure\nA lamp\n', line: 8 },
  'figure-empty': { text: '---\ntitle: F\n---\n\n## Part\n- p\n\n```figure\n```\n', line: 8 },
  'diagram-empty': { text: '---\ntitle: F\n---\n\n## Part\n- p\n\n```diagram\n\n```\n', line: 8 },
  'no-sections': { text: '---\ntitle: Nothing\n---\n' },
  'bom-crlf-unknown-key': { text: '\uFEFF---\r\ntitle: B\r\ncolour: red\r\n---\r\n\r\n## Part\r\n- p\r\n', line: 3 },
  'latin-1': {
    text: Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n\n## Part\n- p\n')]),
    line: 2,
  },
  'utf-16': { text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, 'utf16le')]) },
  'binary-junk': { text: Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256) },
  huge: { text: `${ok}\n${'- another point that goes on and on\n'.repeat(20_000)}` },
  'yaml-alias-bomb': {
    text: '---\ntitle: &a [x, x, x, x, x, x, x, x, x]\ndescription: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ntags: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n\n## Part\n- p\n',
  },
};

const OPTION_FILES: Record<
  string,
  { file: 'content/lexicon.yml' | 'content/glossary.yml'; text: string; line: number }
> = {
  'lexicon-yaml-syntax': { file: 'content/lexicon.yml', text: 'en:\n  AIGC: "A I G C\n', line: 2 },
  'lexicon-list': { file: 'content/lexicon.yml', text: '- en\n- zh\n', line: 1 },
  'lexicon-language-not-map': { file: 'content/lexicon.yml', text: '# readings\nen: A I\n', line: 2 },
  'lexicon-reading-not-text': {
    file: 'content/lexicon.yml',
    text: 'en:\n  AIGC: A I G C\n  GAN: [g, a, n]\n',
    line: 3,
  },
  'glossary-yaml-tab': { file: 'content/glossary.yml', text: 'keep:\n\t- AIGC\n', line: 2 },
  'glossary-keep-not-list': { file: 'content/glossary.yml', text: 'keep: AIGC\n', line: 1 },
  'glossary-terms-list': { file: 'content/glossary.yml', text: 'keep: [AIGC]\nterms:\n  - zh-CN\n', line: 3 },
  'glossary-scalar': { file: 'content/glossary.yml', text: 'just some words\n', line: 1 },
};

export interface MalformedFigures {
  outlines: number;
  optionFiles: number;
  messages: string[];
  goodBuilt: number;
  problems: string[];
  root: string;
}

export async function malformedInputs(): Promise<MalformedFigures> {
  const root = await mkdtemp(join(tmpdir(), 'aigc-torture-malformed-'));
  const figures: MalformedFigures = { outlines: 0, optionFiles: 0, messages: [], goodBuilt: 0, problems: [], root };
  await mkdir(join(root, 'content/outlines/good'), { recursive: true });
  await mkdir(join(root, 'content/outlines/bad'), { recursive: true });
  await writeFile(join(root, 'content/outlines/good/plain.md'), ok);
  await writeFile(join(root, 'content/outlines/good/bom-crlf.md'), `\uFEFF${ok.replaceAll('\n', '\r\n')}`);
  for (const [name, { text }] of Object.entries(OUTLINES))
    await writeFile(join(root, `content/outlines/bad/${name}.md`), text);

  const logger = recorder();
  const result = await generate({
    root,
    options: { narration: false, covers: false },
    logger,
    env: {},
    provider: 'offline',
  });
  figures.goodBuilt = result.report.outcomes.filter((o) => o.kind === 'article' && o.action === 'generated').length;
  if (figures.goodBuilt !== 2)
    figures.problems.push(`the good outlines beside the bad ones: ${figures.goodBuilt} of 2 built`);
  for (const [name, { line }] of Object.entries(OUTLINES)) {
    figures.outlines++;
    const file = `content/outlines/bad/${name}.md`;
    const mine = result.outlineErrors.filter((e) => e.file === file);
    figures.messages.push(...mine.map((e) => e.message));
    if (mine.length !== 1) {
      figures.problems.push(
        `${file}: ${mine.length} messages instead of one${mine.length ? `: ${mine.map((e) => e.message).join(' | ')}` : ''}`,
      );
      continue;
    }
    const message = mine[0]!.message;
    const at = new RegExp(`^${file.replace(/[.]/g, '\\.')}:(\\d+):(\\d+): .+\\n  fix: .+`).exec(message);
    if (!at) figures.problems.push(`${file}: the message lacks file:line:column or a fix: ${message}`);
    else if (line !== undefined && Number(at[1]) !== line)
      figures.problems.push(`${file}: points at line ${at[1]}, the mistake is on line ${line}: ${message}`);
  }

  for (const [name, { file, text, line }] of Object.entries(OPTION_FILES)) {
    figures.optionFiles++;
    const dir = join(root, 'options', name);
    await mkdir(join(dir, 'content'), { recursive: true });
    await writeFile(join(dir, file), text);
    let message = '';
    try {
      if (file.endsWith('lexicon.yml')) readLexicon(join(dir, file), file);
      else readGlossary(dir, file);
    } catch (error) {
      message = (error as Error).message;
    }
    if (!message) {
      figures.problems.push(`${name}: ${file} was accepted`);
      continue;
    }
    figures.messages.push(message);
    const at = new RegExp(`^${file.replace(/[.]/g, '\\.')}:(\\d+):(\\d+): `).exec(message);
    if (!at) figures.problems.push(`${name}: the message lacks file:line:column: ${message}`);
    else if (Number(at[1]) !== line)
      figures.problems.push(`${name}: points at line ${at[1]}, the mistake is on line ${line}: ${message}`);
  }
  return figures;
}

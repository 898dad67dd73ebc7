/**
 * Independent confirmation: tools that are not ours agree with our checks. markdownlint
 * (with the documented .markdownlint.jsonc) on every committed generated page, and
 * html-validate (recommended preset, documented exceptions in .htmlvalidate.json) on a
 * built site (AIGC_DIST, else the demo's dist/ when `npm run build` made one) and on the
 * corpus' valid page rendered to HTML.
 */
import { existsSync, globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigData } from 'html-validate';
import { lint, readConfig } from 'markdownlint/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPageHtml, validateBuiltHtml } from '../support/html-validate.ts';
import { sanitizeMarkdown } from '../../integrations/aigc/src/validate/sanitize.ts';
import { loadCorpus } from './corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The config is JSONC with whole-line `//` comments only (kept that way so no JSONC parser is needed). */
const parseJsonc = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
const markdownlintConfig = () => readConfig(join(ROOT, '.markdownlint.jsonc'), [parseJsonc]);
const htmlConfig = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;

const generated = globSync('content/generated/**/*.md', { cwd: ROOT }).sort();
const valid = loadCorpus().find((c) => c.name === 'valid')!;

async function markdownlint(files: Record<string, string>): Promise<string[]> {
  const result = await lint({ strings: files, config: await markdownlintConfig() });
  return Object.entries(result).flatMap(([name, errors]) =>
    errors.map(
      (e) =>
        `${name}:${e.lineNumber}  ${e.ruleNames.join('/')} ${e.ruleDescription}${e.errorDetail ? ` (${e.errorDetail})` : ''}`,
    ),
  );
}

describe('markdownlint', () => {
  it('passes the corpus valid page and catches a bad one (the config works both ways)', async () => {
    expect(await markdownlint({ valid: valid.input })).toEqual([]);
    const bad = loadCorpus().find((c) => c.name === 'heading-level-jump')!;
    expect((await markdownlint({ bad: bad.input })).join('\n')).toContain('MD001');
  });

  it.skipIf(generated.length === 0)('passes every committed generated page under content/generated/', async () => {
    const files = Object.fromEntries(generated.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
    expect(await markdownlint(files)).toEqual([]);
  });

  if (generated.length === 0) {
    it.skip('no generated Markdown committed yet under content/generated/ (the lead generates it): nothing to lint', () => {});
  }
});

describe('html-validate', () => {
  const temp = mkdtempSync(join(tmpdir(), 'aigc-html-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  const dist = process.env.AIGC_DIST ?? (existsSync(join(ROOT, 'dist/index.html')) ? join(ROOT, 'dist') : undefined);
  it.skipIf(!dist)('passes every page of the built site (AIGC_DIST or the demo dist/)', async () => {
    expect(await validateBuiltHtml(dist!, htmlConfig)).toEqual([]);
  });

  it('passes the corpus valid page rendered to HTML, and fails a page with broken raw HTML', async () => {
    writeFileSync(join(temp, 'valid.html'), await renderPageHtml(valid.input, 'How solar panels work'));
    expect(await validateBuiltHtml(temp, htmlConfig)).toEqual([]);

    // What a model wrote as prose ("<collection>/<slug>") is broken HTML unless sanitized…
    const prose =
      '---\ntitle: T\n---\n\n## Where files go\n\nPages go to content/generated/<collection>/<slug>.md in the project.\n';
    writeFileSync(join(temp, 'broken.html'), await renderPageHtml(prose, 'T'));
    const problems = await validateBuiltHtml(temp, htmlConfig);
    expect(problems.some((p) => p.startsWith('broken.html:') && p.includes('[element-name]'))).toBe(true);
    // …and valid once the sanitizer escaped it.
    writeFileSync(join(temp, 'broken.html'), await renderPageHtml(sanitizeMarkdown(prose).markdown, 'T'));
    expect(await validateBuiltHtml(temp, htmlConfig)).toEqual([]);
  });
});

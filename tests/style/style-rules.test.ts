/**
 * The house style's checks on pages as written: each finding has its rule id, the severity
 * the style file gives and the position in the generated file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { loadStyle, StyleError, styleRule } from '../../integrations/aigc/src/validate/style/rule.ts';
import { StyleSchema } from '../../integrations/aigc/src/validate/style/config.ts';
import { options, tempDir } from '../reference/support.ts';

const outline = (lang: string) =>
  parseOutline(`---\ntitle: T\nlang: ${lang}\n---\n\n## Basics\n- a point\n`, {
    file: 'content/outlines/articles/t.md',
    collection: 'articles',
    slug: 't',
    defaultLang: 'en',
  });

async function check(markdown: string, style: unknown, lang = 'en') {
  const parsed = StyleSchema.parse(style);
  return validateMarkdown(markdown, {
    file: 'page.md',
    outline: outline(lang),
    options: { ...options().validation, rules: { 'outline-coverage': 'off', length: 'off' } },
    extraRules: [styleRule(parsed, lang)],
  });
}

const only = (findings: Awaited<ReturnType<typeof check>>, prefix = 'style-') =>
  findings.filter((f) => f.ruleId.startsWith(prefix)).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);

describe('house style', () => {
  it('reports an avoided term at its position, as an error, with the preferred term as the fix', async () => {
    const findings = await check('---\ntitle: T\n---\n\n## Basics\n\nTeams utilize outlines.\n', {
      terms: { en: { utilize: 'use' } },
    });
    const term = findings.find((f) => f.ruleId === 'style-term')!;
    expect([term.line, term.column, term.severity]).toEqual([7, 7, 'error']);
    expect(term.fix).toBe('Write "use" instead of "utilize".');
  });

  it('runs the retext checks with positions: passive voice, repeated words, spelling from dictionary-en', async () => {
    const text =
      '---\ntitle: T\n---\n\n## Basics\n\nThe page was written by the the model.\n\nIt is a recieved draft.\n';
    const findings = only(await check(text, { spelling: { words: [] } }));
    expect(findings, findings.join('; ')).toContain('7:14 warning style-passive');
    expect(findings, findings.join('; ')).toContain('7:25 error style-repeated-word');
    expect(findings).toContain('9:9 warning style-spelling');
  });

  it("the style file sets each rule's severity, and `off` silences it", async () => {
    const text = '---\ntitle: T\n---\n\n## Basics\n\nThe page was written by a model.\n';
    expect(only(await check(text, { rules: { 'style-passive': 'error' } }))).toContain('7:14 error style-passive');
    expect(
      only(await check(text, { rules: { 'style-passive': 'off' } })).filter((f) => f.endsWith('style-passive')),
    ).toEqual([]);
    expect(only(await check(text, { voice: 'any' }))).toEqual([]);
  });

  it('reports long sentences, Title Case sub-headings and spelled-out numbers', async () => {
    const long = `${'word '.repeat(12).trim()} end.`;
    const text = `---\ntitle: T\n---\n\n## Basics\n\n### Making Good Pages\n\n${long}\n\nWe wrote seven pages.\n`;
    const findings = only(
      await check(text, { sentenceLength: { words: 10 }, headingCase: 'sentence', numbers: 'numerals' }),
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        '7:1 warning style-heading-case',
        '9:1 warning style-sentence-length',
        '11:10 warning style-numbers',
      ]),
    );
  });

  it('Chinese: a space between CJK and Latin text, and full-width punctuation', async () => {
    const text = '---\ntitle: T\nlang: zh-CN\n---\n\n## 基础\n\n在Astro 中使用大纲,然后生成页面.\n';
    const findings = await check(text, {}, 'zh-CN');
    expect(only(findings)).toEqual([
      '8:2 error style-cjk-spacing',
      '8:13 error style-cjk-punctuation',
      '8:20 error style-cjk-punctuation',
    ]);
    expect(findings.find((f) => f.ruleId === 'style-cjk-punctuation')!.fix).toBe('Use the full-width "，".');
    expect(
      only(
        await check('---\ntitle: T\nlang: zh-CN\n---\n\n## 基础\n\n在 Astro 中使用大纲，然后生成页面。\n', {}, 'zh-CN'),
      ),
    ).toEqual([]);
  });

  it('a bad style file names the file, the key and the fix; no file means no style', async () => {
    const root = tempDir('style');
    expect(await loadStyle(root, 'content/style.yml')).toBeUndefined();
    mkdirSync(join(root, 'content'), { recursive: true });
    writeFileSync(join(root, 'content/style.yml'), 'voice: active\nreadingAge: old\n');
    await expect(loadStyle(root, 'content/style.yml')).rejects.toThrow(/content\/style\.yml:2: `readingAge`: .*README/);
    writeFileSync(join(root, 'content/style.yml'), 'rules:\n  style-pasive: off\n');
    await expect(loadStyle(root, 'content/style.yml')).rejects.toBeInstanceOf(StyleError);
    await expect(loadStyle(root, 'content/style.yml')).rejects.toThrow(/unknown rule\(s\) style-pasive/);
  });
});

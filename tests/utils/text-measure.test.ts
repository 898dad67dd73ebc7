import { describe, expect, it } from 'vitest';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { ValidationOptionsSchema } from '../../integrations/aigc/src/validate/options.ts';
import { buildArticleMessages } from '../../integrations/aigc/src/generators/article/prompt.ts';
import {
  countsCharacters,
  lengthUnit,
  measureMarkdown,
  readingMinutes,
} from '../../integrations/aigc/src/utils/text-measure.ts';
import { corpusOutline } from '../validate/corpus.ts';

describe('length in the unit of the language', () => {
  it('counts Chinese in characters, a Latin acronym as one', () => {
    expect(measureMarkdown('什么是 AIGC？人工智能生成内容。', 'zh-CN')).toEqual({ count: 12, unit: 'characters' });
  });

  it('counts Japanese kana and Korean Hangul as characters', () => {
    expect(measureMarkdown('ひらがなカタカナ', 'ja')).toEqual({ count: 8, unit: 'characters' });
    expect(measureMarkdown('한국어 문장', 'ko')).toEqual({ count: 5, unit: 'characters' });
  });

  it('counts English in words and leaves code, inline code, bare URLs and frontmatter out', () => {
    const md =
      "---\ntitle: Not counted\n---\n\n## Heading\n\nIt's a [link](https://example.org/x) here `not()` https://example.org/bare.\n\n```ts\nconst ignored = true;\n```\n";
    expect(measureMarkdown(md, 'en')).toEqual({ count: 5, unit: 'words' });
    expect(measureMarkdown('+++\ntitle = "Not counted either"\n+++\n\nTwo words', 'en').count).toBe(2);
  });

  it('does not count a fence that only looks closed by a longer one', () => {
    // A regex over Markdown closed this block at the inner ``` and counted the rest as prose.
    const md = '````md\n```\nnot prose at all\n```\n````\n\nOne.';
    expect(measureMarkdown(md, 'en').count).toBe(1);
  });

  it('gives Chinese and English reading times from their own speeds', () => {
    expect(readingMinutes(1200, 'zh-CN')).toBe(3);
    expect(readingMinutes(460, 'en')).toBe(2);
    expect(readingMinutes(1, 'en')).toBe(1);
    expect(countsCharacters('zh-Hant')).toBe(true);
    expect(countsCharacters('ZH_tw')).toBe(true);
    expect(countsCharacters('en-GB')).toBe(false);
    expect(countsCharacters('zha')).toBe(false);
    expect(lengthUnit('ja-JP')).toBe('characters');
  });
});

describe('the length check, the prompt and ReadingTime measure alike', () => {
  it('the length check counts "AIGC" inside Chinese as one character, as ReadingTime does', async () => {
    const body = '# 标题\n\n' + 'AIGC 是人工智能生成内容。'.repeat(10) + '\n';
    const measured = measureMarkdown(body, 'zh-CN');
    // 标题 + 10 × (AIGC + 9 characters) = 102; the old check counted AIGC as four (132).
    expect(measured.count).toBe(102);
    const outline = corpusOutline(1000);
    outline.data.lang = 'zh-CN';
    const findings = await validateMarkdown(body, {
      file: 'content/generated/articles/x.md',
      outline,
      options: ValidationOptionsSchema.parse({ rules: { links: 'off', 'outline-coverage': 'off' } }),
    });
    const length = findings.find((finding) => finding.ruleId === 'length');
    expect(length?.reason).toContain('has 102 characters');
    const user = buildArticleMessages(outline)[1]!.content;
    expect(user).toContain('about 1000 characters');
  });
});

import { describe, expect, it } from 'vitest';
import { countsCharacters, readingMinutes, textLength } from '../../integrations/aigc/src/generators/translation/length.ts';

describe('length in the unit of the language', () => {
  it('counts Chinese in characters, a Latin acronym as one', () => {
    expect(textLength('什么是 AIGC？人工智能生成内容。', 'zh-CN')).toEqual({ count: 12, unit: 'characters' });
  });

  it('counts Japanese kana and Korean Hangul as characters', () => {
    expect(textLength('ひらがなカタカナ', 'ja')).toEqual({ count: 8, unit: 'characters' });
    expect(textLength('한국어 문장', 'ko')).toEqual({ count: 5, unit: 'characters' });
  });

  it('counts English in words and leaves code and URLs out', () => {
    const md = "## Heading\n\nIt's a [link](https://example.org/x) here.\n\n```ts\nconst ignored = true;\n```\n";
    expect(textLength(md, 'en')).toEqual({ count: 5, unit: 'words' });
  });

  it('gives Chinese and English reading times from their own speeds', () => {
    expect(readingMinutes('字'.repeat(1200), 'zh-CN')).toBe(3);
    expect(readingMinutes('word '.repeat(460), 'en')).toBe(2);
    expect(readingMinutes('short', 'en')).toBe(1);
    expect(countsCharacters('zh-Hant')).toBe(true);
    expect(countsCharacters('en-GB')).toBe(false);
  });
});

/**
 * Length and reading time that mean the same thing in every language: Chinese, Japanese
 * and Korean are counted in characters (they put no spaces between words), the rest in words.
 */

/** Languages whose length is counted in characters, not words. */
export function countsCharacters(lang: string): boolean {
  return /^(zh|ja|ko)\b/i.test(lang);
}

/** One CJK character: Han ideographs, kana, Hangul syllables. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** A run of letters or digits outside those scripts (Latin words inside Chinese text count as one each). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

export interface TextLength {
  count: number;
  unit: 'characters' | 'words';
}

/** The readable text of Markdown: code blocks, URLs and markup removed. */
export function readableText(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?\n\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#>*_~|]/g, ' ');
}

/** Length of a Markdown text in the unit its language is measured in. */
export function textLength(markdown: string, lang: string): TextLength {
  const text = readableText(markdown);
  if (!countsCharacters(lang)) return { count: (text.match(WORD) ?? []).length, unit: 'words' };
  const cjk = (text.match(CJK_CHARACTER) ?? []).length;
  // Latin words inside CJK text (product names, acronyms) count as one character each.
  const latin = (text.replace(CJK_CHARACTER, ' ').match(WORD) ?? []).length;
  return { count: cjk + latin, unit: 'characters' };
}

/** Usual silent reading speeds: words per minute, or characters per minute for CJK. */
const READING_SPEED: Record<string, number> = { zh: 400, ja: 500, ko: 500, default: 230 };

/** Minutes to read a Markdown text, at least 1. */
export function readingMinutes(markdown: string, lang: string): number {
  const { count } = textLength(markdown, lang);
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  const speed = READING_SPEED[primary] ?? READING_SPEED.default!;
  return Math.max(1, Math.round(count / speed));
}

/** Chinese outlines get Chinese prose; everything else gets English. */
export function isChinese(lang: string): boolean {
  return /^zh\b/i.test(lang);
}

/** Languages whose `length` counts characters, not words. */
export function countsCharacters(lang: string): boolean {
  return /^(zh|ja|ko)\b/i.test(lang);
}

/**
 * Length of Markdown prose the way an outline's `length` means it: words, or CJK
 * characters (plus Latin words inside them) for zh/ja/ko. Fenced blocks and headings
 * do not count.
 */
export function measureLength(markdown: string, lang: string): number {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, '').replace(/^#{1,6}\s.*$/gm, '');
  const pattern = countsCharacters(lang) ? /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[A-Za-z0-9]+/g : /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  return prose.match(pattern)?.length ?? 0;
}

const CJK = '[\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af]';
const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

/** ASCII punctuation next to Chinese characters becomes its full-width form. */
export function chinesePunctuation(text: string): string {
  return text
    .replace(new RegExp(`(${CJK})\\s*([,;:!?)])\\s*`, 'g'), (_, before: string, mark: string) => before + FULL_WIDTH[mark]!)
    .replace(new RegExp(`\\s*([,;:!?])\\s*(?=${CJK})`, 'g'), (_, mark: string) => FULL_WIDTH[mark]!)
    .replace(new RegExp(`\\s*\\(\\s*(?=${CJK})`, 'g'), '（')
    .replace(new RegExp(`(${CJK})\\.(?=\\s|$)`, 'g'), '$1。');
}

/** `a`, `a and b`, `a, b and c` (semicolons when an item has its own commas). */
export function joinEnglish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const separator = items.some((item) => item.includes(',')) ? '; ' : ', ';
  return `${items.slice(0, -1).join(separator)} and ${items.at(-1)}`;
}

/** `甲`, `甲和乙`, `甲、乙和丙`. */
export function joinChinese(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

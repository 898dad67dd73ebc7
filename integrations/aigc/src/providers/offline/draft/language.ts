/** Chinese outlines get Chinese prose; everything else gets English. */
export function isChinese(lang: string): boolean {
  return /^zh\b/i.test(lang);
}

const CJK = '[\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af]';
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/** ASCII punctuation next to Chinese characters becomes its full-width form. */
export function chinesePunctuation(text: string): string {
  return text
    .replace(
      new RegExp(`(${CJK})\\s*([,;:!?)])\\s*`, 'g'),
      (_, before: string, mark: string) => before + FULL_WIDTH[mark]!,
    )
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

/**
 * Text for XML (RSS, the podcast feed, SVG, XMP) and HTML attributes and text. Characters
 * XML 1.0 does not allow at all (C0 controls other than tab, newline and carriage return,
 * lone surrogates, U+FFFE and U+FFFF) are dropped: no escape makes them legal, and one of
 * them makes a feed reader reject the whole document.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => ENTITY[character]!);
}

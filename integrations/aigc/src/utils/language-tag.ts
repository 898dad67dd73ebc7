import { parse } from 'bcp-47';

/**
 * A well-formed BCP 47 tag (bcp-47 parses it) whose language is an ISO 639 code of two or
 * three letters: `English` is well-formed (a 5–8 letter registered-language subtag) but a
 * name, not a tag anyone means.
 */
export function isLanguageTag(value: string): boolean {
  const { language } = parse(value);
  return typeof language === 'string' && /^[A-Za-z]{2,3}$/.test(language);
}

/** Primary language subtag, lower-cased (`zh-Hant-TW` → `zh`, `zh_CN` → `zh`); '' when there is none. */
export function primaryLanguage(tag: string): string {
  return (parse(tag.trim().replaceAll('_', '-')).language ?? '').toLowerCase();
}

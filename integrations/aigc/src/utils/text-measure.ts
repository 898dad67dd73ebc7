/**
 * The one measure of text length, used by prompts, the `length` check, translation and
 * `ReadingTime`: words, or characters for Chinese, Japanese and Korean (they put no spaces
 * between words). A run of Latin letters or digits inside CJK text ("AIGC", "2025") counts
 * as one character: it is one word to the reader, as long to read as a character or two,
 * and a model asked for "800 characters" does not count acronyms letter by letter.
 * Only prose counts: code, inline code, HTML, frontmatter and bare URLs do not.
 */
import type { Nodes, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { primaryLanguage } from './language-tag.ts';
import { parseMarkdown } from './markdown.ts';

export type LengthUnit = 'characters' | 'words';

export interface TextLength {
  count: number;
  unit: LengthUnit;
}

/** Whether a language's length is counted in characters rather than words. */
export function countsCharacters(lang: string): boolean {
  return ['zh', 'ja', 'ko'].includes(primaryLanguage(lang));
}

/** The unit a language's length is given in. */
export function lengthUnit(lang: string): LengthUnit {
  return countsCharacters(lang) ? 'characters' : 'words';
}

/** One CJK character: Han ideographs, kana, Hangul syllables. */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** A word: a run of letters or digits, with inner apostrophes, hyphens and underscores. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

/** Length of plain text (no Markdown) in its language's unit. */
export function countText(text: string, lang: string): number {
  if (!countsCharacters(lang)) return text.match(WORD)?.length ?? 0;
  const cjk = text.match(CJK_CHARACTER)?.length ?? 0;
  const latin = text.replace(CJK_CHARACTER, ' ').match(WORD)?.length ?? 0;
  return cjk + latin;
}

/**
 * Text nodes a reader reads: outside code, inline code, HTML and frontmatter, and not the
 * bare URL of an autolink. Link text, emphasis and headings count.
 */
export function proseNodes(tree: Root): Text[] {
  const texts: Text[] = [];
  visit(tree, (node: Nodes) => {
    if (
      node.type === 'code' ||
      node.type === 'inlineCode' ||
      node.type === 'html' ||
      node.type === 'yaml' ||
      node.type === 'toml'
    )
      return SKIP;
    if (
      node.type === 'link' &&
      node.children.length === 1 &&
      node.children[0]?.type === 'text' &&
      isBareUrl(node.children[0].value, node.url)
    )
      return SKIP;
    if (node.type === 'text') texts.push(node);
    return undefined;
  });
  return texts;
}

function isBareUrl(text: string, url: string): boolean {
  return text === url || `mailto:${text}` === url || `http://${text}` === url;
}

/** Length of a Markdown text (or its tree) in its language's unit. */
export function measureMarkdown(markdown: string | Root, lang: string): TextLength {
  const tree = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  const text = proseNodes(tree)
    .map((node) => node.value)
    .join(' ');
  return { count: countText(text, lang), unit: lengthUnit(lang) };
}

/** Usual silent reading speeds: words per minute, or characters per minute for CJK. */
const READING_SPEED: Readonly<Record<string, number>> = { zh: 400, ja: 500, ko: 500 };
const DEFAULT_READING_SPEED = 230;

/** Minutes to read a text of `count` units of `lang`, at least 1. */
export function readingMinutes(count: number, lang: string): number {
  const speed = READING_SPEED[primaryLanguage(lang)] ?? DEFAULT_READING_SPEED;
  return Math.max(1, Math.round(count / speed));
}

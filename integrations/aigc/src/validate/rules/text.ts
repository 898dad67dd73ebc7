import type { Nodes, Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';

/** Prose of the page: text nodes outside code, HTML, frontmatter and media fences. */
export function proseNodes(tree: Root): Text[] {
  const texts: Text[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return SKIP;
    if (node.type === 'text') texts.push(node);
    return undefined;
  });
  return texts;
}

/** Languages whose length is counted in characters rather than words. */
export function countsCharacters(lang: string): boolean {
  return /^(zh|ja|ko)\b/i.test(lang);
}

/** Words (or CJK characters, for zh/ja/ko) in the prose of the page. */
export function measureLength(tree: Root, lang: string): number {
  const text = proseNodes(tree).map((node) => node.value).join(' ');
  if (countsCharacters(lang)) return text.replace(/[\s\p{P}]/gu, '').length;
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/**
 * The mdast tree of an outline file. A byte order mark is dropped first: micromark does
 * not count it, and offsets must index the same string we slice.
 */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** The file text as the parser sees it. */
export function withoutBom(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

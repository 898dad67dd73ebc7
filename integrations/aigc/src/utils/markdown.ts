/**
 * The one Markdown parser of the package: CommonMark with GFM (tables, task lists,
 * strikethrough, autolinks, footnotes) and YAML (`---`) or TOML (`+++`) frontmatter.
 * Outlines, generated pages, checks, translation and narration all read Markdown with it,
 * so a construct means the same thing to each of them.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A fresh (unfrozen) processor: add plugins such as remark-rehype and checks to it. */
export function markdownProcessor() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
}

const parser = markdownProcessor().freeze();

/** The mdast tree of a Markdown text (positions index `text` itself). */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** The plain text of each heading in order (markup dropped, code in code blocks ignored). */
export function headingTexts(tree: Root): string[] {
  const headings: string[] = [];
  visit(tree, 'heading', (node) => {
    headings.push(toString(node));
  });
  return headings;
}

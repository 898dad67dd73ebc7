import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { GENERATED_LINK_REL, isExternalHref, isGeneratedFile } from './generated-links.ts';
import { sanitizeGeneratedTree } from './sanitize-tree.ts';

/** The generated-links rule as a rehype plugin (for sites on the unified processor). */
export function rehypeGeneratedLinks(options: { outputDir: string }) {
  return (tree: Root, file: VFile): void => {
    if (!isGeneratedFile(file.path, options.outputDir)) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a' && isExternalHref(node.properties.href)) node.properties.rel = [...GENERATED_LINK_REL];
    });
  };
}

/** Generated pages through the render-time allow-list (site/render/sanitize-tree.ts), on unified. */
export function rehypeSanitizeGenerated(options: { outputDir: string }) {
  return (tree: Root, file: VFile): Root | undefined => {
    if (!isGeneratedFile(file.path, options.outputDir)) return undefined;
    return sanitizeGeneratedTree(tree);
  };
}

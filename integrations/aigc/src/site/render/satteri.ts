import { fileURLToPath } from 'node:url';
import type { HastPluginDefinition } from 'satteri';
import type { Root } from 'hast';
import { GENERATED_LINK_REL, isExternalHref, isGeneratedFile } from './generated-links.ts';
import { sanitizeGeneratedTree } from './sanitize-tree.ts';

/** The generated-links rule as a Sätteri hast plugin (Astro 7's default processor). */
export function satteriGeneratedLinks(outputDir: string): HastPluginDefinition {
  return {
    name: 'astro-aigc:generated-links',
    element: {
      filter: ['a'],
      visit(node, ctx) {
        const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
        if (!isGeneratedFile(file, outputDir) || !isExternalHref(node.properties?.href)) return;
        ctx.setProperty(node, 'rel', [...GENERATED_LINK_REL]);
      },
    },
  };
}

/**
 * Generated pages through the render-time allow-list (site/render/sanitize-tree.ts), as a
 * Sätteri hast plugin: once the tree is complete, the whole root is replaced by its sanitised copy.
 */
export function satteriSanitizeGenerated(outputDir: string): HastPluginDefinition {
  return {
    name: 'astro-aigc:sanitize-generated',
    after(root, ctx) {
      const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
      if (!isGeneratedFile(file, outputDir)) return;
      ctx.replaceNode(root, sanitizeGeneratedTree(root as Root));
    },
  };
}

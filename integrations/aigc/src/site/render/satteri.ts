import { fileURLToPath } from 'node:url';
import type { HastPluginDefinition } from 'satteri';
import { GENERATED_LINK_REL, isExternalHref, isGeneratedFile } from './generated-links.ts';

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

import type { AstroConfig } from 'astro';
import { satteriGeneratedLinks, satteriSanitizeGenerated } from './satteri.ts';
import { rehypeGeneratedLinks, rehypeSanitizeGenerated } from './unified.ts';

/**
 * Add our render plugins to whichever Markdown processor is active, as Starlight does:
 * Astro 7 defaults to Sätteri (hastPlugins); sites on unified get rehype plugins.
 * `markdown.rehypePlugins` is deprecated in Astro 7, so it is never used.
 */
export function addRenderPlugins(config: AstroConfig, outputDir: string): 'satteri' | 'unified' | 'none' {
  const processor = config.markdown.processor as { name: string; options: Record<string, unknown> } | undefined;
  if (!processor) return 'none';
  if (processor.name === 'satteri') {
    const list = (processor.options.hastPlugins ??= []) as unknown[];
    // Sanitise first: the links rule then sees the tree readers get.
    list.push(satteriSanitizeGenerated(outputDir), satteriGeneratedLinks(outputDir));
    return 'satteri';
  }
  if (processor.name === 'unified') {
    const list = (processor.options.rehypePlugins ??= []) as unknown[];
    list.push([rehypeSanitizeGenerated, { outputDir }], [rehypeGeneratedLinks, { outputDir }]);
    return 'unified';
  }
  return 'none';
}

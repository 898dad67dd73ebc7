import type { AstroConfig } from 'astro';
import { satteriGeneratedLinks } from './satteri.ts';
import { rehypeGeneratedLinks } from './unified.ts';

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
    list.push(satteriGeneratedLinks(outputDir));
    return 'satteri';
  }
  if (processor.name === 'unified') {
    const list = (processor.options.rehypePlugins ??= []) as unknown[];
    list.push([rehypeGeneratedLinks, { outputDir }]);
    return 'unified';
  }
  return 'none';
}

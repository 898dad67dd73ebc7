import type { AstroIntegrationLogger } from 'astro';
import type { AigcOptions } from '../options.ts';

/** Work on the built site (search index and the like), after Astro wrote `dir`. */
export async function onBuildDone(_context: { dir: URL; root: string; options: AigcOptions; logger: AstroIntegrationLogger }): Promise<void> {
  // Nothing yet: the reader's-site work adds the search index here.
}

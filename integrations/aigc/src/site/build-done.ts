import type { AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import type { AigcOptions } from '../options.ts';
import { resolve } from 'node:path';
import { writeSearchIndex } from './search-index.ts';
import { copyAssets } from './static-assets.ts';

/** Work on the built site, after Astro wrote `dir`: generated assets copied in, the Pagefind search index. */
export async function onBuildDone(context: {
  dir: URL;
  root: string;
  options: AigcOptions;
  logger: AstroIntegrationLogger;
}): Promise<void> {
  const dir = fileURLToPath(context.dir);
  if (context.options.routes.assets) await copyAssets(resolve(context.root, context.options.output), dir);
  try {
    const search = await writeSearchIndex(dir, resolve(context.root, context.options.cacheDir, 'search-index'));
    context.logger.info(
      search.skipped
        ? `search: ${search.skipped}`
        : `search index: ${search.pages} pages (${search.languages.join(', ')})`,
    );
  } catch (error) {
    // A site without search still works; say why it has none.
    context.logger.warn(`search index not written: ${(error as Error).message}`);
  }
}

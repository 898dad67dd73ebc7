import type { AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import type { AigcOptions } from '../options.ts';
import { join, resolve } from 'node:path';
import { discard } from './set-aside-output.ts';
import { writeSearchIndex } from './search-index.ts';
import { copyAssets } from './static-assets.ts';

/** Work on the built site, after Astro wrote `dir`: generated assets copied in, the Pagefind search index. */
export async function onBuildDone(context: {
  dir: URL;
  root: string;
  options: AigcOptions;
  logger: AstroIntegrationLogger;
  /** The last build's output, set aside at the start of this one (set-aside-output.ts). */
  previousOutput?: string | undefined;
}): Promise<void> {
  const dir = fileURLToPath(context.dir);
  const cacheDir = resolve(context.root, context.options.cacheDir);
  const { previousOutput } = context;
  try {
    if (context.options.routes.assets)
      await copyAssets(resolve(context.root, context.options.output), dir, {
        manifest: join(cacheDir, 'assets-copied.json'),
        previousOutput,
      });
    await searchIndex(dir, cacheDir, previousOutput, context.logger);
  } finally {
    if (previousOutput) discard(previousOutput);
  }
}

async function searchIndex(
  dir: string,
  cacheDir: string,
  previousOutput: string | undefined,
  logger: AstroIntegrationLogger,
): Promise<void> {
  try {
    const search = await writeSearchIndex(dir, join(cacheDir, 'search-index'), previousOutput);
    logger.info(
      search.skipped
        ? `search: ${search.skipped}`
        : `search index: ${search.pages} pages (${search.languages.join(', ')})`,
    );
  } catch (error) {
    // A site without search still works; say why it has none.
    logger.warn(`search index not written: ${(error as Error).message}`);
  }
}

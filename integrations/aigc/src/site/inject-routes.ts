import type { HookParameters } from 'astro';
import type { AigcOptions } from '../options.ts';
import { ASSET_BASE } from './assets.ts';

type InjectRoute = HookParameters<'astro:config:setup'>['injectRoute'];

// Routes are modules of this package: `.ts` when run from source (this repo's tests), `.js`
// once compiled into dist/ (what users install).
const moduleExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const route = (file: string) =>
  new URL(`./routes/${file.replace(/\.ts$/, moduleExtension)}`, import.meta.url);

/**
 * Routes every site using the integration gets: generated assets, the AI disclosure page,
 * the RSS feed (with narrations as enclosures), the podcast feed of the narrations and its
 * artwork, llms.txt and a Markdown copy of each page.
 * The search index is written after the build (build-done.ts), from the pages the site
 * really emitted; the sitemap comes from @astrojs/sitemap (sitemap.ts).
 */
export function injectSiteRoutes(injectRoute: InjectRoute, _options: AigcOptions): void {
  injectRoute({ pattern: `${ASSET_BASE}/[...path]`, entrypoint: route('asset.ts'), prerender: true });
  injectRoute({ pattern: '/ai-disclosure', entrypoint: route('ai-disclosure.astro'), prerender: true });
  injectRoute({ pattern: '/rss.xml', entrypoint: route('rss.ts'), prerender: true });
  injectRoute({ pattern: '/podcast.xml', entrypoint: route('podcast.ts'), prerender: true });
  injectRoute({ pattern: '/podcast.png', entrypoint: route('podcast-artwork.ts'), prerender: true });
  injectRoute({ pattern: '/llms.txt', entrypoint: route('llms.ts'), prerender: true });
  injectRoute({ pattern: '/llms-full.txt', entrypoint: route('llms-full.ts'), prerender: true });
  injectRoute({ pattern: '/[collection]/[...id].md', entrypoint: route('markdown.ts'), prerender: true });
}

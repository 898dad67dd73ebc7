import type { HookParameters } from 'astro';
import type { AigcOptions } from '../options.ts';

type InjectRoute = HookParameters<'astro:config:setup'>['injectRoute'];

// Routes are modules of this package: `.ts` when run from source (this repo's tests), `.js`
// once compiled into dist/ (what users install).
// (`here`, not `import.meta.url` inline: Vite would take `new URL('…', import.meta.url)` for
// asset imports where a site bundles this module.)
const here = import.meta.url;
const moduleExtension = here.endsWith('.ts') ? '.ts' : '.js';
const route = (file: string) => new URL(`./routes/${file.replace(/\.ts$/, moduleExtension)}`, here);

/**
 * Routes every site using the integration gets, each switched by `routes` in the options
 * (a site with its own `/rss.xml` turns ours off rather than collide): the AI disclosure page, the RSS feed (with narrations as enclosures), the podcast feed of the
 * narrations and its artwork, llms.txt and a Markdown copy of each page.
 * Generated assets are static files (static-assets.ts), not routes. The search index is
 * written after the build (build-done.ts), from the pages the site really emitted; the sitemap comes from @astrojs/sitemap (sitemap.ts).
 */
export function injectSiteRoutes(injectRoute: InjectRoute, routes: AigcOptions['routes']): void {
  const add = (pattern: string, file: string) => injectRoute({ pattern, entrypoint: route(file), prerender: true });
  if (routes.disclosure) add('/ai-disclosure', 'ai-disclosure.astro');
  if (routes.rss) add('/rss.xml', 'rss.ts');
  if (routes.podcast) {
    add('/podcast.xml', 'podcast.ts');
    add('/podcast.png', 'podcast-artwork.ts');
  }
  if (routes.llms) {
    add('/llms.txt', 'llms.ts');
    add('/llms-full.txt', 'llms-full.ts');
  }
  if (routes.markdown) add('/[collection]/[...id].md', 'markdown.ts');
}

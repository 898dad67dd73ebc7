import type { HookParameters } from 'astro';
import type { AigcOptions } from '../options.ts';
import { ASSET_BASE } from './assets.ts';

type InjectRoute = HookParameters<'astro:config:setup'>['injectRoute'];

/** Routes every site using the integration gets. */
export function injectSiteRoutes(injectRoute: InjectRoute, _options: AigcOptions): void {
  injectRoute({ pattern: `${ASSET_BASE}/[...path]`, entrypoint: new URL('./routes/asset.ts', import.meta.url), prerender: true });
}

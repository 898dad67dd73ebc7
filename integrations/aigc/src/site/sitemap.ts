import sitemap, { type SitemapItem } from '@astrojs/sitemap';
import type { AstroConfig, HookParameters } from 'astro';

type UpdateConfig = HookParameters<'astro:config:setup'>['updateConfig'];

/**
 * Adds `@astrojs/sitemap` when the site has a `site` URL and no sitemap integration of its
 * own, as Starlight does: every page the build emits gets listed in `sitemap-index.xml`.
 * Without `site` there are no absolute URLs to list (the integration warns at start).
 * Returns whether it added one.
 */
export function addSitemap(
  config: AstroConfig,
  updateConfig: UpdateConfig,
  serialize?: (item: SitemapItem) => Promise<SitemapItem>,
): boolean {
  if (!config.site) return false;
  if (config.integrations.some((integration) => integration.name === '@astrojs/sitemap')) return false;
  updateConfig({ integrations: [sitemap(serialize ? { serialize } : {})] });
  return true;
}

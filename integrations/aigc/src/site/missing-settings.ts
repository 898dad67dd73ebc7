import type { AigcOptions, AigcUserOptions } from '../options.ts';

/**
 * What a site without `site` (or `siteName`) gets wrong, said once at start: the sitemap, feeds
 * and social cards need absolute URLs, and feeds and cards are titled with the site's name.
 */
export function missingSiteSettings(
  site: string | undefined,
  given: AigcUserOptions,
  options: AigcOptions,
): string | undefined {
  const feeds = [
    options.routes.rss && '/rss.xml',
    options.routes.podcast && '/podcast.xml',
    options.routes.llms && '/llms.txt',
  ].filter(Boolean);
  const problems: string[] = [];
  if (!site) {
    // Social cards are drawn for every page, so og:image always wants the site's origin.
    problems.push(
      `\`site\` is not set in your Astro config: no sitemap is written, and ${feeds.length > 0 ? `${feeds.join(', ')} and ` : ''}social cards (og:image) get relative or localhost URLs where they need absolute ones. Set \`site: 'https://your.domain'\` in defineConfig().`,
    );
  }
  if (given?.siteName === undefined)
    problems.push(
      `\`siteName\` is not set in aigc(): feeds and social cards are titled "${options.siteName}". Set \`aigc({ siteName: 'Your site' })\`.`,
    );
  return problems.length > 0 ? problems.join(' ') : undefined;
}

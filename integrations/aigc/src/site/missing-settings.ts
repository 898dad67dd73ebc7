import type { AigcOptions, AigcUserOptions } from '../options.ts';

/**
 * What a site without `site` (or `siteName`) gets wrong, said once at start: feeds and social
 * cards need absolute URLs, and both are titled with the site's name.
 */
export function missingSiteSettings(site: string | undefined, given: AigcUserOptions, options: AigcOptions): string | undefined {
  const feeds = [options.routes.rss && '/rss.xml', options.routes.podcast && '/podcast.xml', options.routes.llms && '/llms.txt'].filter(Boolean);
  const problems: string[] = [];
  if (!site) {
    // Social cards are drawn for every page, so og:image always wants the site's origin.
    problems.push(`\`site\` is not set in your Astro config: ${feeds.length > 0 ? `${feeds.join(', ')} and ` : ''}social cards (og:image) need absolute URLs, and get relative or localhost ones. Set \`site: 'https://your.domain'\` in defineConfig().`);
  }
  if (given?.siteName === undefined) problems.push(`\`siteName\` is not set in aigc(): feeds and social cards are titled "${options.siteName}". Set \`aigc({ siteName: 'Your site' })\`.`);
  return problems.length > 0 ? problems.join(' ') : undefined;
}

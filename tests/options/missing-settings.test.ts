import { describe, expect, it } from 'vitest';
import { parseOptions, type AigcUserOptions } from '../../integrations/aigc/src/options.ts';
import { missingSiteSettings } from '../../integrations/aigc/src/site/missing-settings.ts';

const check = (site: string | undefined, given: AigcUserOptions) =>
  missingSiteSettings(site, given, parseOptions(given));

describe('missingSiteSettings', () => {
  it('says nothing when site and siteName are set', () => {
    expect(check('https://example.org', { siteName: 'Notes' })).toBeUndefined();
  });

  it('names the feeds that need absolute URLs, and the fix', () => {
    expect(check(undefined, { siteName: 'Notes' })).toBe(
      "`site` is not set in your Astro config: no sitemap is written, and /rss.xml, /podcast.xml, /llms.txt and social cards (og:image) get relative or localhost URLs where they need absolute ones. Set `site: 'https://your.domain'` in defineConfig().",
    );
  });

  it('leaves out feeds the site switched off; cards still need the origin', () => {
    expect(check(undefined, { siteName: 'Notes', routes: { rss: false, podcast: false, llms: false } })).toMatch(
      /^`site` is not set in your Astro config: no sitemap is written, and social cards \(og:image\) get relative/,
    );
  });

  it('says when the feeds and cards will be titled "astro-aigc"', () => {
    expect(check('https://example.org', {})).toBe(
      '`siteName` is not set in aigc(): feeds and social cards are titled "astro-aigc". Set `aigc({ siteName: \'Your site\' })`.',
    );
  });
});

/**
 * The options as a user meets them, in real `astro build`s of a tiny site (tests/fixtures/sites/options)
 * whose page is the README's `[...id].astro`: a typo in aigc() fails with one readable error and
 * no stack trace; routes switched off leave their paths to the site; a missing `site` is said once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, resetFixture, type BuildResult } from '../support/build-site.ts';

const COLLISION = /The route "\/rss\.xml" is defined in both/;
const SITE_WARNING = /`site` is not set in your Astro config/g;

/** Files of a build worth checking, read before the next build replaces `dist/`; null when missing. */
const FILES = [
  'rss.xml',
  'podcast.xml',
  'llms.txt',
  'posts/hello.md',
  'ai-disclosure/index.html',
  'posts/hello/index.html',
] as const;
type Built = BuildResult & { files: Record<(typeof FILES)[number], string | null> };

async function build(options: unknown, site?: string): Promise<Built> {
  const result = await buildFixture('options', {
    AIGC_FIXTURE_OPTIONS: JSON.stringify(options),
    AIGC_FIXTURE_SITE: site,
  });
  const files = {} as Built['files'];
  for (const file of FILES)
    files[file] = existsSync(join(result.dist, file)) ? await readFile(join(result.dist, file), 'utf8') : null;
  return { ...result, files };
}

describe('fixture site "options"', () => {
  let invalid: Built;
  let ownFeed: Built;
  let collision: Built;

  beforeAll(async () => {
    await resetFixture('options');
    invalid = await build({ text: { provider: 'openia' }, narations: false, image: { sise: '1024x1024' } });
    // Covers and narration on (offline), so the README page shows all it can.
    ownFeed = await build({ siteName: 'Options Fixture', routes: { rss: false }, limits: { requestsPerMinute: 0 } });
    collision = await build(
      { siteName: 'Options Fixture', routes: { markdown: false, disclosure: false }, limits: { requestsPerMinute: 0 } },
      'https://fixture.example.org',
    );
  });

  it('fails on bad options with one error naming every problem and its fix, and no stack trace', () => {
    expect(invalid.code).not.toBe(0);
    expect(invalid.output).toContain('[AigcOptionsError] Invalid astro-aigc options (3 problems):');
    expect(invalid.output).toContain(
      '- `text.provider`: "openia" is not one of "auto", "openai", "offline". Did you mean "openai"?',
    );
    expect(invalid.output).toContain('- `image.sise`: unknown option. Did you mean `image.size`?');
    expect(invalid.output).toContain('- `narations`: unknown option. Did you mean `narration`?');
    expect(invalid.output).toMatch(/Hint:\s+Fix them in aigc\(\{ … \}\) in your Astro config/);
    expect(invalid.output).not.toMatch(/Stack trace:|\n\s+at /);
  });

  it('builds a site with its own /rss.xml and routes.rss: false, without a route collision', () => {
    expect(ownFeed.code, ownFeed.output).toBe(0);
    expect(ownFeed.output).not.toMatch(COLLISION);
    expect(ownFeed.files['rss.xml']).toContain('The site’s own feed');
    // The other routes stay.
    expect(ownFeed.files['podcast.xml']).toContain('<rss');
    expect(ownFeed.files['posts/hello.md']).toContain('# Hello generated world');
    expect(ownFeed.files['ai-disclosure/index.html']).toContain('<html');
  });

  it('warns once, at start, that feeds and cards need `site`', () => {
    expect(ownFeed.output.match(SITE_WARNING)).toHaveLength(1);
    expect(ownFeed.output.indexOf('`site` is not set')).toBeLessThan(
      ownFeed.output.indexOf('generated content/generated/posts/hello.md'),
    );
    expect(ownFeed.output).toContain(
      'no sitemap is written, and /podcast.xml, /llms.txt and social cards (og:image) get relative or localhost URLs',
    );
    expect(collision.output).not.toMatch(SITE_WARNING);
  });

  it('renders the README page: cover, AI label, narration player and social meta from the helpers', () => {
    const page = ownFeed.files['posts/hello/index.html'] ?? '';
    expect(page).toMatch(
      /<img src="\/_aigc\/posts\/hello\/cover\.svg" alt="[^"]*“Hello generated world”[^"]*" width="\d+" height="\d+"/,
    );
    expect(page).toMatch(/<aside class="aigc-provenance"[^>]*data-ai-disclosure="ai-generated"/);
    expect(page).toMatch(/<audio [^>]*src="\/_aigc\/posts\/hello\/narration\.mp3"/);
    expect(page).toMatch(/<track [^>]*src="\/_aigc\/posts\/hello\/narration\.captions\.vtt"/);
    expect(page).toContain('<meta property="og:site_name" content="Options Fixture">');
    expect(page).toMatch(/<meta property="og:image" content="[^"]*\/_aigc\/posts\/hello\/card\.png">/);
    expect(page).toContain('<meta property="og:image:alt" content="Hello generated world">');
  });

  it("shows Astro's collision warning when the site keeps our /rss.xml too (so the check above can fail)", () => {
    expect(collision.code, collision.output).toBe(0);
    expect(collision.output).toMatch(COLLISION);
  });

  it('leaves out switched-off routes, and llms.txt links what exists', () => {
    expect(collision.files['posts/hello.md']).toBeNull();
    expect(collision.files['ai-disclosure/index.html']).toBeNull();
    const llms = collision.files['llms.txt'] ?? '';
    expect(llms).toContain('- [Hello generated world](https://fixture.example.org/posts/hello/)');
    expect(llms).not.toContain('.md)');
    expect(llms).not.toContain('ai-disclosure');
    expect(collision.files['posts/hello/index.html']).toContain(
      '<meta property="og:url" content="https://fixture.example.org/posts/hello/">',
    );
  });
});

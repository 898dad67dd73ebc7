/** A Starlight site whose docs collection uses aigcLoader(): generated guides and reference pages in its sidebar and search. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, resetFixture, type BuildResult } from '../support/build-site.ts';
import { OFFLINE_MODELS } from '../../integrations/aigc/src/providers/offline/models.ts';

/** The sidebar of a Starlight page: its links and the one marked current. */
function sidebarOf(html: string): { links: string[]; current: string | undefined } {
  const start = html.indexOf('class="sidebar-content');
  expect(start, 'Starlight sidebar present').toBeGreaterThan(-1);
  const end = html.indexOf('</nav>', start);
  const part = html.slice(start, end === -1 ? undefined : end);
  const links = [...part.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
  const current = /<a href="([^"]+)"[^>]*aria-current="page"/.exec(part)?.[1];
  return { links, current };
}

/** Text of every page in a Pagefind bundle (fragments are gzip with a signature). */
async function indexedPages(dist: string): Promise<{ url: string; content: string }[]> {
  const dir = join(dist, 'pagefind/fragment');
  const pages = [];
  for (const file of await readdir(dir)) {
    const bytes = gunzipSync(await readFile(join(dir, file)));
    const json = JSON.parse(bytes.subarray('pagefind_dcd'.length).toString('utf8')) as { url: string; content: string };
    pages.push({ url: json.url, content: json.content });
  }
  return pages;
}

describe('Starlight fixture site, offline', () => {
  let build: BuildResult;

  beforeAll(async () => {
    await resetFixture('starlight');
    build = await buildFixture('starlight');
  });

  it('builds, generating the guides and the API reference into the docs collection', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('generated src/content/docs/guides/getting-started.md');
    expect(build.output).toContain('generated src/content/docs/api.md');
    expect(build.output).toMatch(/0 failed/);
  });

  it('lists generated guides and reference pages in the sidebar, marking the current page', async () => {
    const { links, current } = sidebarOf(await readFile(join(build.dist, 'guides/getting-started/index.html'), 'utf8'));
    expect(links).toEqual(
      expect.arrayContaining(['/guides/getting-started/', '/guides/choosing-a-tone/', '/api/', '/api/greet/']),
    );
    expect(current).toBe('/guides/getting-started/');
  });

  it('renders a generated guide with its sections, the AI label and machine-readable marking', async () => {
    const html = await readFile(join(build.dist, 'guides/getting-started/index.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*>Getting started with the greeter<\/h1>/);
    expect(html).toMatch(/<h2[^>]*id="install"/);
    expect(html).toMatch(/<h2[^>]*id="say-hello"/);
    expect(html).toContain('class="aigc-provenance');
    expect(html).toContain('Offline draft');
    expect(html).toMatch(/<meta name="ai-disclosure" content="ai-generated">/);
    expect(html).toContain('"@type":"Article"');
  });

  it('documents the API from the source on its reference page', async () => {
    const html = await readFile(join(build.dist, 'api/greet/index.html'), 'utf8');
    expect(html).toContain('greet');
    expect(html).toMatch(/Greet someone by name/);
  });

  it('serves every link of every reference page: Starlight routes `docs` at `/`, and the pages link there', async () => {
    const pages = (await readdir(join(build.dist, 'api'), { recursive: true }))
      .filter((f) => f.endsWith('index.html'))
      .map((f) => join(build.dist, 'api', f));
    expect(pages.length).toBeGreaterThan(3);
    const checked = new Set<string>();
    const dead: string[] = [];
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      // The page's own content: Starlight's `<main>` (the sidebar is checked by its own test).
      const main = html.slice(html.indexOf('<main'), html.lastIndexOf('</main>'));
      for (const [, href] of main.matchAll(/<a [^>]*href="([^"]+)"/g)) {
        if (!href!.startsWith('/') || href!.startsWith('//')) continue;
        const [path, anchor] = href!.split('#') as [string, string | undefined];
        const key = `${path}#${anchor ?? ''}`;
        if (checked.has(key)) continue;
        checked.add(key);
        const target = join(build.dist, decodeURIComponent(path), path.endsWith('/') ? 'index.html' : '');
        const text = await readFile(target, 'utf8').catch(() => undefined);
        if (text === undefined)
          dead.push(`${href} (from ${page.slice(build.dist.length)}): no ${target.slice(build.dist.length)}`);
        else if (anchor && !text.includes(`id="${anchor}"`))
          dead.push(`${href} (from ${page.slice(build.dist.length)}): no id="${anchor}"`);
      }
    }
    expect(dead).toEqual([]);
    // The reference links across its pages, not only to the overview.
    expect([...checked].filter((k) => k.startsWith('/api/')).length).toBeGreaterThan(3);
    expect([...checked].filter((k) => k.startsWith('/docs/') && !k.includes('.md#'))).toEqual([]);
  });

  it('puts generated guides and reference pages in Starlight’s search index', async () => {
    const pages = await indexedPages(build.dist);
    const urls = pages.map((p) => p.url);
    expect(urls).toEqual(
      expect.arrayContaining(['/guides/getting-started/', '/guides/choosing-a-tone/', '/api/greet/']),
    );
    expect(pages.find((p) => p.url === '/guides/choosing-a-tone/')!.content).toMatch(/formal/i);
    // Starlight made the index and the sitemap; astro-aigc left the index alone and said so,
    // and added no second sitemap integration.
    expect(build.output).toContain('search: the site already has a Pagefind index');
    expect(build.output.match(/\[@astrojs\/sitemap\] `sitemap-index\.xml` created/g) ?? []).toHaveLength(1);
  });

  it('gets the disclosure page and the Markdown copies too', async () => {
    const disclosure = await readFile(join(build.dist, 'ai-disclosure/index.html'), 'utf8');
    expect(disclosure).toContain('src/content/docs/guides/getting-started.md');
    expect(disclosure).toMatch(new RegExp(`<td>${OFFLINE_MODELS.text}</td>|<code>${OFFLINE_MODELS.text}</code>`));
    const markdown = await readFile(join(build.dist, 'docs/guides/getting-started.md'), 'utf8');
    expect(markdown).toMatch(/^# Getting started with the greeter\n/);
    expect(markdown).toContain('## Install');
  });
});

/**
 * The demo site in a real browser: Debian's Chromium driven by playwright-core against the
 * built site served on 127.0.0.1. Set AIGC_DIST to test an already built dist/ instead of
 * building a copy of the demo (the translation checks then run only if it has one).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, fixtureRoot } from '../support/build-site.ts';
import { addTranslation, copyDemo, DEMO_COPY } from './demo-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

if (!existsSync(CHROMIUM)) {
  describe('demo site in Chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is absent (apt-get install chromium)`, () => {});
  });
} else {
  describe('demo site in Chromium', () => {
    let browser: Browser;
    let server: StaticServer;
    let dist: string;
    let generated: string;
    let translation: string | undefined;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      if (process.env.AIGC_DIST) {
        dist = process.env.AIGC_DIST;
        generated = join(dist, '..', 'content/generated');
      } else {
        const root = await copyDemo();
        translation = await addTranslation(root, 'what-is-aigc', 'zh-CN');
        const build = await buildFixture(DEMO_COPY);
        if (build.code !== 0) throw new Error(`the demo site did not build:\n${build.output}`);
        dist = build.dist;
        generated = join(fixtureRoot(DEMO_COPY), 'content/generated');
      }
      server = await serveStatic(dist);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Open a page, recording console errors and uncaught exceptions. */
    async function visit(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
      const page = await browser.newPage({ colorScheme });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
      const response = await page.goto(server.url + path, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      return page;
    }

    async function seriousViolations(page: Page): Promise<string[]> {
      await page.addScriptTag({ path: axePath });
      const results = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                context: Document,
                options: object,
              ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }>;
            };
          }
        ).axe;
        return axe.run(document, { resultTypes: ['violations'] });
      });
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    }

    it('the index lists every page, translations included', async () => {
      const expected: string[] = [];
      for (const collection of ['articles', 'docs']) {
        const files = await readdir(join(generated, collection)).catch(() => [] as string[]);
        for (const file of files.filter((f) => f.endsWith('.md'))) {
          const id = file.slice(0, -3);
          const translated = /^(.+)\.([a-z]{2}(?:-[A-Za-z]+)?)$/.exec(id);
          expected.push(translated ? `/${translated[2]}/${collection}/${translated[1]}/` : `/${collection}/${id}/`);
        }
      }
      expect(expected.length).toBeGreaterThanOrEqual(6);
      const page = await visit('/');
      const links = await page.$$eval('main a', (anchors) => anchors.map((a) => a.getAttribute('href')));
      for (const url of expected) expect(links, `index links ${url}`).toContain(url);
      // Every card's cover has its size in the markup: no layout shift while it loads.
      const covers = await page.$$eval('.card__cover img', (imgs) =>
        imgs.map((img) => [img.getAttribute('width'), img.getAttribute('height')]),
      );
      expect(covers.length).toBeGreaterThan(0);
      for (const [width, height] of covers) expect(Number(width) * Number(height)).toBeGreaterThan(0);
      await page.close();
    });

    it('an article shows its cover, its AI label and a narration player whose audio loads', async () => {
      const page = await visit('/articles/what-is-aigc/');
      const cover = page.locator('.page__cover img');
      await expect
        .poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      expect(await cover.getAttribute('alt')).toMatch(/\S/);
      const label = page.locator('.aigc-provenance__label');
      expect(await label.isVisible()).toBe(true);
      expect(await label.textContent()).toMatch(/AI-generated|Offline draft|AI-assisted, reviewed/);
      expect(await page.locator('meta[name="ai-disclosure"]').getAttribute('content')).toMatch(
        /^ai-(generated|assisted)$/,
      );
      // One JSON-LD block per thing on the page: the article in the head, a VideoObject beside its player.
      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      const things = blocks.map((text) => JSON.parse(text) as { '@type': string; digitalSourceType?: string });
      const article = things.find((thing) => thing['@type'] !== 'VideoObject');
      expect(article?.digitalSourceType).toMatch(/^http:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\//);
      const duration = await page.locator('[data-aigc-narration] audio[data-audio]').evaluate(
        (audio: HTMLAudioElement) =>
          new Promise<number>((resolve) => {
            if (audio.readyState >= 1) return resolve(audio.duration);
            audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
            audio.addEventListener('error', () => resolve(-1), { once: true });
            audio.load();
          }),
      );
      expect(duration).toBeGreaterThan(1);
      expect(await page.locator('[data-transcript] li').count()).toBeGreaterThan(0);
      await page.close();
    });

    it('search finds an English and a Chinese word, with the static Pagefind index', async () => {
      const page = await visit('/search/');
      const input = page.locator('.pagefind-ui__search-input');
      await input.waitFor();
      await input.fill('discriminator');
      await page
        .locator('.pagefind-ui__result-link[href*="/articles/aigc-core-techniques/"]')
        .first()
        .waitFor({ timeout: 20_000 });
      await input.fill('');
      await input.fill('生成对抗网络');
      await page
        .locator('.pagefind-ui__result-link[href*="/articles/what-is-aigc-zh/"]')
        .first()
        .waitFor({ timeout: 20_000 });
      await page.close();
    });

    it('the language switcher reaches the translation and back, with hreflang alternates', async (context) => {
      if (!translation && !existsSync(join(dist, 'zh-CN/articles/what-is-aigc/index.html'))) {
        context.skip('this dist/ has no translation (offline builds produce none)');
      }
      const page = await visit('/articles/what-is-aigc/');
      const alternates = await page.$$eval('link[rel="alternate"][hreflang]', (links) =>
        links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`),
      );
      expect(alternates).toEqual(
        expect.arrayContaining([
          'en /articles/what-is-aigc/',
          'zh-CN /zh-CN/articles/what-is-aigc/',
          'x-default /articles/what-is-aigc/',
        ]),
      );
      await page.locator('nav.aigc-languages a[hreflang="zh-CN"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/zh-CN/articles/what-is-aigc/');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('h1').textContent()).toContain('（机器翻译）');
      expect(await page.locator('.aigc-provenance__label').textContent()).toBe('AI 生成');
      await page.locator('nav.aigc-languages a[hreflang="en"]').click();
      await page.waitForURL('**/articles/what-is-aigc/');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.close();
    });

    it('has no serious or critical accessibility violation on the index, articles, the reference landing and a symbol page, in light and dark', async () => {
      const reference = existsSync(join(generated, 'docs/api.md')) ? '/docs/api/' : '/docs/using-astro-aigc/';
      // A symbol page too: Shiki-highlighted signatures and parameter tables.
      const symbol = existsSync(join(generated, 'docs/api/astro-aigc-api.generate.md'))
        ? ['/docs/api/astro-aigc-api.generate/']
        : [];
      for (const path of ['/', '/articles/what-is-aigc/', '/articles/what-is-aigc-zh/', reference, ...symbol]) {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await visit(path, scheme);
          expect(await seriousViolations(page), `${path} (${scheme})`).toEqual([]);
          await page.close();
        }
      }
    });

    it('is keyboard-usable: the first Tab reaches the skip link, which moves focus to the content', async () => {
      const page = await visit('/docs/using-astro-aigc/');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await page.locator('.sidebar a[aria-current="page"]').first().textContent()).toContain('Using astro-aigc');
      await page.close();
    });

    it('follows the reader’s colour scheme', async () => {
      const background = async (scheme: 'light' | 'dark') => {
        const page = await visit('/', scheme);
        const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await page.close();
        const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
        return (r + g + b) / 3;
      };
      expect(await background('light')).toBeGreaterThan(200);
      expect(await background('dark')).toBeLessThan(60);
    });

    it('publishes RSS, sitemap, llms.txt and Markdown copies whose links all resolve', async () => {
      const local = (url: string) => new URL(url).pathname;
      const fetchOk = async (path: string) => (await fetch(server.url + path)).status;
      const rss = await (await fetch(`${server.url}/rss.xml`)).text();
      const items = [...rss.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
      expect(items.length).toBeGreaterThanOrEqual(5);
      for (const item of items) {
        expect(await fetchOk(local(/<link>([^<]+)<\/link>/.exec(item)![1]!))).toBe(200);
        const enclosure = /<enclosure url="([^"]+)" length="(\d+)" type="audio\/mpeg"\/>/.exec(item);
        if (enclosure) {
          const audio = await fetch(server.url + local(enclosure[1]!));
          expect(Number(audio.headers.get('content-length'))).toBe(Number(enclosure[2]));
        }
      }
      const index = await (await fetch(`${server.url}/sitemap-index.xml`)).text();
      const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => local(m[1]!));
      expect(parts.length).toBeGreaterThan(0);
      const sitemap = (await Promise.all(parts.map(async (part) => (await fetch(server.url + part)).text()))).join(
        '\n',
      );
      const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => local(m[1]!));
      expect(locs).toEqual(expect.arrayContaining(['/', '/articles/what-is-aigc/', '/ai-disclosure/']));
      for (const path of locs) expect(await fetchOk(path), path).toBe(200);
      const llms = await (await fetch(`${server.url}/llms.txt`)).text();
      const mdLinks = [...llms.matchAll(/\]\((https?:[^)]+\.md)\)/g)].map((m) => local(m[1]!));
      expect(mdLinks).toContain('/articles/what-is-aigc.md');
      for (const path of mdLinks) {
        const response = await fetch(server.url + path);
        expect(response.status, path).toBe(200);
        expect(await response.text()).toMatch(/^# .+\n/);
      }
      expect(await (await fetch(`${server.url}/llms-full.txt`)).text()).toContain('# What is AIGC?');
      const disclosure = await (await fetch(`${server.url}/ai-disclosure/`)).text();
      for (const kind of ['article', 'narration', 'cover']) expect(disclosure).toContain(`data-kind="${kind}"`);
    });

    it('logged no console error and requested no missing file on any page visited', () => {
      expect(consoleErrors).toEqual([]);
      expect(server.notFound).toEqual([]);
    });
  });
}

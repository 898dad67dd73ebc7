/**
 * Pages show what the current plan made. A real `astro build` of a fixture site, switching
 * providers both ways: offline (no key) → the test server (key; .webp cover and figure) →
 * offline on purpose. Each time the built page shows the new cover and figure, not the
 * first `cover` entry of the lock by path (`.svg` sorts before `.webp`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { buildFixture, fixtureRoot, resetFixture } from '../support/build-site.ts';

const CONFIG = `// @ts-check
import { defineConfig } from 'astro/config';
import aigc from 'astro-aigc';

// The provider comes from the test: auto, or offline on purpose.
const provider = /** @type {'auto' | 'offline'} */ (process.env.FIXTURE_PROVIDER ?? 'auto');
export default defineConfig({
  site: 'https://images.example.org',
  integrations: [aigc({ narration: false, text: { provider }, image: { provider, size: '1536x1024', format: 'webp' }, limits: { maxRetries: 1, requestsPerMinute: 0 } })],
});
`;

/** A cold `astro build` on a busy 2-core machine. */
const BUILD_TIMEOUT = 300_000;
let server: TaskServer;
const copy = 'images-switch';
const page = async () => readFile(join(fixtureRoot(copy), 'dist/posts/lighthouse/index.html'), 'utf8');

beforeAll(async () => {
  server = await startTaskServer();
  await resetFixture('images', copy);
  await writeFile(join(fixtureRoot(copy), 'astro.config.mjs'), CONFIG);
});
afterAll(() => server.close());

describe('switching providers both ways, built for real', () => {
  it(
    'offline first: the page shows the SVG cover and figure',
    async () => {
      const result = await buildFixture(copy, { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
      expect(result.code, result.output).toBe(0);
      const html = await page();
      expect(html).toMatch(/cover\.svg/);
      expect(html).toMatch(/figure-1\.svg/);
    },
    BUILD_TIMEOUT,
  );

  it(
    'then through the server with a key: the page shows the new raster cover and figure, and says the SVGs are superseded',
    async () => {
      const result = await buildFixture(copy, { OPENAI_API_KEY: 'sk-switch-test', OPENAI_BASE_URL: server.baseURL });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(
        /superseded file\(s\) are no longer shown on pages: content\/generated\/posts\/lighthouse\/cover\.svg \(replaced by content\/generated\/posts\/lighthouse\/cover\.webp\)/,
      );
      const html = await page();
      expect(html).toMatch(/cover\.webp/);
      expect(html).not.toMatch(/cover\.svg/);
      expect(html).toMatch(/<img\b[^>]*src="\/_astro\/figure-1\.[\w-]+\.webp"/);
      expect(html).not.toMatch(/figure-1\.svg/);
    },
    BUILD_TIMEOUT,
  );

  it(
    'then offline on purpose: the page shows the SVGs again',
    async () => {
      const result = await buildFixture(copy, {
        OPENAI_API_KEY: undefined,
        OPENAI_BASE_URL: undefined,
        FIXTURE_PROVIDER: 'offline',
      });
      expect(result.code, result.output).toBe(0);
      const html = await page();
      expect(html).toMatch(/cover\.svg/);
      expect(html).not.toMatch(/cover\.webp/);
      expect(html).toMatch(/figure-1\.svg/);
      expect(html).not.toMatch(/figure-1\.[\w-]*\.?webp/);
    },
    BUILD_TIMEOUT,
  );
});

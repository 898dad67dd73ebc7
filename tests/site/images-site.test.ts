/**
 * Raster covers reach readers through Astro's image pipeline: a fixture site whose cover is
 * drawn by an OpenAI-compatible server (WebP, as GPT image models return it) and rendered
 * with Cover.astro gets a <picture> with AVIF and WebP variants at several widths, with
 * known dimensions, and a link to the original file that keeps its XMP provenance; a raster
 * figure in the article is optimised by the same pipeline.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, resetFixture, type BuildResult } from '../support/build-site.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';

describe('fixture site "images": a raster cover and figure through the OpenAI path', () => {
  let server: FakeOpenAI;
  let result: BuildResult;
  let page: string;

  beforeAll(async () => {
    server = await startFakeOpenAI();
    server.on('POST /v1/images/generations', async (request) => {
      const [width, height] = String(request.body.size).split('x').map(Number) as [number, number];
      const data = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
        .webp()
        .toBuffer();
      return {
        type: 'json',
        body: {
          created: 1_790_000_000,
          data: [{ b64_json: data.toString('base64') }],
          usage: { input_tokens: 30, output_tokens: 1000, total_tokens: 1030 },
        },
      };
    });
    server.on('POST /v1/chat/completions', (request) => {
      const system = String(request.body.messages[0].content);
      if (system.startsWith('You write alt text')) {
        const prompt = String(request.body.messages[1].content);
        return chatCompletionStream(
          prompt.includes('lamp room')
            ? 'The lamp room, its lens glowing.'
            : 'A lighthouse on a rock at dusk, in thick brush strokes.',
        );
      }
      return chatCompletionStream(
        'The lighthouse watches the sea.\n\n## The tower\n\nIt stands on a rock above the sea.\n\n```figure\nThe lamp room at the top of the tower, seen from inside\n```\n',
      );
    });
    await resetFixture('images', 'images-openai');
    result = await buildFixture('images-openai', { OPENAI_API_KEY: 'sk-images', OPENAI_BASE_URL: server.baseURL });
    page = await readFile(join(result.dist, 'posts/lighthouse/index.html'), 'utf8');
  });

  afterAll(async () => {
    await server.close();
  });

  it('builds', () => {
    expect(result.code, result.output).toBe(0);
  });

  it('renders a <picture> with AVIF and WebP sources at several widths, all emitted', () => {
    const picture = /<picture\b[\s\S]*?<\/picture>/.exec(page)?.[0];
    expect(picture, page).toBeDefined();
    const sources = [...picture!.matchAll(/<source\b[^>]*>/g)].map((m) => m[0]);
    expect(sources.map((s) => /type="([^"]+)"/.exec(s)?.[1])).toEqual(['image/avif', 'image/webp']);
    for (const source of sources) {
      const candidates = /srcset="([^"]+)"/
        .exec(source)![1]!
        .split(',')
        .map((c) => c.trim().split(/\s+/) as [string, string]);
      expect(candidates.map(([, w]) => w)).toEqual(['480w', '800w', '1200w', '1536w']);
      for (const [url] of candidates)
        expect(existsSync(join(result.dist, decodeURI(url.split('?')[0]!))), url).toBe(true);
    }
    expect(picture).toMatch(/<img\b[^>]*width="1536"[^>]*height="1024"|<img\b[^>]*height="1024"[^>]*width="1536"/);
    expect(picture).toMatch(/alt="A lighthouse on a rock at dusk, in thick brush strokes\."/);
    expect(picture).toMatch(/fetchpriority="high"/);
  });

  it('optimises a raster figure in the article through the same pipeline, sized, with its alt text and caption', () => {
    const figure = /<figure class="aigc-media aigc-media--figure">[\s\S]*?<\/figure>/.exec(page)?.[0];
    expect(figure, page).toBeDefined();
    const img = /<img\b[^>]*>/.exec(figure!)![0];
    expect(img).toMatch(/alt="The lamp room, its lens glowing\."/);
    expect(img).toMatch(/width="1536"/);
    expect(img).toMatch(/height="1024"/);
    const src = /src="([^"]+)"/.exec(img)![1]!;
    expect(src).toMatch(/^\/_astro\/figure-1\.[\w-]+\.webp$/);
    expect(existsSync(join(result.dist, src))).toBe(true);
    expect(figure).toContain('<figcaption>The lamp room at the top of the tower, seen from inside</figcaption>');
  });

  it('keeps the figure optimised on a second build, when the loader reuses its stored entry', async () => {
    const warm = await buildFixture('images-openai', { OPENAI_API_KEY: 'sk-images', OPENAI_BASE_URL: server.baseURL });
    expect(warm.code, warm.output).toBe(0);
    expect(warm.output).toMatch(/0 generated, \d+ reused/);
    const again = await readFile(join(warm.dist, 'posts/lighthouse/index.html'), 'utf8');
    expect(again).toMatch(/<img\b[^>]*src="\/_astro\/figure-1\.[\w-]+\.webp"/);
  });

  it('does not bundle the social cards, which only other sites show', async () => {
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(result.dist, '_astro')).filter((name) => name.startsWith('card.'))).toEqual([]);
  });

  it('links the original file, which keeps the IPTC digital source type in its XMP', async () => {
    const original = /<a href="(\/_aigc\/posts\/lighthouse\/cover\.webp)"/.exec(page)?.[1];
    expect(original, page).toBeDefined();
    const bytes = await readFile(join(result.dist, original!));
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.xmp?.toString()).toContain('trainedAlgorithmicMedia');
  });
});

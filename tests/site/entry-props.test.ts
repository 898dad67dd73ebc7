import { describe, expect, it } from 'vitest';
import { assetOf, coverProps, socialMetaProps, type GeneratedPage } from '../../integrations/aigc/src/index.ts';
import { GeneratedPageSchema } from '../../integrations/aigc/src/site/schema.ts';

const provenance = { provider: 'offline', model: 'm', generatedAt: '2026-12-01T00:00:00.000Z' };
const asset = (kind: string, file: string, meta: unknown) => ({
  kind,
  path: `content/generated/articles/a/${file}`,
  url: `/_aigc/articles/a/${file}`,
  ...provenance,
  meta,
});

/** A page as the loader hands it over: parsed by the loader's own schema, so meta is typed and checked. */
function page(
  assets: unknown[],
  extra: Record<string, unknown> = {},
): { id: string; collection: string; data: GeneratedPage } {
  const data = GeneratedPageSchema.parse({
    title: 'What is AIGC?',
    description: 'A primer.',
    lang: 'en',
    aigc: provenance,
    assets,
    ...extra,
  });
  return { id: 'a', collection: 'articles', data };
}

const full = page([
  asset('card', 'card.png', { alt: 'What is AIGC?', width: 1200, height: 630 }),
  asset('cover', 'cover.webp', { alt: 'A watercolour desk', width: 1536, height: 1024, prompt: 'A desk' }),
  asset('narration', 'narration.mp3', {
    durationSeconds: 61.5,
    chapters: [{ title: 'Intro', start: 0 }],
    voice: 'marin',
    bytes: 1000,
    lang: 'en',
  }),
  asset('narration-sidecar', 'narration.vtt', {}),
]);

describe('coverProps', () => {
  it('gives Cover its URL, alt text and size', () => {
    expect(coverProps(full)).toEqual({
      src: '/_aigc/articles/a/cover.webp',
      alt: 'A watercolour desk',
      width: 1536,
      height: 1024,
    });
  });

  it('takes the entry or its data alike', () => {
    expect(coverProps(full.data)).toEqual(coverProps(full));
  });

  it('is undefined without a cover, or when the lock lost its size', () => {
    expect(coverProps(page([]))).toBeUndefined();
    expect(coverProps(page([asset('cover', 'cover.webp', { alt: 'x', width: 'wide' })]))).toBeUndefined();
  });
});

describe('socialMetaProps', () => {
  it('gives SocialMeta the card, its alt text, the title, description and language', () => {
    expect(socialMetaProps(full)).toEqual({
      title: 'What is AIGC?',
      image: '/_aigc/articles/a/card.png',
      imageAlt: 'What is AIGC?',
      description: 'A primer.',
      lang: 'en',
      type: 'article',
    });
  });

  it('falls back to the title for a card without alt text; undefined without a card', () => {
    expect(socialMetaProps(page([asset('card', 'card.png', {})]))?.imageAlt).toBe('What is AIGC?');
    expect(socialMetaProps(page([]))).toBeUndefined();
  });
});

describe('typed asset metadata', () => {
  it('types and checks meta by kind', () => {
    const narration = assetOf(full, 'narration');
    expect(narration?.meta).toEqual({
      durationSeconds: 61.5,
      chapters: [{ title: 'Intro', start: 0 }],
      voice: 'marin',
      bytes: 1000,
      lang: 'en',
    });
    const cover = assetOf(full, 'cover');
    expect(cover?.meta.prompt).toBe('A desk');
  });

  it('reads a hand-broken field of the lock as absent instead of failing the build', () => {
    const broken = page([asset('narration', 'narration.mp3', { durationSeconds: 'long', chapters: 'none', voice: 3 })]);
    expect(assetOf(broken, 'narration')?.meta).toEqual({ chapters: [] });
  });

  it('rejects an asset kind the site does not know (the loader leaves those out)', () => {
    expect(() => page([asset('hologram', 'x.bin', {})])).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import {
  alternatesOf,
  collectionUrl,
  originalOf,
  pagePath,
  pageUrl,
  translationOf,
  versionsOf,
  type PageRef,
} from '../../integrations/aigc/src/index.ts';
import { collectionBaseOf } from '../../integrations/aigc/src/outline/route.ts';

const page = (collection: string, id: string, lang = 'en', source?: string): PageRef => ({
  collection,
  id,
  data: { lang, ...(source ? { translationOf: source } : {}) },
});

const original = page('articles', 'what-is-aigc');
const zh = page('articles', 'what-is-aigc.zh-CN', 'zh-CN', 'what-is-aigc');
const ja = page('articles', 'what-is-aigc.ja', 'ja', 'what-is-aigc');
const other = page('articles', 'agents');
const sameIdOtherCollection = page('docs', 'what-is-aigc');
const all = [original, zh, ja, other, sameIdOtherCollection];

describe('translationOf', () => {
  it('is the source id for a translation the job wrote (`<source>.<lang>`)', () => {
    expect(translationOf(zh)).toBe('what-is-aigc');
  });

  it('is undefined for an original, and for a file that only claims to translate (renamed or copied by hand)', () => {
    expect(translationOf(original)).toBeUndefined();
    expect(translationOf(page('articles', 'copy-of-zh', 'zh-CN', 'what-is-aigc'))).toBeUndefined();
  });
});

describe('pageUrl and pagePath', () => {
  it('publish an original at /<collection>/<id>/, nested ids included', () => {
    expect(pageUrl(original)).toBe('/articles/what-is-aigc/');
    expect(pageUrl(page('docs', 'api/astro-aigc.aigcloader'))).toBe('/docs/api/astro-aigc.aigcloader/');
    expect(pagePath(original)).toBe('articles/what-is-aigc');
  });

  it('publish a translation under its language, as Astro i18n routing does', () => {
    expect(pageUrl(zh)).toBe('/zh-CN/articles/what-is-aigc/');
    expect(pagePath(zh)).toBe('zh-CN/articles/what-is-aigc');
  });

  it('honour a collection published elsewhere (Starlight serves docs at the root)', () => {
    expect(pageUrl(sameIdOtherCollection, { collectionBase: { docs: '/' } })).toBe('/what-is-aigc/');
    expect(pageUrl(sameIdOtherCollection, { collectionBase: { docs: '/guide' } })).toBe('/guide/what-is-aigc/');
    expect(pagePath(sameIdOtherCollection, { collectionBase: { docs: '/' } })).toBe('what-is-aigc');
  });
});

describe('collectionUrl: the one route rule', () => {
  it('agrees with pageUrl for originals and translations, with and without a collectionBase', () => {
    for (const collectionBase of [{}, { docs: '/' }, { docs: 'guide/' }] as Record<string, string>[]) {
      for (const entry of [original, zh, sameIdOtherCollection, page('docs', 'api/greet')]) {
        const source = translationOf(entry);
        const url = source
          ? collectionUrl(entry.collection, source, { collectionBase, lang: entry.data.lang })
          : collectionUrl(entry.collection, entry.id, { collectionBase });
        expect(url).toBe(pageUrl(entry, { collectionBase }));
      }
    }
  });

  it('gives the collection root for an empty id, and normalises slashes', () => {
    expect(collectionUrl('docs', '')).toBe('/docs/');
    expect(collectionUrl('docs', '', { collectionBase: { docs: '/' } })).toBe('/');
    expect(collectionUrl('docs', '/api/', { collectionBase: { docs: 'guide' } })).toBe('/guide/api/');
  });

  it('knows Starlight serves docs at the root, from the integrations list', () => {
    expect(collectionBaseOf([{ name: '@astrojs/starlight' }, { name: 'astro-aigc' }])).toEqual({ docs: '/' });
    expect(collectionBaseOf([{ name: 'astro-aigc' }, null, 'x'])).toEqual({});
  });
});

describe('versions, original and alternates', () => {
  it('find the original and every translation, in the same collection only', () => {
    expect(versionsOf(zh, all)).toEqual([original, zh, ja]);
    expect(versionsOf(original, all)).toEqual([original, zh, ja]);
    expect(versionsOf(other, all)).toEqual([other]);
  });

  it('include the page itself even when the list lacks it', () => {
    expect(versionsOf(zh, [original])).toEqual([zh, original]);
  });

  it('give the original of a translation, the page itself for an original, undefined when missing', () => {
    expect(originalOf(zh, all)).toBe(original);
    expect(originalOf(original, all)).toBe(original);
    expect(originalOf(zh, [zh])).toBeUndefined();
  });

  it('list each language with its URL, for LanguageSwitcher and HreflangLinks', () => {
    expect(alternatesOf(zh, all)).toEqual([
      { lang: 'en', url: '/articles/what-is-aigc/' },
      { lang: 'zh-CN', url: '/zh-CN/articles/what-is-aigc/' },
      { lang: 'ja', url: '/ja/articles/what-is-aigc/' },
    ]);
  });
});

/** What the demo's pages need to know about entries: URLs, translations, assets, excerpts. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Entry = CollectionEntry<'articles'> | CollectionEntry<'docs'>;
export type Asset = Entry['data']['assets'][number];

/** Every entry of both collections, drafts included (they carry a label). */
export async function allEntries(): Promise<Entry[]> {
  return [...(await getCollection('articles')), ...(await getCollection('docs'))];
}

/**
 * The slug of the page this entry translates, or undefined for an original. Uses the
 * `translationOf` frontmatter when the loader keeps it, else the id `<slug>.<lang>`.
 */
export function translationOf(entry: Entry): string | undefined {
  const declared = (entry.data as { translationOf?: unknown }).translationOf;
  if (typeof declared === 'string') return declared;
  const suffix = `.${entry.data.lang}`;
  return entry.id.toLowerCase().endsWith(suffix.toLowerCase()) ? entry.id.slice(0, -suffix.length) : undefined;
}

/** Static paths of a collection's original pages: `/<collection>/<id>/`. */
export async function originalPaths(collection: Entry['collection']) {
  const entries = (await getCollection(collection)) as Entry[];
  return entries.filter((entry) => !translationOf(entry)).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}

/** Static paths of a collection's translations, where Astro's i18n routing puts them: `/<lang>/<collection>/<slug>/`. */
export async function translationPaths(collection: Entry['collection']) {
  const entries = (await getCollection(collection)) as Entry[];
  return entries.flatMap((entry) => {
    const source = translationOf(entry);
    return source ? [{ params: { lang: entry.data.lang, slug: source }, props: { entry } }] : [];
  });
}

/** Public URL: `/<collection>/<id>/`, translations under their language as Astro's i18n routing does. */
export function entryUrl(entry: Entry): string {
  const source = translationOf(entry);
  return source ? `/${entry.data.lang}/${entry.collection}/${source}/` : `/${entry.collection}/${entry.id}/`;
}

/** The original of an entry and every translation of it, current entry included. */
export function versionsOf(entry: Entry, all: Entry[]): Entry[] {
  const source = translationOf(entry) ?? entry.id;
  return all.filter((e) => e.collection === entry.collection && (e.id === source || translationOf(e) === source));
}

export function alternatesOf(entry: Entry, all: Entry[]): { lang: string; url: string }[] {
  return versionsOf(entry, all).map((e) => ({ lang: e.data.lang, url: entryUrl(e) }));
}

export function assetOf(entry: Entry, kind: string): Asset | undefined {
  return (entry.data.assets as Asset[]).find((a: Asset) => a.kind === kind);
}

/** Width, height and alt text of an image asset, when its job recorded them. */
export function imageOf(asset: Asset | undefined): { url: string; width: number; height: number; alt: string } | undefined {
  if (!asset) return undefined;
  const { width, height, alt } = asset.meta as { width?: unknown; height?: unknown; alt?: unknown };
  if (typeof width !== 'number' || typeof height !== 'number') return undefined;
  return { url: asset.url, width, height, alt: typeof alt === 'string' ? alt : '' };
}

/** The description, or the first paragraph of prose, shortened. */
export function excerptOf(entry: Entry, max = 180): string {
  if (entry.data.description) return entry.data.description;
  const paragraph = (entry.body ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !/^(#|```|~~~|<|!\[|[-*] |\d+\. )/.test(p));
  const text = (paragraph ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function isChinese(lang: string): boolean {
  return lang.toLowerCase().startsWith('zh');
}

/** Tag → URL segment. Tags may be Chinese: they are URL-encoded by the browser, not rewritten. */
export function tagUrl(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}/`;
}

/**
 * What the demo's pages need beyond astro-aigc's helpers: its two collections, its route
 * params, excerpts and tag URLs. URLs, translations, covers and social meta come from
 * `astro-aigc` (pageUrl, translationOf, alternatesOf, coverProps, socialMetaProps).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { translationOf } from 'astro-aigc';

export type Entry = CollectionEntry<'articles'> | CollectionEntry<'docs'>;

/** Every entry of both collections, drafts included (they carry a label). */
export async function allEntries(): Promise<Entry[]> {
  return [...(await getCollection('articles')), ...(await getCollection('docs'))];
}

/** Static paths of a collection's original pages: `/<collection>/<id>/` (pageUrl). */
export async function originalPaths(collection: Entry['collection']) {
  const entries: Entry[] = await getCollection(collection);
  return entries
    .filter((entry) => !translationOf(entry))
    .map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}

/** Static paths of a collection's translations, where pageUrl (and Astro's i18n routing) puts them: `/<lang>/<collection>/<slug>/`. */
export async function translationPaths(collection: Entry['collection']) {
  const entries: Entry[] = await getCollection(collection);
  return entries.flatMap((entry) => {
    const source = translationOf(entry);
    return source ? [{ params: { lang: entry.data.lang, slug: source }, props: { entry } }] : [];
  });
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

/** Tag → URL segment. Tags may be Chinese: they are URL-encoded by the browser, not rewritten. */
export function tagUrl(tag: string): string {
  return `/tags/${encodeURIComponent(tag)}/`;
}

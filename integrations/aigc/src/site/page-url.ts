/**
 * Where a generated page is published and which pages are its other languages. One rule for
 * the site's own pages, the injected routes (feeds, llms.txt, sitemap links) and `hreflang`,
 * so every link to a page agrees with the route that renders it.
 */
import { collectionUrl, type PageUrlOptions } from '../outline/route.ts';

/** What these helpers read of a page: any `aigcLoader()` collection entry fits. */
export interface PageRef {
  /** The loader's id: `<slug>`, `<folder>/<slug>`, or `<slug>.<lang>` for a translation. */
  id: string;
  collection: string;
  data: {
    lang: string;
    /** A translation: the id of the page it translates, in the same collection. */
    translationOf?: string | undefined;
  };
}

/** One language version of a page, for `LanguageSwitcher` and `HreflangLinks`. */
export interface Alternate {
  /** BCP 47 tag. */
  lang: string;
  /** Root-relative URL, e.g. `/zh-CN/articles/what-is-aigc/`. */
  url: string;
}

export { collectionBaseOf, collectionUrl, type PageUrlOptions } from '../outline/route.ts';

/**
 * The id of the page `entry` translates, or undefined for an original. A translation is the
 * file the translation job writes, `<source>.<lang>.md` with `translationOf: <source>`; a file
 * that only claims it (renamed or copied by hand) is an original, so no two pages share a URL.
 */
export function translationOf(entry: PageRef): string | undefined {
  const source = entry.data.translationOf;
  return typeof source === 'string' && entry.id === `${source}.${entry.data.lang}` ? source : undefined;
}

/**
 * Where a page is published: `/<collection>/<id>/`, and a translation under its language as
 * Astro's i18n routing puts it, `/<lang>/<collection>/<source id>/`.
 *
 * @example
 * pageUrl(entry) // '/articles/what-is-aigc/'
 * pageUrl(translation) // '/zh-CN/articles/what-is-aigc/'
 */
export function pageUrl(entry: PageRef, options: PageUrlOptions = {}): string {
  const source = translationOf(entry);
  return source
    ? collectionUrl(entry.collection, source, { ...options, lang: entry.data.lang })
    : collectionUrl(entry.collection, entry.id, options);
}

/**
 * {@link pageUrl} without its leading and trailing slash: the param of a catch-all route
 * (`src/pages/[...path].astro`) that renders every page at its URL.
 */
export function pagePath(entry: PageRef, options: PageUrlOptions = {}): string {
  return pageUrl(entry, options).replace(/^\/+|\/+$/g, '');
}

/** The page `entry` is, or translates, among `entries`; undefined when that original is not there. */
export function originalOf<E extends PageRef>(entry: E, entries: readonly E[]): E | undefined {
  const source = translationOf(entry);
  if (source === undefined) return entry;
  return entries.find((e) => e.collection === entry.collection && e.id === source && translationOf(e) === undefined);
}

/** Every language version of a page among `entries` (the original and its translations), `entry` included. */
export function versionsOf<E extends PageRef>(entry: E, entries: readonly E[]): E[] {
  const source = translationOf(entry) ?? entry.id;
  const versions = entries.filter((e) => e.collection === entry.collection && (translationOf(e) ?? e.id) === source);
  return versions.some((e) => e.id === entry.id) ? versions : [entry, ...versions];
}

/** The URL of every language version of a page: the `alternates` of `LanguageSwitcher` and `HreflangLinks`. */
export function alternatesOf(entry: PageRef, entries: readonly PageRef[], options: PageUrlOptions = {}): Alternate[] {
  return versionsOf(entry, entries).map((e) => ({ lang: e.data.lang, url: pageUrl(e, options) }));
}

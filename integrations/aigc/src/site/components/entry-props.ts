/**
 * Props of the package's components for one generated page, from the assets the loader
 * attached: pass a collection entry (or its `data`) and spread the result.
 *
 * ```astro
 * ---
 * import Cover from 'astro-aigc/components/Cover.astro';
 * import { coverProps } from 'astro-aigc';
 * const cover = coverProps(entry);
 * ---
 * {cover && <Cover {...cover} />}
 * ```
 */
import type { GeneratedPage, PageAsset, PageAssetOf } from '../schema.ts';

/** What these helpers read: an `aigcLoader()` entry, or its `data`. */
export type PageLike = { data: PageData } | PageData;
type PageData = Pick<GeneratedPage, 'title' | 'lang' | 'assets'> & { description?: string | undefined };

/** The props of `Cover.astro` for a page's cover (kept structural: `.astro` types do not reach plain TypeScript). */
export interface CoverProps {
  /** URL of the generated cover, under `/_aigc/`. */
  src: string;
  /** What the cover shows, as the image job described it. */
  alt: string;
  width: number;
  height: number;
}

/** The props of `SocialMeta.astro` for a page's social card. */
export interface SocialMetaProps {
  title: string;
  /** URL of the 1200×630 card. */
  image: string;
  imageAlt: string;
  description: string | undefined;
  lang: string;
  type: 'article';
}

/** The page's data, from an entry or the data itself. */
function dataOf(page: PageLike): PageData {
  return 'data' in page ? page.data : page;
}

/**
 * The page's first asset of `kind`, with its `meta` typed for that kind.
 *
 * @example
 * assetOf(entry, 'narration')?.meta.durationSeconds // number | undefined
 */
export function assetOf<K extends PageAsset['kind']>(page: PageLike, kind: K): PageAssetOf<K> | undefined {
  return dataOf(page).assets.find((asset): asset is PageAssetOf<K> => asset.kind === kind);
}

/**
 * Props for `Cover.astro`, or undefined when the page has no cover (its outline said
 * `cover: false`, covers are off) or the lock lost the cover's size.
 */
export function coverProps(page: PageLike): CoverProps | undefined {
  const cover = assetOf(page, 'cover');
  if (!cover) return undefined;
  const { width, height, alt } = cover.meta;
  if (width === undefined || height === undefined) return undefined;
  return { src: cover.url, alt, width, height };
}

/**
 * Props for `SocialMeta.astro` (Open Graph and Twitter card), or undefined when the page has
 * no social card yet. `SocialMeta` takes the site's name from the `siteName` option itself.
 */
export function socialMetaProps(page: PageLike): SocialMetaProps | undefined {
  const data = dataOf(page);
  const card = assetOf(page, 'card');
  if (!card) return undefined;
  return {
    title: data.title,
    image: card.url,
    imageAlt: card.meta.alt || data.title,
    description: data.description,
    lang: data.lang,
    type: 'article',
  };
}

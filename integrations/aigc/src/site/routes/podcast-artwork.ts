import type { APIRoute } from 'astro';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import config from 'virtual:astro-aigc/config';
import { writeFileAtomic } from '../../utils/atomic-write.ts';
import { sha256 } from '../../utils/hash.ts';

export const prerender = true;

/** Where the show artwork is served (the feed's `itunes:image`). */
export const PODCAST_ARTWORK_PATH = '/podcast.png';
/** Bump when the drawing changes: cached images are keyed by it and the title. */
const ARTWORK_VERSION = '1';

/** The show's name: the site name, or its host when the integration does not pass one. */
export function podcastTitleOf(siteName: unknown, site: URL): string {
  return `${typeof siteName === 'string' && siteName ? siteName : site.hostname} podcast`;
}

/**
 * `/podcast.png`: square show artwork drawn at build time, so a podcast app shows the site's
 * name rather than a blank tile. Drawn once per title and kept in the cache folder: a build
 * whose title did not change reads it back instead of redrawing it.
 */
export const GET: APIRoute = async ({ site }) => {
  const title = podcastTitleOf(config.siteName, site ?? new URL('http://localhost:4321/'));
  const cached = resolve(
    config.root,
    config.cacheDir ?? 'node_modules/.aigc',
    'podcast-artwork',
    `${sha256(`${ARTWORK_VERSION}\n${title}`)}.png`,
  );
  let png: Uint8Array<ArrayBuffer>;
  try {
    png = new Uint8Array(await readFile(cached));
  } catch {
    const { drawPodcastArtwork } = await import('../podcast-artwork-draw.ts');
    png = await drawPodcastArtwork(title);
    await writeFileAtomic(cached, png);
  }
  return new Response(png, { headers: { 'content-type': 'image/png' } });
};

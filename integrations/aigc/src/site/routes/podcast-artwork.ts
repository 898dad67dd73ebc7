import type { APIRoute } from 'astro';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import config from 'virtual:astro-aigc/config';
import { h, typeset } from '../../generators/illustration/draw/typeset.ts';

export const prerender = true;

/** Where the show artwork is served (the feed's `itunes:image`). */
export const PODCAST_ARTWORK_PATH = '/podcast.png';
/** Apple Podcasts wants a square between 1400 and 3000 pixels. */
const SIZE = 1400;
const MARGIN = 120;

/** The show's name: the site name, or its host when the integration does not pass one. */
export function podcastTitleOf(siteName: unknown, site: URL): string {
  return `${typeof siteName === 'string' && siteName ? siteName : site.hostname} podcast`;
}

/**
 * `/podcast.png`: square show artwork drawn at build time (text as glyph outlines, no
 * system font), so a podcast app shows the site's name rather than a blank tile.
 * Deterministic: the same name gives the same bytes.
 */
export const GET: APIRoute = async ({ site }) => {
  const title = podcastTitleOf(config.siteName, site ?? new URL('http://localhost:4321/'));
  const name = title.replace(/ podcast$/, '');
  // A name is often one long word (a host name): shrink it to fit the width rather than wrap.
  const nameSize = Math.min(140, Math.floor((SIZE - 2 * MARGIN) / (0.62 * Math.max(1, name.length))));
  const layout = (fontFamily: string) =>
    h('div', { display: 'flex', width: SIZE, height: SIZE, fontFamily, color: '#ffffff', backgroundImage: 'linear-gradient(135deg, #1e3a5f, #0f766e)' }, [
      h('div', { position: 'absolute', left: MARGIN, right: MARGIN, bottom: MARGIN, display: 'flex', flexDirection: 'column' }, [
        h('div', { fontSize: 64, fontWeight: 400, opacity: 0.85, marginBottom: 32 }, 'Podcast'),
        h('div', { fontSize: nameSize, fontWeight: 700, lineHeight: 1.1 }, name),
        h('div', { fontSize: 48, fontWeight: 400, opacity: 0.8, marginTop: 48 }, 'AI-generated narration · synthetic voice'),
      ]),
    ]);
  // Our own layout from the site name: nothing in it to sanitise.
  const svg = await typeset(layout, SIZE, SIZE);
  const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: SIZE }, font: { loadSystemFonts: false } }).render().pixels;
  const png = await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 4 } }).png({ compressionLevel: 6, palette: true, quality: 90, effort: 4 }).toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png' } });
};

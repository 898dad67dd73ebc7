/** Draws the podcast show artwork; imported only when the cached image is missing (satori, resvg, sharp are heavy). */
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { h, typeset } from '../generators/illustration/draw/typeset.ts';

/** Apple Podcasts wants a square between 1400 and 3000 pixels. */
const SIZE = 1400;
const MARGIN = 120;

/** Square artwork with the show's title (text as glyph outlines, no system font). Deterministic. */
export async function drawPodcastArtwork(title: string): Promise<Uint8Array<ArrayBuffer>> {
  const name = title.replace(/ podcast$/, '');
  // A name is often one long word (a host name): shrink it to fit the width rather than wrap.
  const nameSize = Math.min(140, Math.floor((SIZE - 2 * MARGIN) / (0.62 * Math.max(1, name.length))));
  const layout = (fontFamily: string) =>
    h(
      'div',
      {
        display: 'flex',
        width: SIZE,
        height: SIZE,
        fontFamily,
        color: '#ffffff',
        backgroundImage: 'linear-gradient(135deg, #1e3a5f, #0f766e)',
      },
      [
        h(
          'div',
          {
            position: 'absolute',
            left: MARGIN,
            right: MARGIN,
            bottom: MARGIN,
            display: 'flex',
            flexDirection: 'column',
          },
          [
            h('div', { fontSize: 64, fontWeight: 400, opacity: 0.85, marginBottom: 32 }, 'Podcast'),
            h('div', { fontSize: nameSize, fontWeight: 700, lineHeight: 1.1 }, name),
            h(
              'div',
              { fontSize: 48, fontWeight: 400, opacity: 0.8, marginTop: 48 },
              'AI-generated narration · synthetic voice',
            ),
          ],
        ),
      ],
    );
  // Our own layout from the site name: nothing in it to sanitise.
  const svg = await typeset(layout, SIZE, SIZE);
  const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: SIZE }, font: { loadSystemFonts: false } }).render()
    .pixels;
  const png = await sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 4 } })
    .png({ compressionLevel: 6, palette: true, quality: 90, effort: 4 })
    .toBuffer();
  return new Uint8Array(png);
}

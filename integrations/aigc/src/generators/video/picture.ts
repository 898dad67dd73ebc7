import { Resvg } from '@resvg/resvg-js';
import sharp, { type Sharp } from 'sharp';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';
import { readXmp, sniffRaster } from '../../utils/xmp.ts';

/**
 * A picture (SVG, PNG, WebP or JPEG bytes) as a PNG data URL of at most `width`×`height`,
 * for satori to embed: `cover` fills the box (the title slide's background), `contain` fits
 * inside it (figures and diagrams, shown whole).
 */
export async function pictureDataUrl(bytes: Uint8Array, width: number, height: number, fit: 'cover' | 'contain'): Promise<{ url: string; width: number; height: number }> {
  let image: Sharp;
  const svg = sniffRaster(bytes) === undefined;
  if (svg) {
    // Pictures are model or user output: sanitised before they are drawn, as on the page.
    const rendered = new Resvg(sanitizeSvg(new TextDecoder().decode(bytes)), { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render();
    image = sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } });
    if (fit === 'cover' && !isTrained(bytes)) {
      // An offline cover has its own title panel in its lower part: use the artwork above it.
      image = sharp(await image.extract({ left: 0, top: 0, width: rendered.width, height: Math.round(rendered.height * 0.55) }).png({ compressionLevel: 1 }).toBuffer());
    }
  } else {
    image = sharp(bytes);
  }
  const { data, info } = await image
    .resize(width, height, { fit: fit === 'cover' ? 'cover' : 'inside', withoutEnlargement: fit === 'contain' && !svg })
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  return { url: `data:image/png;base64,${data.toString('base64')}`, width: info.width, height: info.height };
}

/** Whether the picture says (XMP or SVG metadata) that a trained model made it. */
function isTrained(bytes: Uint8Array): boolean {
  const meta = sniffRaster(bytes) ? (readXmp(bytes) ?? '') : new TextDecoder().decode(bytes.subarray(0, 4096));
  return meta.includes('digitalsourcetype/trainedAlgorithmicMedia');
}

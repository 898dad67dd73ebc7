import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sharp } from 'sharp';
import { subsetsFor } from '../illustration/fonts.ts';
import { sha256 } from '../../utils/hash.ts';
import { woffToSfnt } from './woff.ts';
import { renderSvg, loadSharp } from '../../utils/image-libraries.ts';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';
import { readXmp, sniffRaster } from '../../utils/xmp.ts';

/**
 * A picture (SVG, PNG, WebP or JPEG bytes) as a PNG data URL of at most `width`×`height`,
 * for satori to embed: `cover` fills the box (the title slide's background), `contain` fits
 * inside it (figures and diagrams, shown whole).
 */
export async function pictureDataUrl(
  bytes: Uint8Array,
  width: number,
  height: number,
  fit: 'cover' | 'contain',
): Promise<{ url: string; width: number; height: number }> {
  const sharp = await loadSharp();
  let image: Sharp;
  const svg = sniffRaster(bytes) === undefined;
  if (svg) {
    // Pictures are model or user output: sanitised before they are drawn, as on the page.
    const clean = sanitizeSvg(new TextDecoder().decode(bytes));
    // Diagrams carry their labels as <text>: give resvg the packaged fonts those labels need.
    const rendered = await renderSvg(clean, {
      fitTo: { mode: 'width', value: width },
      font: { loadSystemFonts: false, fontFiles: fontFilesFor(textOf(clean)), defaultFontFamily: 'Inter' },
    });
    image = sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } });
    if (fit === 'cover' && !isTrained(bytes)) {
      // An offline cover has its own title panel in its lower part: use the artwork above it.
      image = sharp(
        await image
          .extract({ left: 0, top: 0, width: rendered.width, height: Math.round(rendered.height * 0.55) })
          .png({ compressionLevel: 1 })
          .toBuffer(),
      );
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

/** The characters an SVG draws as text (its <text> and <tspan> contents). */
function textOf(svg: string): string {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)/g)].map((m) => m[1]).join('');
}

/**
 * TrueType files of the packaged font subsets covering `text` (Inter, Noto Sans SC), made
 * from their WOFF files once per process into the system's temp folder (content-named).
 */
function fontFilesFor(text: string): string[] {
  if (!text.trim()) return [];
  const folder = join(tmpdir(), 'astro-aigc-fonts');
  mkdirSync(folder, { recursive: true });
  return [400, 700].flatMap((weight) =>
    subsetsFor(text, weight as 400 | 700).map((subset) => {
      const woff = readFileSync(subset.file);
      const file = join(folder, `${sha256(woff).slice(0, 16)}.ttf`);
      if (!existsSync(file)) writeFileSync(file, woffToSfnt(woff));
      return file;
    }),
  );
}

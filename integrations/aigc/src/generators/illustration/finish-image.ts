import type { ImageResult } from '../../providers/types.ts';
import { renderSvg, loadSharp } from '../../utils/image-libraries.ts';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';
import { buildXmp, embedXmp, provenanceRdf, sniffRaster, type ImageProvenance } from '../../utils/xmp.ts';

/**
 * Turn a provider's image into the file we publish: in the format the path promises
 * (converted when a compatible server answered in another), sanitised if SVG, and carrying
 * its provenance (XMP in rasters, <metadata> in SVG).
 */
export async function finishImage(
  image: ImageResult,
  extension: 'svg' | 'png' | 'webp' | 'jpg',
  provenance: ImageProvenance,
): Promise<Uint8Array> {
  if (extension === 'svg') {
    if (image.mediaType !== 'image/svg+xml')
      throw new Error(`expected an SVG from ${image.model}, got ${image.mediaType}`);
    return new TextEncoder().encode(withSvgMetadata(sanitizeSvg(new TextDecoder().decode(image.data)), provenance));
  }
  const sharp = await loadSharp();
  let raster = image.data;
  // A server may answer with an SVG whatever it was asked for: anything that is not a known
  // raster is sanitised as SVG before it is rasterised.
  if (image.mediaType === 'image/svg+xml' || sniffRaster(image.data) === undefined) {
    raster = (
      await renderSvg(Buffer.from(sanitizeSvg(new TextDecoder().decode(image.data))), {
        fitTo: { mode: 'width', value: image.width },
      })
    ).asPng();
  }
  const wanted = extension === 'jpg' ? 'jpeg' : extension;
  const actual = (await sharp(raster).metadata()).format;
  if (actual !== wanted) raster = await sharp(raster).toFormat(wanted).toBuffer();
  return embedXmp(raster, buildXmp(provenance));
}

/** Add provenance to an SVG that has none (the offline drawer writes its own). */
export function withSvgMetadata(svg: string, provenance: ImageProvenance): string {
  if (svg.includes('Iptc4xmpExt:DigitalSourceType')) return svg;
  return svg.replace(/<svg\b[^>]*>/, (open) => `${open}<metadata>${provenanceRdf(provenance)}</metadata>`);
}

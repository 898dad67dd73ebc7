import type { Plugin } from 'vite';

export const VIRTUAL_IMAGES_ID = 'virtual:astro-aigc/images';
const RESOLVED_ID = `\0${VIRTUAL_IMAGES_ID}`;

/**
 * A Vite plugin exposing every generated raster image as Astro `ImageMetadata`, looked up
 * by its `/_aigc/…` URL, so components can hand it to `<Picture>` for AVIF/WebP variants.
 * The glob is written with the configured output folder; Vite resolves it from the root.
 */
export function virtualImagesPlugin(output: string, assetBase: string): Plugin {
  const folder = `/${output.replace(/^\.?\/+|\/+$/g, '')}`;
  return {
    name: 'astro-aigc:images',
    resolveId(id) {
      return id === VIRTUAL_IMAGES_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return [
        // Social cards are for other sites (og:image), never shown here: keep them out of the bundle.
        `const found = import.meta.glob(${JSON.stringify([`${folder}/**/*.{png,jpg,jpeg,webp}`, '!**/card.png'])}, { eager: true, import: 'default' });`,
        // Keys come as "/content/generated/…"; a generated asset's URL is "<assetBase>/…" below it.
        `const prefix = ${JSON.stringify(`${assetBase}/`)};`,
        `const folder = ${JSON.stringify(`${folder}/`)};`,
        'export function imageForUrl(url) {',
        '  return url.startsWith(prefix) ? found[folder + url.slice(prefix.length)] : undefined;',
        '}',
      ].join('\n');
    },
  };
}

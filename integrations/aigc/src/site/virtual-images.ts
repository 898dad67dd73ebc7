import type { Plugin } from 'vite';

export const VIRTUAL_IMAGES_ID = 'virtual:astro-aigc/images';
const RESOLVED_ID = `\0${VIRTUAL_IMAGES_ID}`;

/**
 * A Vite plugin exposing every generated raster image as Astro `ImageMetadata`, keyed by its
 * project-relative path, so components can hand them to `<Picture>` for AVIF/WebP variants.
 * The glob is written with the configured output folder; Vite resolves it from the root.
 */
export function virtualImagesPlugin(output: string): Plugin {
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
        // Keys come as "/content/generated/…"; the site knows paths without the leading slash.
        'export const images = Object.fromEntries(Object.entries(found).map(([key, value]) => [key.slice(1), value]));',
      ].join('\n');
    },
  };
}

import { drawArtwork } from './draw/artwork.ts';
import type { ImageProvider, ImageRequest, ImageResult } from '../../providers/types.ts';

/** Bump when the drawing changes, so keys change and old drawings are redone. */
export const OFFLINE_IMAGE_MODEL = 'offline-svg-1';

/**
 * The offline image provider: an SVG drawn in process, deterministic from the prompt, the
 * title and the tags (palette and composition seeded by their hash), with the text set in
 * Inter / Noto Sans SC as glyph outlines, and labelled as an offline drawing. A request with
 * a title is drawn as a cover (the title large); without one, as a figure (the prompt as caption).
 */
export function createOfflineImage(): ImageProvider {
  return {
    id: 'offline',
    model: OFFLINE_IMAGE_MODEL,
    async generate(request: ImageRequest): Promise<ImageResult> {
      request.signal?.throwIfAborted();
      const svg = await drawArtwork({
        prompt: request.prompt,
        title: request.title,
        tags: request.tags,
        lang: request.lang,
        width: request.width,
        height: request.height,
        role: request.title.trim() ? 'cover' : 'figure',
        model: OFFLINE_IMAGE_MODEL,
      });
      return {
        data: new TextEncoder().encode(svg),
        mediaType: 'image/svg+xml',
        width: request.width,
        height: request.height,
        usage: { inputTokens: 0, outputTokens: 0 },
        model: OFFLINE_IMAGE_MODEL,
      };
    },
  };
}

import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../utils/atomic-write.ts';
import { canonicalJson, sha256 } from '../../utils/hash.ts';
import { loadSharp } from '../../utils/image-libraries.ts';
import { renderSlide, SLIDE_HEIGHT, SLIDE_WIDTH, type ReadPicture } from './render-slide.ts';
import type { Slide } from './slides.ts';

/** Bump when the slide layout changes: every cached slide is redrawn. */
export const SLIDE_VERSION = '2';

/** A drawn slide: RGBA pixels, and whether it was drawn now (false: from the cache). */
export interface DrawnSlide {
  rgba: Uint8Array;
  drawn: boolean;
}

/**
 * Drawn slides on disk (lossless PNG), by the hash of the slide's content and the bytes of
 * the pictures it shows: editing one section redraws that section's slides only. A cache:
 * losing it costs time, never correctness; a corrupt entry counts as a miss.
 */
export class SlideCache {
  readonly #dir: string;
  readonly #read: ReadPicture;
  readonly #memo = new Map<string, Promise<DrawnSlide>>();

  constructor(cacheDir: string, readPicture: ReadPicture) {
    this.#dir = join(cacheDir, 'video-slides');
    this.#read = readPicture;
  }

  /** The slide's pixels; a slide shown twice (a section around its figure) is drawn once. */
  draw(slide: Slide): Promise<DrawnSlide> {
    const id = canonicalJson(slide);
    const known = this.#memo.get(id);
    if (known) return known.then((s) => ({ ...s, drawn: false }));
    const pending = this.#key(slide).then(async (key) => {
      const cached = await this.#get(key);
      if (cached) return { rgba: cached, drawn: false };
      const rgba = await renderSlide(slide, this.#read);
      await mkdir(this.#dir, { recursive: true });
      const sharp = await loadSharp();
      const png = await sharp(rgba, { raw: { width: SLIDE_WIDTH, height: SLIDE_HEIGHT, channels: 4 } })
        .png({ compressionLevel: 2 })
        .toBuffer();
      await writeFileAtomic(join(this.#dir, `${key}.png`), png);
      return { rgba, drawn: true };
    });
    this.#memo.set(id, pending);
    return pending;
  }

  async #key(slide: Slide): Promise<string> {
    const pictures: Record<string, string> = {};
    for (const path of slide.kind === 'title'
      ? slide.cover
        ? [slide.cover]
        : []
      : slide.kind === 'picture'
        ? [slide.picture]
        : []) {
      pictures[path] = sha256(await this.#read(path));
    }
    return sha256(canonicalJson({ version: SLIDE_VERSION, width: SLIDE_WIDTH, height: SLIDE_HEIGHT, slide, pictures }));
  }

  async #get(key: string): Promise<Uint8Array | undefined> {
    const sharp = await loadSharp();
    try {
      const { data, info } = await sharp(await readFile(join(this.#dir, `${key}.png`)))
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return info.width === SLIDE_WIDTH && info.height === SLIDE_HEIGHT ? new Uint8Array(data) : undefined;
    } catch {
      return undefined;
    }
  }
}

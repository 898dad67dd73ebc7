import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../utils/atomic-write.ts';
import { join } from 'node:path';
import { pcmFromBytes, pcmToBytes, type Pcm } from './pcm.ts';

/** A cached segment: its audio and the voice that spoke it. */
export interface CachedSegment {
  audio: Pcm;
  voice: string;
}

/**
 * Synthesised segments on disk, by the hash of everything that decides their sound, so
 * editing one paragraph re-synthesises that paragraph only. A cache: losing it costs calls,
 * never correctness; a corrupt entry counts as a miss.
 */
export class SegmentCache {
  readonly #dir: string;

  constructor(cacheDir: string) {
    this.#dir = join(cacheDir, 'narration-segments');
  }

  async get(key: string): Promise<CachedSegment | undefined> {
    try {
      const bytes = await readFile(this.#file(key));
      const voiceLength = bytes.readUInt32LE(0);
      const voice = bytes.subarray(4, 4 + voiceLength).toString('utf8');
      return { voice, audio: pcmFromBytes(bytes.subarray(4 + voiceLength)) };
    } catch {
      return undefined;
    }
  }

  async set(key: string, segment: CachedSegment): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const voice = Buffer.from(segment.voice, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(voice.length);
    // Temp file + rename: a killed run never leaves a truncated segment behind. Two jobs may
    // store the same segment in the same millisecond: the temp name must be unique to each write.
    await writeFileAtomic(this.#file(key), Buffer.concat([length, voice, pcmToBytes(segment.audio)]));
  }

  #file(key: string): string {
    return join(this.#dir, `${key}.seg`);
  }
}

/**
 * What a page knows about its narration, from the assets the loader attached (the lock's
 * `narration` entry and its WebVTT sidecar): the props NarrationPlayer.astro takes, and the
 * meta the podcast feed needs. Next to the player so sites import it the same way:
 * `import { narrationPlayerProps } from 'astro-aigc/components/narration-props'`.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import config from 'virtual:astro-aigc/config';
import { parseWebVtt, type Cue } from '../../generators/narration/vtt.ts';
import type { PageAsset } from '../schema.ts';

/** What the narration job records in the lock (`meta`), checked, since the lock is a file people edit. */
export interface NarrationMeta {
  durationSeconds: number | undefined;
  chapters: { title: string; start: number }[];
  voice: string | undefined;
}

/** The props of NarrationPlayer.astro (kept structural: `.astro` types do not reach plain TypeScript). */
export interface NarrationPlayerProps {
  src: string;
  vtt: string | undefined;
  title: string;
  durationSeconds: number | undefined;
  chapters: NarrationMeta['chapters'];
  transcript: Cue[];
  lang: string;
  model: string;
  voice: string | undefined;
}

export function narrationMetaOf(meta: Record<string, unknown> | undefined): NarrationMeta {
  const duration = meta?.durationSeconds;
  const chapters = Array.isArray(meta?.chapters) ? meta.chapters : [];
  return {
    durationSeconds: typeof duration === 'number' && Number.isFinite(duration) ? duration : undefined,
    chapters: chapters.flatMap((c: unknown) => {
      const { title, start } = (c ?? {}) as { title?: unknown; start?: unknown };
      return typeof title === 'string' && typeof start === 'number' ? [{ title, start }] : [];
    }),
    voice: typeof meta?.voice === 'string' ? meta.voice : undefined,
  };
}

/**
 * The player's props for a page, or undefined when it has no narration. The transcript is
 * the captions file itself (one cue per paragraph), read at build time.
 */
export async function narrationPlayerProps(page: { title: string; lang: string; assets: readonly PageAsset[] }, root: string = config.root): Promise<NarrationPlayerProps | undefined> {
  const audio = page.assets.find((a) => a.kind === 'narration');
  if (!audio) return undefined;
  const captions = page.assets.find((a) => a.kind === 'narration-sidecar' && a.path.endsWith('.vtt'));
  const meta = narrationMetaOf(audio.meta);
  return {
    src: audio.url,
    vtt: captions?.url,
    title: page.title,
    durationSeconds: meta.durationSeconds,
    chapters: meta.chapters,
    transcript: captions ? await readTranscript(root, captions.path) : [],
    lang: typeof audio.meta.lang === 'string' ? audio.meta.lang : page.lang,
    model: audio.model,
    voice: meta.voice,
  };
}

/** Cues of a project-relative WebVTT file; none when it is missing (the player then shows no transcript). */
export async function readTranscript(root: string, projectPath: string): Promise<Cue[]> {
  try {
    return parseWebVtt(await readFile(resolve(root, projectPath), 'utf8'));
  } catch {
    return [];
  }
}

/** Size in bytes of a project-relative file (an enclosure's `length`), 0 when missing. */
export async function fileBytes(root: string, projectPath: string): Promise<number> {
  return stat(resolve(root, projectPath)).then(
    (s) => s.size,
    () => 0,
  );
}

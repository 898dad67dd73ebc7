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
import { NarrationMetaSchema, type NarrationMeta, type PageAsset } from '../schema.ts';

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

/**
 * The narration's meta as the lock records it (`meta` of its entry), checked, since the lock
 * is a file people edit: a malformed field reads as absent.
 */
export function narrationMetaOf(meta: unknown): NarrationMeta {
  const parsed = NarrationMetaSchema.safeParse(meta ?? {});
  return parsed.success ? parsed.data : NarrationMetaSchema.parse({});
}

/** What the player needs of a page: its title, language and assets. */
type NarrationPage = { title: string; lang: string; assets: readonly PageAsset[] };

/**
 * The player's props for a page (a collection entry, or its `data`), or undefined when it has
 * no narration. The transcript is the paragraph WebVTT file (one cue per paragraph), read at
 * build time; the captions track is the sentence-sized one.
 */
export async function narrationPlayerProps(
  entry: { data: NarrationPage } | NarrationPage,
  root: string = config.root,
): Promise<NarrationPlayerProps | undefined> {
  const page = 'data' in entry ? entry.data : entry;
  const audio = page.assets.find((a) => a.kind === 'narration');
  if (!audio) return undefined;
  const sidecars = page.assets.filter((a) => a.kind === 'narration-sidecar' && a.path.endsWith('.vtt'));
  // Sentence-sized captions for the <track>; the paragraph file is the transcript (and the
  // track too, for a narration made before captions were split).
  const transcriptFile = sidecars.find((a) => !a.path.endsWith('.captions.vtt'));
  const captions = sidecars.find((a) => a.path.endsWith('.captions.vtt')) ?? transcriptFile;
  const { meta } = audio;
  return {
    src: audio.url,
    vtt: captions?.url,
    title: page.title,
    durationSeconds: meta.durationSeconds,
    chapters: meta.chapters,
    transcript: transcriptFile ? await readTranscript(root, transcriptFile.path) : [],
    lang: meta.lang ?? page.lang,
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

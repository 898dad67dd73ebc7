/**
 * What a page knows about its video, from the assets the loader attached (the lock's `video`
 * entry and its sidecars): the props VideoPlayer.astro takes. Next to the player so sites
 * import it the same way: `import { videoPlayerProps } from 'astro-aigc/components/video-props'`.
 */
import { VideoMetaSchema, type PageAsset, type VideoMeta } from '../schema.ts';

/** The props of VideoPlayer.astro (kept structural: `.astro` types do not reach plain TypeScript). */
export interface VideoPlayerProps {
  src: string;
  /** Sentence-sized captions (WebVTT). */
  captions: string | undefined;
  /** One cue per chapter (WebVTT, `kind="chapters"`). */
  chapters: string | undefined;
  poster: string | undefined;
  /** Plain-text transcript of everything said. */
  transcript: string | undefined;
  title: string;
  description: string | undefined;
  lang: string;
  durationSeconds: number | undefined;
  width: number;
  height: number;
  /** What the slides say about how the video was made. */
  label: string | undefined;
  offlineDraft: boolean;
  generatedAt: string;
  model: string;
}

/** The video's meta as the lock records it, checked (the lock is a file people edit). */
export function videoMetaOf(meta: unknown): VideoMeta {
  const parsed = VideoMetaSchema.safeParse(meta ?? {});
  return parsed.success ? parsed.data : VideoMetaSchema.parse({});
}

type VideoPage = { title: string; description?: string | undefined; lang: string; assets: readonly PageAsset[] };

/** The player's props for a page (a collection entry, or its `data`), or undefined when it has no video. */
export function videoPlayerProps(entry: { data: VideoPage } | VideoPage): VideoPlayerProps | undefined {
  const page = 'data' in entry ? entry.data : entry;
  const video = page.assets.find((a) => a.kind === 'video');
  if (!video) return undefined;
  const sidecar = (suffix: string) =>
    page.assets.find((a) => a.kind === 'video-sidecar' && a.path.endsWith(suffix))?.url;
  const meta = videoMetaOf(video.meta);
  return {
    src: video.url,
    captions: sidecar('/video.vtt'),
    chapters: sidecar('/video.chapters.vtt'),
    poster: sidecar('/video.jpg'),
    transcript: sidecar('/video.transcript.txt'),
    title: page.title,
    description: page.description,
    lang: meta.lang ?? page.lang,
    durationSeconds: meta.durationSeconds,
    width: meta.width ?? 1280,
    height: meta.height ?? 720,
    label: meta.label,
    offlineDraft: meta.offlineDraft === true,
    generatedAt: video.generatedAt,
    model: video.model,
  };
}

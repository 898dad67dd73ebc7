import { resolve } from 'node:path';
import type { AigcOptions } from '../options.ts';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import { sha256 } from '../utils/hash.ts';
import { loadSharp } from '../utils/image-libraries.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { assetFolder } from './illustration/paths.ts';
import { captionsPath, narrationPath, sentenceCaptionsPath, shouldNarrate } from './narration.ts';
import { decodeMp3 } from './narration/encode-levelled.ts';
import { buildNarrationScript } from './narration/script.ts';
import { buildWebVtt, parseWebVtt } from './narration/vtt.ts';
import { ENCODING, encodeWebm } from './video/encode.ts';
import { videoLabel, videoTags } from './video/label.ts';
import { SLIDE_HEIGHT, SLIDE_WIDTH } from './video/render-slide.ts';
import { SlideCache, SLIDE_VERSION } from './video/slide-cache.ts';
import { timeSlides, type SlidePage } from './video/slides.ts';
import { rgbaToI420 } from './video/yuv.ts';
import type { Generator } from './generator.ts';
import { readFile, readFileSync } from '../utils/read-ledger.ts';

/** Bump when the timing, the tracks or the container change: every video is remade. */
export const VIDEO_VERSION = '1';
/** Names the in-process slide renderer and encoder (satori, resvg, libvpx-vp9, libopus) in the lock and on the disclosure page. */
export const VIDEO_MODEL = 'astro-aigc-slides-1';

/** Samples of silence LAME puts before the first sound (576 encoder + 529 decoder delay), at the MP3's rate. */
const LAME_DELAY_SAMPLES = 1105;

/** `…/<slug>.md` → `…/<slug>/video.webm`, and its sidecars. */
export function videoPaths(articlePath: string) {
  const folder = assetFolder(articlePath);
  return {
    video: `${folder}/video.webm`,
    captions: `${folder}/video.vtt`,
    chapters: `${folder}/video.chapters.vtt`,
    poster: `${folder}/video.jpg`,
    transcript: `${folder}/video.transcript.txt`,
  };
}

/** A page gets a video when it is narrated and its outline (else the `video` option) asks for one. */
export function shouldMakeVideo(outline: Outline, options: Pick<AigcOptions, 'narration' | 'video'>): boolean {
  return shouldNarrate(outline, options) && (outline.data.video ?? options.video);
}

/**
 * The video job of a page: its slides (from the page, its cover and its pictures) timed to
 * its narration, which is the sound track. Deterministic, in process, no model: it depends
 * on the article body, the narration (with its captions) and the pictures it shows, so a
 * tag change remakes nothing and a section edit redraws only that section's slides (the
 * slide cache), then re-encodes.
 */
export function planVideo(
  outline: Outline,
  articlePath: string,
  pageJobs: readonly Job[],
  options: AigcOptions,
  root: string = process.cwd(),
): Job[] {
  if (!shouldMakeVideo(outline, options)) return [];
  const narration = narrationPath(articlePath);
  if (!pageJobs.some((job) => job.path === narration)) return [];
  const paths = videoPaths(articlePath);
  const folder = assetFolder(articlePath);
  const pictures = new Map<string, string>();
  let cover: string | undefined;
  for (const job of pageJobs) {
    const name = job.path.slice(folder.length + 1);
    const numbered = /^(figure|diagram|dot)-(\d+)\.\w+$/.exec(name);
    if (numbered) pictures.set(`${numbered[1]}:${Number(numbered[2])}`, job.path);
    else if (/^cover\.\w+$/.test(name)) cover = job.path;
  }
  const { title, description, lang } = outline.data;
  // The narration's captions files decide the video's captions: a person's fix to them remakes the video.
  const withCaptions = (bytes: Uint8Array) =>
    sha256(
      `${sha256(bytes)}:${[captionsPath(articlePath), sentenceCaptionsPath(articlePath)].map((p) => readOr(resolve(root, p))).join(':')}`,
    );
  return [
    {
      path: paths.video,
      kind: 'video',
      capability: 'none',
      outline: outline.file,
      dependsOn: [articlePath, narration, ...(cover ? [cover] : []), ...pictures.values()],
      inputs: {
        title,
        description: description ?? null,
        lang,
        width: SLIDE_WIDTH,
        height: SLIDE_HEIGHT,
        slides: SLIDE_VERSION,
        encoding: { ...ENCODING },
      },
      version: VIDEO_VERSION,
      digestDependency: (dep, bytes) =>
        dep === articlePath
          ? sha256(
              `${splitFrontmatter(new TextDecoder().decode(bytes)).body.trim()}:offlineDraft:${isOfflineDraft(bytes)}`,
            )
          : dep === narration
            ? withCaptions(bytes)
            : sha256(bytes),
      estimate: { inputTokens: 0, outputTokens: 0 },
      run: (context) => makeVideo({ articlePath, title, description, lang, cover, pictures, paths }, context),
    },
  ];
}

interface VideoPage {
  articlePath: string;
  title: string;
  description: string | undefined;
  lang: string;
  cover: string | undefined;
  pictures: ReadonlyMap<string, string>;
  paths: ReturnType<typeof videoPaths>;
}

async function makeVideo(page: VideoPage, context: JobContext): Promise<JobResult> {
  const article = await context.readDependency(page.articlePath);
  const offlineDraft = isOfflineDraft(article);
  const body = splitFrontmatter(new TextDecoder().decode(article)).body;
  const script = buildNarrationScript(body, { title: page.title, lang: page.lang });
  const narration = narrationPath(page.articlePath);
  const paragraphs = parseWebVtt(await readFile(resolve(context.root, captionsPath(page.articlePath)), 'utf8'));
  const decoded = await decodeMp3(await context.readDependency(narration));
  // LAME's encoder delay comes first in the decoded MP3 (no gapless header says so), its padding
  // last: cut both, so the sound starts and ends where the captions say.
  const spoken = paragraphs.at(-1)?.end ?? decoded.samples.length / decoded.sampleRate;
  const from = Math.min(LAME_DELAY_SAMPLES, decoded.samples.length);
  const audio = {
    sampleRate: decoded.sampleRate,
    samples: decoded.samples.subarray(
      from,
      Math.min(decoded.samples.length, from + Math.round(spoken * decoded.sampleRate)),
    ),
  };
  const durationSeconds = audio.samples.length / audio.sampleRate;
  const captions = await readFile(resolve(context.root, sentenceCaptionsPath(page.articlePath)), 'utf8');
  const label = videoLabel(page.lang, offlineDraft);
  const slidePage: SlidePage = {
    title: page.title,
    description: page.description,
    lang: page.lang,
    cover: page.cover,
    pictures: page.pictures,
    label,
  };
  const timed = timeSlides(script, paragraphs, durationSeconds, slidePage);

  const cache = new SlideCache(context.cacheDir, (path) => context.readDependency(path));
  const drawn = await Promise.all(timed.map((t) => cache.draw(t.slide)));
  const yuv = new Map<Uint8Array, Uint8Array>();
  const frames = timed.map((t, i) => {
    const rgba = drawn[i]!.rgba;
    if (!yuv.has(rgba)) yuv.set(rgba, rgbaToI420(rgba, SLIDE_WIDTH, SLIDE_HEIGHT));
    return { yuv: yuv.get(rgba)!, start: t.start, end: t.end };
  });
  const redrawn = drawn.filter((d) => d.drawn).length;
  context.logger.debug(
    `${page.paths.video}: ${timed.length} slides, ${redrawn} drawn, ${new Set(drawn.map((d) => d.rgba)).size - redrawn} from the slide cache.`,
  );
  context.signal.throwIfAborted();

  const data = await encodeWebm({
    width: SLIDE_WIDTH,
    height: SLIDE_HEIGHT,
    frames,
    audio,
    lang: page.lang,
    tags: videoTags({ title: page.title, lang: page.lang, offlineDraft }),
  });
  const sharp = await loadSharp();
  const poster = await sharp(drawn[0]!.rgba, { raw: { width: SLIDE_WIDTH, height: SLIDE_HEIGHT, channels: 4 } })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  const chapters = script.sections.map((section, i) => {
    const first = script.sections.slice(0, i).reduce((n, s) => n + s.segments.length, 0);
    return { title: section.title, start: i === 0 ? 0 : paragraphs[first]!.start };
  });
  const chapterCues = chapters.map((c, i) => ({
    start: c.start,
    end: chapters[i + 1]?.start ?? durationSeconds,
    text: c.title,
  }));
  const transcript = script.sections.map((s) => s.segments.map((g) => g.text).join('\n\n')).join('\n\n\n');
  return {
    data,
    provider: 'none',
    model: VIDEO_MODEL,
    usage: { inputTokens: 0, outputTokens: 0 },
    sidecars: [
      { path: page.paths.captions, data: captions },
      { path: page.paths.chapters, data: buildWebVtt(chapterCues, 'ch') },
      { path: page.paths.poster, data: new Uint8Array(poster) },
      { path: page.paths.transcript, data: `${page.title}\n\n${transcript}\n` },
    ],
    meta: {
      durationSeconds: Math.round(durationSeconds * 1000) / 1000,
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      bytes: data.length,
      lang: page.lang,
      slides: new Set(timed.map((t) => JSON.stringify(t.slide))).size,
      chapters: chapters.map((c) => ({ title: c.title, start: Math.round(c.start * 1000) / 1000 })),
      label,
      ...(offlineDraft ? { offlineDraft: true } : {}),
    },
  };
}

function readOr(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch {
    return 'missing';
  }
}

/** Whether a generated page says (in its frontmatter) that the offline drafter wrote it. */
function isOfflineDraft(page: Uint8Array): boolean {
  const aigc = splitFrontmatter(new TextDecoder().decode(page)).data.aigc as { offlineDraft?: unknown } | undefined;
  return aigc?.offlineDraft === true;
}

/** A captioned video of a narrated article page (its cover, figures and narration). */
export const videoGenerator: Generator = {
  name: 'video',
  kinds: ['video'],
  plan: (outline, { options, root }, planned) => {
    const page = planned.find((job) => job.kind === 'article');
    return page ? planVideo(outline, page.path, planned, options, root) : [];
  },
};

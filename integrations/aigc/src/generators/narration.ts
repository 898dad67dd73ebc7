import { resolve } from 'node:path';
import type { AigcOptions } from '../options.ts';
import type { Job, JobContext, JobResult, OutputCheck } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import type { Usage } from '../providers/types.ts';
import { voiceForLanguage } from '../providers/voices.ts';
import { sha256 } from '../utils/hash.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { buildId3Tag, iso639_2 } from './narration/id3.ts';
import { LEXICON_PATH, lexiconFor, lexiconHash, readLexicon, type LexiconEntries } from './narration/lexicon.ts';
import { encodeLevelled, type DeliveryLoudness } from './narration/encode-levelled.ts';
import type { SpeechBitrate } from './narration/mp3.ts';
import { speakable } from './narration/pronounce.ts';
import { buildNarrationScript } from './narration/script.ts';
import { SegmentCache } from './narration/segment-cache.ts';
import { speakSegment } from './narration/speak.ts';
import { buildTimeline, type Pauses, type TimedInput } from './narration/timeline.ts';
import { buildWebVtt, parseWebVtt } from './narration/vtt.ts';
import { captionCues } from './narration/captions.ts';
import { formatFinding } from '../validate/finding.ts';
import { checkPlainText } from '../validate/plain-text.ts';
import { SpeechMismatchError } from '../providers/verbatim.ts';
import type { Generator } from './generator.ts';

/** Bump when the script rules, the pauses or the encoding change: every narration is redone. */
export const NARRATION_VERSION = '2';

/**
 * How the narration sounds and is stored; part of the job's key. Loudness, measured on the
 * encoded file: −16 LUFS (±0.3), as podcast platforms ask, true peak at most −1.2 dBTP (under
 * their −1, with room for other meters' rounding).
 */
export const NARRATION_SETTINGS: { bitrate: SpeechBitrate; pauses: Pauses; loudness: DeliveryLoudness } = {
  bitrate: 48,
  pauses: { afterHeading: 0.45, afterParagraph: 0.7 },
  loudness: { integrated: -16, tolerance: 0.3, truePeak: -1.2 },
};

export interface NarrationPlanSettings {
  /** Project root, where the lexicon file lives (default: the working directory). */
  root?: string;
  /** The page's figures are offline placeholders (abstract patterns), not pictures of their prompts. */
  placeholderFigures?: boolean;
}

/** `content/generated/<collection>/<slug>.md` → `content/generated/<collection>/<slug>/narration.mp3`. */
export function narrationPath(articlePath: string): string {
  return `${articlePath.replace(/\.md$/, '')}/narration.mp3`;
}

/** The paragraph transcript (one cue per paragraph; the page's transcript and chapters links). */
export function captionsPath(articlePath: string): string {
  return `${articlePath.replace(/\.md$/, '')}/narration.vtt`;
}

/** Sentence-sized captions for the player's `<track>`. */
export function sentenceCaptionsPath(articlePath: string): string {
  return `${articlePath.replace(/\.md$/, '')}/narration.captions.vtt`;
}

/** Whether a page gets a narration: its outline decides, then the site option; reference pages never. */
export function shouldNarrate(outline: Outline, options: Pick<AigcOptions, 'narration'>): boolean {
  return outline.data.kind !== 'reference' && (outline.data.narration ?? options.narration);
}

/**
 * The narration job of a page. Its key covers the article body (human edits included, not
 * its frontmatter), the language, the title, the lexicon entries for that language and the
 * narration settings: changing tags or the cover re-speaks nothing.
 */
export function planNarration(
  outline: Outline,
  articlePath: string,
  options: AigcOptions,
  settings: NarrationPlanSettings = {},
): Job[] {
  if (!shouldNarrate(outline, options)) return [];
  const { lang, title } = outline.data;
  const lexicon = lexiconFor(readLexicon(resolve(settings.root ?? process.cwd(), LEXICON_PATH), LEXICON_PATH), lang);
  const style = canonicalStyle(options);
  const voice = voiceForLanguage(options.speech.voices, lang);
  const words = outline.data.length ?? 900;
  // Only pages with figures say how they are drawn, so other narrations keep their keys.
  const placeholderFigures =
    settings.placeholderFigures === true && outline.sections.some((s) => s.blocks.some((b) => b.type === 'figure'));
  return [
    {
      path: narrationPath(articlePath),
      kind: 'narration',
      capability: 'speech',
      outline: outline.file,
      dependsOn: [articlePath],
      inputs: {
        lang,
        title,
        lexicon: lexiconHash(lexicon),
        ...(placeholderFigures ? { figures: 'placeholder' } : {}),
        settings: {
          bitrate: NARRATION_SETTINGS.bitrate,
          pauses: { ...NARRATION_SETTINGS.pauses },
          loudness: { ...NARRATION_SETTINGS.loudness },
          voice: voice ?? options.speech.voice,
          instructions: options.speech.instructions,
        },
      },
      version: NARRATION_VERSION,
      digestDependency: (_path, bytes) => sha256(splitFrontmatter(new TextDecoder().decode(bytes)).body.trim()),
      declines: (inputs) => draftReason(inputs.get(articlePath), articlePath),
      // ~6 characters a word, ~150 words a minute, ~1,250 audio tokens a minute.
      estimate: { inputTokens: Math.ceil(words * 1.5), outputTokens: Math.ceil((words / 150) * 1250) },
      check: narrationCheck(narrationPath(articlePath)),
      run: (context) =>
        narrate({ articlePath, title, lang, lexicon, style, placeholderFigures, ...(voice ? { voice } : {}) }, context),
    },
  ];
}

interface NarrationPage {
  articlePath: string;
  title: string;
  lang: string;
  lexicon: LexiconEntries;
  /** Speech settings that change the sound but are not provider, model or voice. */
  style: string;
  placeholderFigures: boolean;
  /** The voice `speech.voices` gives this language, if any. */
  voice?: string;
}

/**
 * A page published as a draft (`draft: true`: it failed validation and `validation.onFailure`
 * is "draft") is not narrated: audio of text nobody vouches for would go out in the podcast
 * feed. It is narrated on the run after it passes.
 */
function draftReason(article: Uint8Array | undefined, articlePath: string): string | undefined {
  if (!article) return undefined;
  const { data } = splitFrontmatter(new TextDecoder().decode(article));
  if (data.draft !== true) return undefined;
  return `${articlePath} is published as a draft (it did not pass validation), so it gets no narration; it is narrated once the page passes. Fix the findings printed for it, then build again.`;
}

async function narrate(page: NarrationPage, context: JobContext): Promise<JobResult> {
  const markdown = new TextDecoder().decode(await context.readDependency(page.articlePath));
  const script = buildNarrationScript(splitFrontmatter(markdown).body, page);
  const speech = context.providers.speech;
  const cache = new SegmentCache(context.cacheDir);
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const timed: TimedInput[] = [];
  let voice = page.voice ?? speech.voice;
  let synthesised = 0;
  let reread = 0;

  const total = script.sections.reduce((sum, s) => sum + s.segments.length, 0);
  for (const [section, { segments, title }] of script.sections.entries()) {
    for (const segment of segments) {
      context.signal.throwIfAborted();
      const spoken = speakable(segment.text, page.lang, page.lexicon);
      const result = await speakSegment(spoken, speech, cache, {
        lang: page.lang,
        style: page.style,
        ...(page.voice ? { voice: page.voice } : {}),
        signal: context.signal,
      }).catch((error: unknown) => {
        throw error instanceof SpeechMismatchError
          ? mismatchOnPage(error, page.articlePath, timed.length + 1, total, title)
          : error;
      });
      if (!result.cached) synthesised++;
      if (result.rereads > 0) reread++;
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      voice = result.voice;
      timed.push({ text: segment.text, role: segment.role, section, audio: result.audio });
    }
  }
  context.logger.debug(
    `${page.articlePath}: narration from ${timed.length} segments, ${synthesised} synthesised, ${timed.length - synthesised} from cache.`,
  );
  if (reread > 0)
    context.logger.info(
      `${page.articlePath}: the voice reworded ${reread} of ${timed.length} narration segments; each was asked again and then read verbatim.`,
    );

  const timeline = buildTimeline(
    timed,
    script.sections.map((s) => s.title),
    NARRATION_SETTINGS.pauses,
  );
  const { mp3, spoken, delivered } = await encodeLevelled(
    timeline.audio,
    NARRATION_SETTINGS.loudness,
    NARRATION_SETTINGS.bitrate,
  );
  const speaker = `${speech.id === 'offline' ? 'eSpeak NG' : speech.model} (voice ${voice})`;
  const language = iso639_2(page.lang);
  const tag = buildId3Tag({
    title: page.title,
    artist: `Synthetic voice: ${speaker}`,
    date: new Date().toISOString().slice(0, 10),
    ...(language ? { language } : {}),
    comment: `AI-generated narration of "${page.title}", read by a synthetic voice (${speaker}).`,
    userText: {
      'AI-generated': `true; synthetic speech, provider ${speech.id}, model ${speech.model}, voice ${voice}`,
      generator: 'astro-aigc',
    },
    chapters: timeline.chapters.map((c) => ({ title: c.title, startMs: c.start * 1000, endMs: c.end * 1000 })),
  });
  const data = new Uint8Array(tag.length + mp3.length);
  data.set(tag, 0);
  data.set(mp3, tag.length);

  return {
    data,
    provider: speech.id,
    model: speech.model,
    usage,
    sidecars: [
      { path: captionsPath(page.articlePath), data: buildWebVtt(timeline.cues) },
      { path: sentenceCaptionsPath(page.articlePath), data: buildWebVtt(captionCues(timeline.cues, page.lang), 'c') },
    ],
    meta: {
      durationSeconds: round3(timeline.durationSeconds),
      chapters: timeline.chapters.map((c) => ({ title: c.title, start: round3(c.start) })),
      voice,
      bytes: data.length,
      lang: page.lang,
      // BS.1770-4: the voice as it spoke, and the MP3 as delivered (decoded and measured).
      loudness: {
        spoken: round1(spoken.integrated),
        integrated: round1(delivered.integrated),
        truePeak: round1(delivered.truePeak),
      },
    },
  };
}

/** A segment the voice would not read verbatim, named by page, number and section. */
function mismatchOnPage(
  error: SpeechMismatchError,
  articlePath: string,
  n: number,
  total: number,
  section: string,
): SpeechMismatchError {
  return error.at(`${articlePath}: narration segment ${n} of ${total} (section "${section}")`);
}

/**
 * The audio is ours (decoded from the provider into samples, encoded here), so its check
 * verifies the file is the ID3-tagged MP3 we mean to publish; the captions and chapter
 * titles are text and are held to plain text, cue by cue, whatever the page held.
 */
function narrationCheck(path: string): OutputCheck {
  return {
    name: 'narration',
    check: async (draft, context) => {
      const data = typeof draft.data === 'string' ? new TextEncoder().encode(draft.data) : draft.data;
      if (!isTaggedMp3(data)) throw new Error(`${path}: the narration is not an ID3-tagged MP3; it is not written.`);
      const plain = (text: string, what: string) => {
        const result = checkPlainText(text, what);
        for (const finding of result.findings) context.logger.warn(formatFinding(path, finding));
        return result.text;
      };
      // A caption's line breaks are its layout: each line is held to plain text on its own.
      const plainLines = (text: string) =>
        text
          .split('\n')
          .map((line) => plain(line, 'captions'))
          .join('\n');
      const sidecars = (draft.sidecars ?? []).map((sidecar) =>
        sidecar.path.endsWith('.vtt')
          ? {
              ...sidecar,
              data: buildWebVtt(
                parseWebVtt(String(sidecar.data)).map((cue) => ({ ...cue, text: plainLines(cue.text) })),
                sidecar.path.endsWith('.captions.vtt') ? 'c' : 'p',
              ),
            }
          : sidecar,
      );
      const chapters = Array.isArray(draft.meta?.chapters)
        ? draft.meta.chapters.map((c) =>
            c && typeof c === 'object' && !Array.isArray(c) && typeof c.title === 'string'
              ? { ...c, title: plain(c.title, 'chapter title') }
              : c,
          )
        : undefined;
      return {
        ...draft,
        data,
        sidecars,
        ...(draft.meta ? { meta: { ...draft.meta, ...(chapters ? { chapters } : {}) } } : {}),
      };
    },
  };
}

/** An ID3v2 tag followed by an MPEG audio frame sync. */
function isTaggedMp3(data: Uint8Array): boolean {
  if (data.length < 14 || data[0] !== 0x49 || data[1] !== 0x44 || data[2] !== 0x33) return false;
  const size = ((data[6]! & 0x7f) << 21) | ((data[7]! & 0x7f) << 14) | ((data[8]! & 0x7f) << 7) | (data[9]! & 0x7f);
  const frame = 10 + size;
  return data[frame] === 0xff && (data[frame + 1]! & 0xe0) === 0xe0;
}

function canonicalStyle(options: AigcOptions): string {
  return options.speech.instructions.trim();
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The spoken version of an article page, with its captions. */
export const narrationGenerator: Generator = {
  name: 'narration',
  kinds: ['narration'],
  plan: (outline, { options, root, producers }, planned) => {
    const page = planned.find((job) => job.kind === 'article');
    // Offline figures are abstract patterns; narrations say so instead of describing the prompt.
    return page
      ? planNarration(outline, page.path, options, { root, placeholderFigures: producers.image.provider === 'offline' })
      : [];
  },
};

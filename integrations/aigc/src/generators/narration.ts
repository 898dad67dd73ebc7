import { resolve } from 'node:path';
import type { AigcOptions } from '../options.ts';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import type { Usage } from '../providers/types.ts';
import { sha256 } from '../utils/hash.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { buildId3Tag, iso639_2 } from './narration/id3.ts';
import { applyLexicon, LEXICON_PATH, lexiconFor, lexiconHash, readLexicon, type LexiconEntries } from './narration/lexicon.ts';
import { encodeMp3, type SpeechBitrate } from './narration/mp3.ts';
import { buildNarrationScript } from './narration/script.ts';
import { SegmentCache } from './narration/segment-cache.ts';
import { speakSegment } from './narration/speak.ts';
import { buildTimeline, type Pauses, type TimedInput } from './narration/timeline.ts';
import { buildWebVtt } from './narration/vtt.ts';

/** Bump when the script rules, the pauses or the encoding change: every narration is redone. */
export const NARRATION_VERSION = '1';

/** How the narration sounds and is stored; part of the job's key. */
export const NARRATION_SETTINGS: { bitrate: SpeechBitrate; pauses: Pauses } = {
  bitrate: 48,
  pauses: { afterHeading: 0.45, afterParagraph: 0.7 },
};

export interface NarrationPlanSettings {
  /** Project root, where the lexicon file lives (default: the working directory). */
  root?: string;
}

/** `content/generated/<collection>/<slug>.md` → `content/generated/<collection>/<slug>/narration.mp3`. */
export function narrationPath(articlePath: string): string {
  return `${articlePath.replace(/\.md$/, '')}/narration.mp3`;
}

export function captionsPath(articlePath: string): string {
  return `${articlePath.replace(/\.md$/, '')}/narration.vtt`;
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
export function planNarration(outline: Outline, articlePath: string, options: AigcOptions, settings: NarrationPlanSettings = {}): Job[] {
  if (!shouldNarrate(outline, options)) return [];
  const { lang, title } = outline.data;
  const lexicon = lexiconFor(readLexicon(resolve(settings.root ?? process.cwd(), LEXICON_PATH), LEXICON_PATH), lang);
  const style = canonicalStyle(options);
  const words = outline.data.length ?? 900;
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
        settings: {
          bitrate: NARRATION_SETTINGS.bitrate,
          pauses: { ...NARRATION_SETTINGS.pauses },
          voice: options.speech.voice,
          instructions: options.speech.instructions,
        },
      },
      version: NARRATION_VERSION,
      digestDependency: (_path, bytes) => sha256(splitFrontmatter(new TextDecoder().decode(bytes)).body.trim()),
      // ~6 characters a word, ~150 words a minute, ~1,250 audio tokens a minute.
      estimate: { inputTokens: Math.ceil(words * 1.5), outputTokens: Math.ceil((words / 150) * 1250) },
      run: (context) => narrate({ articlePath, title, lang, lexicon, style }, context),
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
}

async function narrate(page: NarrationPage, context: JobContext): Promise<JobResult> {
  const markdown = new TextDecoder().decode(await context.readDependency(page.articlePath));
  const script = buildNarrationScript(splitFrontmatter(markdown).body, page);
  const speech = context.providers.speech;
  const cache = new SegmentCache(context.cacheDir);
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const timed: TimedInput[] = [];
  let voice = speech.voice;
  let synthesised = 0;

  for (const [section, { segments }] of script.sections.entries()) {
    for (const segment of segments) {
      context.signal.throwIfAborted();
      const spoken = applyLexicon(segment.text, page.lexicon);
      const result = await speakSegment(spoken, speech, cache, { lang: page.lang, style: page.style, signal: context.signal });
      if (!result.cached) synthesised++;
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      voice = result.voice;
      timed.push({ text: segment.text, role: segment.role, section, audio: result.audio });
    }
  }
  context.logger.debug(`${page.articlePath}: narration from ${timed.length} segments, ${synthesised} synthesised, ${timed.length - synthesised} from cache.`);

  const timeline = buildTimeline(
    timed,
    script.sections.map((s) => s.title),
    NARRATION_SETTINGS.pauses,
  );
  const mp3 = await encodeMp3(timeline.audio, NARRATION_SETTINGS.bitrate);
  const speaker = `${speech.id === 'offline' ? 'eSpeak NG' : speech.model} (voice ${voice})`;
  const language = iso639_2(page.lang);
  const tag = buildId3Tag({
    title: page.title,
    artist: `Synthetic voice: ${speaker}`,
    date: new Date().toISOString().slice(0, 10),
    ...(language ? { language } : {}),
    comment: `AI-generated narration of "${page.title}", read by a synthetic voice (${speaker}).`,
    userText: { 'AI-generated': `true; synthetic speech, provider ${speech.id}, model ${speech.model}, voice ${voice}`, generator: 'astro-aigc' },
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
    sidecars: [{ path: captionsPath(page.articlePath), data: buildWebVtt(timeline.cues) }],
    meta: {
      durationSeconds: round3(timeline.durationSeconds),
      chapters: timeline.chapters.map((c) => ({ title: c.title, start: round3(c.start) })),
      voice,
      bytes: data.length,
      lang: page.lang,
    },
  };
}

function canonicalStyle(options: AigcOptions): string {
  return options.speech.instructions.trim();
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import { concatPcm, durationOf, resample, type Pcm } from './pcm.ts';
import type { Cue } from './vtt.ts';

/** Silence after a segment, in seconds: a breath after a heading, a longer one after a paragraph. */
export interface Pauses {
  afterHeading: number;
  afterParagraph: number;
}

export interface TimedInput {
  text: string;
  role: 'title' | 'heading' | 'body';
  /** Index of the section (chapter) the segment belongs to. */
  section: number;
  audio: Pcm;
}

export interface Chapter {
  title: string;
  /** Seconds from the start. */
  start: number;
  end: number;
}

export interface Timeline {
  audio: Pcm;
  /** One per segment; times come from the real sample counts. */
  cues: Cue[];
  chapters: Chapter[];
  durationSeconds: number;
}

/**
 * Lay segments end to end with pauses between them (none after the last). Cues and
 * chapter starts are computed from sample counts, so captions follow the real audio.
 */
export function buildTimeline(
  segments: readonly TimedInput[],
  sectionTitles: readonly string[],
  pauses: Pauses,
): Timeline {
  const sampleRate = segments[0]?.audio.sampleRate ?? 24_000;
  const clips: Pcm[] = [];
  const cues: Cue[] = [];
  const starts = new Map<number, number>();
  let samples = 0;
  segments.forEach((segment, i) => {
    const audio = resample(segment.audio, sampleRate);
    if (!starts.has(segment.section)) starts.set(segment.section, samples / sampleRate);
    cues.push({ start: samples / sampleRate, end: (samples + audio.samples.length) / sampleRate, text: segment.text });
    clips.push(audio);
    samples += audio.samples.length;
    if (i < segments.length - 1) {
      const pause = Math.round((segment.role === 'body' ? pauses.afterParagraph : pauses.afterHeading) * sampleRate);
      clips.push({ samples: new Float32Array(pause), sampleRate });
      samples += pause;
    }
  });
  const audio = concatPcm(clips, sampleRate);
  const durationSeconds = durationOf(audio);
  const sections = [...starts.entries()].sort((a, b) => a[1] - b[1]);
  const chapters = sections.map(([section, start], i) => ({
    title: sectionTitles[section] ?? '',
    start,
    end: sections[i + 1]?.[1] ?? durationSeconds,
  }));
  return { audio, cues, chapters, durationSeconds };
}

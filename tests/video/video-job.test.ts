import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { parseWebVtt } from '../../integrations/aigc/src/generators/narration/vtt.ts';
import { planVideo } from '../../integrations/aigc/src/generators/video.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { countingText, makeOutline, settingsFor, tempRoot } from '../support/engine-fixtures.ts';
import { toneSpeech } from '../narration/helpers.ts';

const videoOptions = parseOptions({ video: true });
const VIDEO = 'content/generated/articles/page/video.webm';

function jobsFor(outline: ReturnType<typeof makeOutline>, root: string): Job[] {
  const article = planArticle(outline, videoOptions);
  const page = [article, ...planNarration(outline, article.path, videoOptions)];
  return [...page, ...planVideo(outline, article.path, page, videoOptions, root)];
}

function providers() {
  return {
    text: countingText(),
    image: { id: 'offline' as const, model: 'none', generate: () => Promise.reject(new Error('unused')) },
    speech: toneSpeech(),
  };
}

/** Debug lines of a run (the video job says how many slides it drew). */
function debugLog() {
  const lines: string[] = [];
  return { lines, logger: { info() {}, warn() {}, error() {}, debug: (m: string) => lines.push(m) } };
}

function drawnSlides(lines: string[]): number {
  const line = lines.find((l) => l.startsWith(`${VIDEO}:`));
  return Number(/(\d+) drawn/.exec(line ?? '')?.[1] ?? Number.NaN);
}

/** What ffprobe (Debian's FFmpeg, not ours) reads in a file. */
function probe(file: string) {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
    encoding: 'utf8',
  });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string }[];
    format: { format_name: string; duration: string; size: string; tags: Record<string, string> };
  };
}

/** The file's sound, decoded by FFmpeg: mono float samples at 8 kHz. */
function decodeAudio(file: string): Float32Array {
  const out = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', '8000', '-f', 'f32le', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(out.status, String(out.stderr)).toBe(0);
  const bytes = new Uint8Array(out.stdout);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function rms(samples: Float32Array, from: number, to: number): number {
  const a = Math.max(0, Math.round(from * 8000));
  const b = Math.min(samples.length, Math.round(to * 8000));
  let sum = 0;
  for (let i = a; i < b; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, b - a));
}

describe('the video job', () => {
  it('makes a WebM (VP9 + Opus) as long as the narration, with captions on the voice and its making in the file; a section edit redraws only that section', async () => {
    const root = await tempRoot();
    const outline = makeOutline('page', ['One', 'Two'], { video: true });
    const first = debugLog();
    const report = await runJobs(jobsFor(outline, root), settingsFor(root, providers(), { logger: first.logger }));
    expect(report.outcomes.map((o) => `${o.kind}:${o.action}`)).toEqual([
      'article:generated',
      'narration:generated',
      'video:generated',
    ]);
    // The title slide and one slide per section, each drawn once.
    expect(drawnSlides(first.lines)).toBe(3);

    const file = join(root, VIDEO);
    const lock = (await readLock(join(root, 'aigc.lock'))).artifacts;
    const narration = lock['content/generated/articles/page/narration.mp3']!.meta!;
    const info = probe(file);
    expect(info.format.format_name).toContain('webm');
    expect(info.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['video:vp9', 'audio:opus']);
    expect(info.streams[0]).toMatchObject({ width: 1280, height: 720 });
    const duration = Number(info.format.duration);
    expect(Math.abs(duration - Number(narration.durationSeconds)) / Number(narration.durationSeconds)).toBeLessThan(
      0.01,
    );
    const bytes = (await stat(file)).size;
    expect(Number(info.format.size)).toBe(bytes);
    // Still slides: a few kilobytes a second, not megabytes.
    expect(bytes / duration).toBeLessThan(100_000);
    expect(info.format.tags.title).toBe('Title of page');
    expect(info.format.tags.COMMENT ?? info.format.tags.comment).toMatch(/^AI-generated video of "Title of page"/);
    expect(info.format.tags.AI_GENERATED).toMatch(/^true/);
    expect(lock[VIDEO]).toMatchObject({
      kind: 'video',
      provider: 'none',
      meta: { width: 1280, height: 720, bytes, lang: 'en', slides: 3 },
    });
    expect(lock[VIDEO]!.sidecars).toEqual(
      ['video.vtt', 'video.chapters.vtt', 'video.jpg', 'video.transcript.txt'].map(
        (f) => `content/generated/articles/page/${f}`,
      ),
    );

    // Captions line up with the sound: the voice is heard inside each cue and silent between them.
    const cues = parseWebVtt(await readFile(join(root, 'content/generated/articles/page/video.vtt'), 'utf8'));
    expect(cues.length).toBeGreaterThan(3);
    const audio = decodeAudio(file);
    // The sound starts where the first caption does (the MP3's encoder delay is cut).
    expect(Math.abs(audio.findIndex((x) => Math.abs(x) > 0.05) / 8000 - cues[0]!.start)).toBeLessThan(0.02);
    for (const cue of cues) {
      const edge = Math.min(0.05, (cue.end - cue.start) / 4);
      expect(rms(audio, cue.start + edge, cue.end - edge), `inside "${cue.text}"`).toBeGreaterThan(0.1);
    }
    for (const [a, b] of cues.slice(1).map((cue, i) => [cues[i]!.end, cue.start] as const)) {
      if (b - a > 0.3) expect(rms(audio, a + 0.1, b - 0.1), `between ${a} and ${b}`).toBeLessThan(0.02);
    }
    const chapters = parseWebVtt(
      await readFile(join(root, 'content/generated/articles/page/video.chapters.vtt'), 'utf8'),
    );
    expect(chapters.map((c) => c.text)).toEqual(['Title of page', 'One', 'Two']);

    // A tag changes nothing; an edit of section Two redraws its slide only, and re-encodes.
    const retagged = await runJobs(
      jobsFor(makeOutline('page', ['One', 'Two'], { video: true, tags: ['new'] }), root),
      settingsFor(root, providers()),
    );
    expect(retagged.outcomes.map((o) => o.action)).toEqual(['reused', 'reused', 'reused']);
    const articleFile = join(root, 'content/generated/articles/page.md');
    await writeFile(
      articleFile,
      (await readFile(articleFile, 'utf8')).replace('Prose about Two.', 'Prose about Two, edited by a person.'),
    );
    const second = debugLog();
    const edited = await runJobs(jobsFor(outline, root), settingsFor(root, providers(), { logger: second.logger }));
    expect(edited.outcomes.map((o) => `${o.kind}:${o.action}`)).toEqual([
      'article:kept-edit',
      'narration:generated',
      'video:generated',
    ]);
    expect(drawnSlides(second.lines)).toBe(1);
    const longer = Number(probe(file).format.duration);
    expect(longer).toBeGreaterThan(duration);
  }, 240_000);

  it('is not planned unless asked for, nor for a page without narration', () => {
    const outline = makeOutline('page', ['One']);
    const article = planArticle(outline, videoOptions);
    const page = [article, ...planNarration(outline, article.path, videoOptions)];
    expect(planVideo(outline, article.path, page, parseOptions({}))).toEqual([]);
    expect(
      planVideo(makeOutline('page', ['One'], { video: true }), article.path, page, parseOptions({})).map((j) => j.path),
    ).toEqual([VIDEO]);
    expect(
      planVideo(makeOutline('page', ['One'], { video: true, narration: false }), article.path, [article], videoOptions),
    ).toEqual([]);
  });
});

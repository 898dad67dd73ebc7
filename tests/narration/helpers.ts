/** Builders for narration tests: an article, a job context, fake speech providers, an ID3 reader. */
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext } from '../../integrations/aigc/src/engine/types.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import type {
  Providers,
  SpeechProvider,
  SpeechRequest,
  SpeechResult,
} from '../../integrations/aigc/src/providers/types.ts';

export const ARTICLE_PATH = 'content/generated/articles/what-is-aigc.md';

export const ARTICLE = `---
title: What is AIGC?
lang: en
tags: [aigc]
aigc:
  provider: offline
  model: offline-drafter-1
reviewed: false
---

AIGC stands for AI-generated content. It is produced automatically by [artificial intelligence](https://example.com/ai).

## A definition

Generated content covers text, images, video, audio and program code.

- news reports and blog posts
- assistants' replies

\`\`\`figure
A generator and a discriminator network competing
\`\`\`

## How it is built

\`\`\`ts
const answer = 42;
\`\`\`

| model | year |
| ----- | ---- |
| GAN   | 2014 |

![A timeline of generative models](timeline.png)

## What to read next

Read about the applications of AIGC, then its core techniques.
`;

export function makeOutline(extra: Partial<Outline['data']> = {}): Outline {
  return {
    collection: 'articles',
    slug: 'what-is-aigc',
    file: 'content/outlines/articles/what-is-aigc.md',
    data: {
      title: 'What is AIGC?',
      kind: 'article',
      lang: 'en',
      translate: [],
      tags: ['aigc'],
      draft: false,
      ...extra,
    },
    lead: 'Define AIGC.',
    sections: [],
    raw: '',
  };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'aigc-narration-'));
}

const never = () => Promise.reject(new Error('not used in narration tests'));

export function contextFor(speech: SpeechProvider, article: string, cacheDir: string): JobContext {
  const providers: Providers = {
    text: { id: 'offline', model: 'none', generate: never },
    image: { id: 'offline', model: 'none', generate: never },
    speech,
  };
  return {
    providers,
    readDependency: async (path) => {
      if (path !== ARTICLE_PATH) throw new Error(`unexpected dependency ${path}`);
      return new TextEncoder().encode(article);
    },
    root: cacheDir,
    cacheDir,
    signal: new AbortController().signal,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  };
}

/** A provider wrapper that records every request and the length of every answer. */
export function recording(
  inner: SpeechProvider,
): SpeechProvider & { requests: SpeechRequest[]; results: SpeechResult[] } {
  const requests: SpeechRequest[] = [];
  const results: SpeechResult[] = [];
  return {
    id: inner.id,
    model: inner.model,
    voice: inner.voice,
    maxInputChars: inner.maxInputChars,
    requests,
    results,
    async synthesize(request) {
      requests.push(request);
      const result = await inner.synthesize(request);
      results.push(result);
      return result;
    },
  };
}

/** A fast deterministic provider: a tone whose length follows the text (10 ms a character). */
export function toneSpeech(maxInputChars = 4096): SpeechProvider {
  return {
    id: 'openai',
    model: 'tone-1',
    voice: 'sine',
    maxInputChars,
    async synthesize(request) {
      const sampleRate = 24_000;
      const samples = new Float32Array(Math.max(1, request.text.length) * 240);
      for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / sampleRate);
      return { samples, sampleRate, usage: { inputTokens: 1, outputTokens: 1 }, model: 'tone-1', voice: 'sine' };
    },
  };
}

/** A 16-bit PCM mono WAV file. */
export function wavFile(
  samples: Float32Array,
  sampleRate: number,
  options: { unknownLength?: boolean } = {},
): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) =>
    [...text].forEach((c, i) => {
      view.setUint8(at + i, c.charCodeAt(0));
    });
  ascii(0, 'RIFF');
  view.setUint32(4, options.unknownLength ? 0xffffffff : 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, options.unknownLength ? 0xffffffff : samples.length * 2, true);
  for (let i = 0; i < samples.length; i++)
    view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), true);
  return bytes;
}

export interface Id3Frame {
  id: string;
  body: Uint8Array;
}

/** Frames of the ID3v2.4 tag at the start of a file, and where the audio begins. */
export function readId3(bytes: Uint8Array): { version: number; frames: Id3Frame[]; audioStart: number } {
  if (String.fromCharCode(...bytes.subarray(0, 3)) !== 'ID3') throw new Error('no ID3 tag');
  const size = syncsafe(bytes, 6);
  return { version: bytes[3]!, frames: readFrames(bytes.subarray(10, 10 + size)), audioStart: 10 + size };
}

export function readFrames(bytes: Uint8Array): Id3Frame[] {
  const frames: Id3Frame[] = [];
  let at = 0;
  while (at + 10 <= bytes.length && bytes[at] !== 0) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = syncsafe(bytes, at + 4);
    frames.push({ id, body: bytes.subarray(at + 10, at + 10 + size) });
    at += 10 + size;
  }
  return frames;
}

/** Text of a text frame (encoding byte 3 = UTF-8). */
export function frameText(frame: Id3Frame): string {
  if (frame.body[0] !== 3) throw new Error(`${frame.id}: expected UTF-8`);
  return new TextDecoder().decode(frame.body.subarray(1));
}

export interface ParsedChapter {
  id: string;
  startMs: number;
  endMs: number;
  title: string;
}

export function readChapter(frame: Id3Frame): ParsedChapter {
  const zero = frame.body.indexOf(0);
  const id = new TextDecoder().decode(frame.body.subarray(0, zero));
  const view = new DataView(frame.body.buffer, frame.body.byteOffset + zero + 1, 16);
  const sub = readFrames(frame.body.subarray(zero + 17));
  const title = sub.find((f) => f.id === 'TIT2');
  return { id, startMs: view.getUint32(0), endMs: view.getUint32(4), title: title ? frameText(title) : '' };
}

function syncsafe(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 21) | (bytes[at + 1]! << 14) | (bytes[at + 2]! << 7) | bytes[at + 3]!;
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** Integrated loudness (LUFS) and true peak (dBTP) of an encoded file, as ffmpeg's `ebur128` filter measures it. */
export function ffmpegLoudness(file: Uint8Array): { integrated: number; truePeak: number } {
  const result = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', 'pipe:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { input: file, encoding: 'buffer', maxBuffer: 1 << 28 },
  );
  if (result.error)
    throw new Error(`ffmpeg is needed for the loudness tests (apt-get install ffmpeg): ${result.error.message}`);
  const log = result.stderr.toString('utf8');
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary)?.[1];
  const peak = /Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1];
  if (result.status !== 0 || integrated === undefined || peak === undefined)
    throw new Error(`ffmpeg ebur128 failed (${result.status}):\n${log.slice(-2000)}`);
  return {
    integrated: Number(integrated === '-inf' ? -Infinity : integrated),
    truePeak: Number(peak === '-inf' ? -Infinity : peak),
  };
}

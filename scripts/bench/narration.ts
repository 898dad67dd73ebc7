/**
 * Offline narration speed: real-time factor (seconds of audio per second of wall time) of
 * eSpeak NG in WebAssembly, one process, on a fixed English and a fixed Chinese paragraph,
 * after a warm-up (the first call compiles the WebAssembly and loads the voice); the median
 * of five runs. Also the MP3 encoder's speed on the same audio. eSpeak runs on one thread.
 * Run alone: node scripts/bench/narration.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { encodeMp3 } from '../../integrations/aigc/src/generators/narration/mp3.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOfflineSpeech } from '../../integrations/aigc/src/providers/offline/speech.ts';

export interface NarrationBenchResult {
  name: string;
  value: number;
  unit: string;
  note: string;
}

const ENGLISH =
  'AIGC stands for AI-generated content: text, images, video, audio and program code produced automatically by artificial intelligence. ' +
  'Rapid progress in machine learning has made generated content practical, and it already shows its value across many fields, ' +
  'from newsrooms that draft routine reports to software teams that complete code and write tests. ' +
  'This page explains what it is, what it covers, and why it matters now.';

const CHINESE =
  '人工智能生成内容，指利用人工智能技术自动生成各种形式的内容，涵盖文本、图像、视频、音频和代码。' +
  '随着人工智能技术的快速发展，它已在新闻、教育、设计和软件开发等多个领域展现出潜力和应用价值。' +
  '本文介绍它是什么、能做什么，以及背后的核心技术。';

const RUNS = 5;

export async function benchNarration(): Promise<NarrationBenchResult[]> {
  const speech = createOfflineSpeech();
  const results: NarrationBenchResult[] = [];
  const coldStart = performance.now();
  await speech.synthesize({ text: 'Warm up.', lang: 'en' });
  const coldMs = performance.now() - coldStart;
  await speech.synthesize({ text: '预热。', lang: 'zh-CN' });
  results.push({
    name: 'offline speech: first call (compile + load)',
    value: round(coldMs),
    unit: 'ms',
    note: 'one short English sentence, includes WebAssembly compile and voice load',
  });

  let englishAudio: { samples: Float32Array; sampleRate: number } | undefined;
  for (const [label, text, lang] of [
    ['English', ENGLISH, 'en'],
    ['Mandarin', CHINESE, 'zh-CN'],
  ] as const) {
    // Warm-up: one full paragraph (the WebAssembly tiers up to optimised code over the first runs).
    const firstStart = performance.now();
    const first = await speech.synthesize({ text, lang });
    const firstFactor = first.samples.length / first.sampleRate / ((performance.now() - firstStart) / 1000);
    const factors: number[] = [];
    let seconds = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const result = await speech.synthesize({ text, lang });
      const wall = (performance.now() - start) / 1000;
      seconds = result.samples.length / result.sampleRate;
      factors.push(seconds / wall);
      if (lang === 'en') englishAudio = result;
    }
    results.push({
      name: `offline speech real-time factor, ${label}`,
      value: round(median(factors)),
      unit: '× real time',
      note: `${text.length} characters → ${seconds.toFixed(1)} s of audio; median of ${RUNS} warm runs (min ${round(Math.min(...factors))}, max ${round(Math.max(...factors))})`,
    });
    results.push({
      name: `offline speech real-time factor, ${label}, first paragraph of the process`,
      value: round(firstFactor),
      unit: '× real time',
      note: 'engine loaded, code not yet optimised: the conservative figure for a one-page build',
    });
  }

  if (englishAudio) {
    await encodeMp3(englishAudio); // warm-up: compile LAME
    const factors: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await encodeMp3(englishAudio);
      factors.push(englishAudio.samples.length / englishAudio.sampleRate / ((performance.now() - start) / 1000));
    }
    results.push({
      name: 'MP3 encoding real-time factor (CBR 48 kbit/s mono)',
      value: round(median(factors)),
      unit: '× real time',
      note: `median of ${RUNS} warm runs on the English audio`,
    });
  }
  results.push(await benchWholeJob(speech));
  return results;
}

/** The whole narration job (script, synthesis of every paragraph, MP3, ID3, captions) with an empty cache. */
async function benchWholeJob(speech: ReturnType<typeof createOfflineSpeech>): Promise<NarrationBenchResult> {
  const article = `---\ntitle: What is AIGC?\n---\n\n${ENGLISH}\n\n## A definition\n\n${ENGLISH}\n\n- text\n- images\n- audio\n\n## Why it matters\n\n${ENGLISH}\n`;
  const outline = {
    collection: 'articles',
    slug: 'bench',
    file: 'content/outlines/articles/bench.md',
    lead: '',
    sections: [],
    raw: '',
    data: { title: 'What is AIGC?', kind: 'article' as const, lang: 'en', translate: [], tags: [], draft: false },
  };
  const [job] = planNarration(outline, 'content/generated/articles/bench.md', parseOptions({}));
  const cacheDir = await mkdtemp(join(tmpdir(), 'aigc-bench-narration-'));
  const never = () => Promise.reject(new Error('unused'));
  try {
    const start = performance.now();
    const result = await job!.run({
      providers: {
        speech,
        text: { id: 'offline', model: 'none', generate: never },
        image: { id: 'offline', model: 'none', generate: never },
      },
      readDependency: async () => new TextEncoder().encode(article),
      root: process.cwd(),
      cacheDir,
      signal: new AbortController().signal,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    });
    const wall = (performance.now() - start) / 1000;
    const seconds = result.meta!.durationSeconds as number;
    return {
      name: 'offline narration job real-time factor (script → speech → MP3 + ID3 + VTT)',
      value: round(seconds / wall),
      unit: '× real time',
      note: `${seconds.toFixed(1)} s narration, ${(result.data as Uint8Array).length} bytes, empty segment cache`,
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchNarration()) console.log(`${r.name}: ${r.value} ${r.unit} (${r.note})`);
}

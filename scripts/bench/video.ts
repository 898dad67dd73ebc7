/**
 * Video speed. (1) Encoding: two minutes of 1280×720 slides (four real slides, English and
 * Chinese, changing every 15 s) with two minutes of speech-like sound, to WebM (VP9 + Opus)
 * by libav.js in WebAssembly on one thread: seconds of video per second of wall time (goal
 * ≥ 10× real time), median of three. (2) Drawing one slide (satori + resvg), cold. (3) What
 * video adds to a build, per demo page: the video job alone on a copy of the demo's committed
 * output, cold (empty slide cache) and warm (every slide cached, as after a section edit
 * that changes no slide); everything else is reused.
 * Run: npm run bench:video   (add --json for machine-readable output, --encode-only to skip the pages)
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '../../integrations/aigc/src/api.ts';
import { encodeWebm, loadLibav } from '../../integrations/aigc/src/generators/video/encode.ts';
import { renderSlide, SLIDE_HEIGHT, SLIDE_WIDTH } from '../../integrations/aigc/src/generators/video/render-slide.ts';
import type { Slide } from '../../integrations/aigc/src/generators/video/slides.ts';
import { rgbaToI420 } from '../../integrations/aigc/src/generators/video/yuv.ts';
import { medianMs, round, type BenchResult } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SECONDS = 120;
const label = 'AI-generated video · offline draft (no language model) · synthetic voice · slides from the page';

const SLIDES: Slide[] = [
  {
    kind: 'title',
    title: 'What is AIGC?',
    description: 'AI-generated content explained for newcomers.',
    lang: 'en',
    label,
  },
  {
    kind: 'section',
    page: 'What is AIGC?',
    heading: 'A definition',
    points: [
      'AIGC stands for AI-Generated Content: content produced automatically by artificial intelligence.',
      'It covers text, images, video, audio and program code.',
    ],
    lang: 'en',
    label,
  },
  {
    kind: 'section',
    page: '什么是AIGC',
    heading: 'AIGC 应用场景',
    points: [
      '在文本生成方面，包括新闻报道、文章和博客自动生成。',
      '音频生成方面的内容有自动生成音乐和音效；合成语音。',
    ],
    lang: 'zh-CN',
    label,
  },
  {
    kind: 'picture',
    page: 'What is AIGC?',
    picture: 'content/generated/articles/what-is-aigc-zh/diagram-1.svg',
    caption: 'A diagram of how AIGC is made.',
    lang: 'en',
    label,
  },
];

/** Speech-like sound: a voiced tone in bursts of a few hundred milliseconds with pauses. */
function speechLike(seconds: number, sampleRate = 24_000): Float32Array {
  const samples = new Float32Array(seconds * sampleRate);
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    const on = t % 2.3 < 1.8 && t % 0.37 < 0.3;
    samples[i] = on
      ? 0.25 * Math.sin(2 * Math.PI * (140 + 40 * Math.sin(t * 3)) * t) * (1 + 0.4 * Math.sin(2 * Math.PI * 900 * t))
      : 0;
  }
  return samples;
}

export async function benchVideo(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const read = async (path: string) =>
    new Uint8Array(await (await import('node:fs/promises')).readFile(join(ROOT, path)));

  const loadStart = performance.now();
  await loadLibav();
  results.push({
    name: 'libav.js load',
    value: round(performance.now() - loadStart),
    unit: 'ms',
    note: 'first use in the process: compiles the WebAssembly',
  });

  const drawn: Uint8Array[] = [];
  const drawMs = await medianMs(
    async () => {
      drawn.length = 0;
      for (const slide of SLIDES) drawn.push(await renderSlide(slide, read));
    },
    3,
    1,
  );
  results.push({
    name: 'slide drawing (satori + resvg)',
    value: round(drawMs / SLIDES.length),
    unit: 'ms a slide',
    note: `${SLIDE_WIDTH}×${SLIDE_HEIGHT}, median of 3 over ${SLIDES.length} slides (English, Chinese, a diagram)`,
  });

  const frames = drawn.map((rgba) => rgbaToI420(rgba, SLIDE_WIDTH, SLIDE_HEIGHT));
  const timeline = Array.from({ length: SECONDS / 15 }, (_, i) => ({
    yuv: frames[i % frames.length]!,
    start: i * 15,
    end: (i + 1) * 15,
  }));
  const audio = { samples: speechLike(SECONDS), sampleRate: 24_000 };
  let bytes = 0;
  const cpu: number[] = [];
  const encodeMs = await medianMs(
    async () => {
      const before = process.cpuUsage();
      bytes = (
        await encodeWebm({
          width: SLIDE_WIDTH,
          height: SLIDE_HEIGHT,
          frames: timeline,
          audio,
          lang: 'en',
          tags: { title: 'bench' },
        })
      ).length;
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1e6);
    },
    3,
    1,
  );
  cpu.sort((a, b) => a - b);
  const cpuSeconds = cpu[Math.floor(cpu.length / 2)]!;
  results.push({
    name: 'encode speed (VP9 + Opus → WebM, 720p, one thread), wall',
    value: round(SECONDS / (encodeMs / 1000)),
    unit: '× real time',
    note: `${SECONDS} s in ${round(encodeMs / 1000)} s wall, ${round(bytes / 1024)} KiB; goal ≥ 10×`,
  });
  // libav.js runs on this one thread: its CPU time is the time on one core, whatever else the machine runs.
  results.push({
    name: 'encode speed, CPU time of the process',
    value: round(SECONDS / cpuSeconds),
    unit: '× real time',
    note: `${round(cpuSeconds)} s of CPU for ${SECONDS} s of video`,
  });
  if (process.argv.includes('--encode-only')) return results;

  for (const slug of ['what-is-aigc', 'what-is-aigc-zh']) {
    const root = await mkdtemp(join(tmpdir(), 'aigc-bench-video-'));
    try {
      await cp(join(ROOT, 'content'), join(root, 'content'), { recursive: true });
      await cp(join(ROOT, 'aigc.lock'), join(root, 'aigc.lock'));
      const video = `content/generated/articles/${slug}/video.webm`;
      const settings = {
        root,
        options: { lang: 'en', siteName: 'AIGC Field Notes' },
        logger: { info() {}, warn() {}, error() {}, debug() {} },
        env: {},
        only: [`content/outlines/articles/${slug}.md`],
        force: new Set([video]),
      };
      const time = async () => {
        const start = performance.now();
        const { report } = await generate(settings);
        const outcome = report.outcomes.find((o) => o.path === video);
        if (outcome?.action !== 'generated')
          throw new Error(`${video}: ${outcome?.action ?? 'not planned'} ${outcome?.error?.message ?? ''}`);
        return performance.now() - start;
      };
      const cold = await time();
      const warm = await time();
      const entry = JSON.parse(await (await import('node:fs/promises')).readFile(join(root, 'aigc.lock'), 'utf8'))
        .artifacts[video];
      const duration = Number(entry?.meta?.durationSeconds ?? 0);
      results.push({
        name: `added build time: ${slug}`,
        value: round(cold / 1000),
        unit: 's',
        note: `cold slide cache; ${round(warm / 1000)} s with every slide cached; ${round(duration)} s of video, ${entry?.meta?.slides} slides`,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchVideo();
  if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
  else for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}

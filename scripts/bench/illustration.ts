/**
 * Offline illustration benchmark: per page, the cover (SVG drawn in process, text as glyph
 * outlines) and the social card (cover rasterised, laid out with satori, PNG via resvg and
 * sharp, XMP written). One cold page first (font files, satori's first layout), then N warm
 * pages with distinct titles, half English and half Chinese, averaged. Also Graphviz per
 * ```dot block. Run alone: `node scripts/bench/illustration.ts`.
 */
import { fileURLToPath } from 'node:url';
import { renderCard } from '../../integrations/aigc/src/generators/illustration/card.ts';
import { renderDot } from '../../integrations/aigc/src/generators/illustration/graphviz.ts';
import { createOfflineImage } from '../../integrations/aigc/src/generators/illustration/offline-image.ts';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note: string;
}

const PAGES = 12;

const EN = [
  'Applications of AIGC',
  'Core techniques behind generative models',
  'A learning path for AIGC',
  'Prompting well',
  'Evaluating generated text',
  'Images from text',
];
const ZH = [
  '什么是AIGC',
  'AIGC 的应用场景',
  '生成式模型的核心技术',
  'AIGC 学习路线',
  '提示词写作入门',
  '从文本生成图像',
];

export async function benchIllustration(): Promise<BenchFigure[]> {
  const provider = createOfflineImage();
  const page = async (title: string, lang: string) => {
    const t0 = performance.now();
    const cover = await provider.generate({
      prompt: `An editorial illustration for “${title}”`,
      title,
      tags: ['aigc', lang],
      lang,
      width: 1536,
      height: 1024,
    });
    const t1 = performance.now();
    const card = await renderCard({ title, siteName: 'astro-aigc demo', lang, cover: cover.data });
    const t2 = performance.now();
    return { coverMs: t1 - t0, cardMs: t2 - t1, coverBytes: cover.data.byteLength, cardBytes: card.byteLength };
  };

  const cold = await page('Cold start: the first page of a run', 'en');
  const warm: (typeof cold)[] = [];
  for (let i = 0; i < PAGES; i++) {
    const zh = i % 2 === 1;
    const titles = zh ? ZH : EN;
    warm.push(await page(`${titles[Math.floor(i / 2) % titles.length]} ${i}`, zh ? 'zh-CN' : 'en'));
  }
  const mean = (pick: (p: (typeof warm)[number]) => number, subset = warm) =>
    subset.reduce((sum, p) => sum + pick(p), 0) / subset.length;
  const en = warm.filter((_, i) => i % 2 === 0);
  const zh = warm.filter((_, i) => i % 2 === 1);

  await renderDot('digraph { a -> b }');
  const dotStart = performance.now();
  for (let i = 0; i < 10; i++)
    await renderDot(`digraph { outline -> article${i} -> narration; article${i} -> cover; cover -> card }`);
  const dotMs = (performance.now() - dotStart) / 10;

  const round = (n: number) => Math.round(n * 10) / 10;
  const warmNote = `warm, mean of ${PAGES} pages (half English, half Chinese), 1536×1024 cover`;
  return [
    {
      name: 'illustration.cold-page',
      value: round(cold.coverMs + cold.cardMs),
      unit: 'ms',
      note: 'first page of a process: cover + card, including font loading and satori/resvg warm-up',
    },
    {
      name: 'illustration.cover',
      value: round(mean((p) => p.coverMs)),
      unit: 'ms',
      note: `offline SVG cover, ${warmNote}`,
    },
    {
      name: 'illustration.card',
      value: round(mean((p) => p.cardMs)),
      unit: 'ms',
      note: `1200×630 PNG social card from the cover, ${warmNote}`,
    },
    {
      name: 'illustration.page',
      value: round(mean((p) => p.coverMs + p.cardMs)),
      unit: 'ms',
      note: `cover + card per page, ${warmNote}`,
    },
    {
      name: 'illustration.page.en',
      value: round(mean((p) => p.coverMs + p.cardMs, en)),
      unit: 'ms',
      note: 'cover + card per English page, warm',
    },
    {
      name: 'illustration.page.zh',
      value: round(mean((p) => p.coverMs + p.cardMs, zh)),
      unit: 'ms',
      note: 'cover + card per Chinese page, warm (more Noto Sans SC subsets to parse)',
    },
    {
      name: 'illustration.cover.bytes',
      value: Math.round(mean((p) => p.coverBytes)),
      unit: 'B',
      note: 'offline cover SVG size, mean',
    },
    {
      name: 'illustration.card.bytes',
      value: Math.round(mean((p) => p.cardBytes)),
      unit: 'B',
      note: 'social card PNG size (palette-quantised, with XMP), mean',
    },
    {
      name: 'illustration.dot',
      value: round(dotMs),
      unit: 'ms',
      note: 'Graphviz WASM render of a small ```dot block, warm, mean of 10',
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const figure of await benchIllustration())
    console.log(
      `${figure.name.padEnd(28)} ${String(figure.value).padStart(9)} ${figure.unit.padEnd(3)} ${figure.note}`,
    );
}

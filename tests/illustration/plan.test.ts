import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import { planIllustration } from '../../integrations/aigc/src/generators/illustration.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOfflineImage } from '../../integrations/aigc/src/generators/illustration/offline-image.ts';
import { readXmp } from '../../integrations/aigc/src/utils/xmp.ts';
import { assertSafeSvg, bytes, jobContext, makeOutline, offlineText } from './support.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const options = parseOptions({ text: { provider: 'offline' }, image: { provider: 'offline' } });
const article = 'content/generated/articles/what-is-aigc.md';
const folder = 'content/generated/articles/what-is-aigc';
const context = () => jobContext({ text: offlineText, image: createOfflineImage() });

function byPath(jobs: Job[]): Record<string, Job> {
  return Object.fromEntries(jobs.map((job) => [job.path, job]));
}

describe('planIllustration', () => {
  it('plans the cover, one job per block numbered per kind in document order, and the card', () => {
    const jobs = planIllustration(makeOutline({ cover: 'A watercolour desk' }), article, options);
    expect(jobs.map((j) => [j.path.slice(folder.length + 1), j.kind, j.capability])).toEqual([
      ['cover.svg', 'cover', 'image'],
      ['figure-1.svg', 'figure', 'image'],
      ['diagram-1.svg', 'diagram', 'text'],
      ['dot-1.svg', 'diagram', 'none'],
      ['figure-2.svg', 'figure', 'image'],
      ['card.png', 'card', 'none'],
    ]);
    // The card reads the cover, and of the article only whether a model wrote it (offline draft label).
    expect(byPath(jobs)[`${folder}/card.png`]!.dependsOn).toEqual([`${folder}/cover.svg`, article]);
    for (const job of jobs.filter((j) => j.kind !== 'card')) expect(job.dependsOn).not.toContain(article);
    const card = byPath(jobs)[`${folder}/card.png`]!;
    const page = (offlineDraft: boolean, body: string) =>
      new TextEncoder().encode(`---\ntitle: T\naigc:\n  offlineDraft: ${offlineDraft}\n---\n\n${body}\n`);
    expect(card.digestDependency!(article, page(true, 'One.'))).toBe(
      card.digestDependency!(article, page(true, 'Two.')),
    );
    expect(card.digestDependency!(article, page(true, 'One.'))).not.toBe(
      card.digestDependency!(article, page(false, 'One.')),
    );
  });

  it('uses the configured raster format for the openai provider', () => {
    const openai = parseOptions({ image: { provider: 'openai', format: 'webp' } });
    const paths = planIllustration(makeOutline({ cover: 'x' }), article, openai).map((j) => j.path);
    expect(paths).toContain(`${folder}/cover.webp`);
    expect(paths).toContain(`${folder}/figure-1.webp`);
  });

  it('draws no cover for cover: false, an automatic one when cover is absent and covers are on', () => {
    const none = planIllustration(makeOutline({ cover: false }), article, options);
    expect(none.map((j) => j.path)).not.toContain(`${folder}/cover.svg`);
    expect(byPath(none)[`${folder}/card.png`]!.dependsOn).toEqual([article]);
    const auto = byPath(planIllustration(makeOutline({ description: 'A beginner guide' }), article, options));
    expect(JSON.stringify(auto[`${folder}/cover.svg`]!.inputs)).toContain('A beginner guide');
    const off = planIllustration(
      makeOutline(),
      article,
      parseOptions({ covers: false, image: { provider: 'offline' } }),
    );
    expect(off.map((j) => j.path)).not.toContain(`${folder}/cover.svg`);
  });

  it('changing the cover prompt changes the cover inputs only; the article text is in no input', () => {
    const a = byPath(planIllustration(makeOutline({ cover: 'A watercolour desk' }), article, options));
    const b = byPath(planIllustration(makeOutline({ cover: 'A lighthouse of books' }), article, options));
    const changed = Object.keys(a).filter(
      (path) => JSON.stringify(a[path]!.inputs) !== JSON.stringify(b[path]!.inputs),
    );
    expect(changed).toEqual([`${folder}/cover.svg`]);
    const lead = makeOutline({ cover: 'A watercolour desk' });
    lead.lead = 'A completely different lead paragraph';
    lead.sections[0]!.points = [{ text: 'a new bullet', depth: 0 }];
    const c = byPath(planIllustration(lead, article, options));
    for (const path of Object.keys(a)) expect(JSON.stringify(c[path]!.inputs)).toBe(JSON.stringify(a[path]!.inputs));
  });
});

describe('running the jobs offline', () => {
  const jobs = byPath(
    planIllustration(
      makeOutline({ cover: 'A watercolour desk', title: '什么是AIGC', lang: 'zh-CN' }),
      article,
      options,
    ),
  );

  it('cover: a safe SVG at the configured size with alt text, byte-identical on a second run', async () => {
    const job = jobs[`${folder}/cover.svg`]!;
    const first = await produceOutput(job, context());
    const second = await produceOutput(job, context());
    const svg = new TextDecoder().decode(bytes(first.data));
    assertSafeSvg(svg);
    expect(Buffer.from(bytes(first.data)).equals(Buffer.from(bytes(second.data)))).toBe(true);
    expect(first.meta).toMatchObject({ width: 1536, height: 1024 });
    const alt = String(first.meta?.alt);
    expect(alt.length).toBeGreaterThan(5);
    expect(alt).not.toMatch(/^(image|picture) of/i);
    const meta = await sharp(Buffer.from(bytes(first.data))).metadata();
    expect([meta.width, meta.height]).toEqual([1536, 1024]);
  });

  it('dot block: rendered by Graphviz as written; diagram block offline: labelled draft from its arrows', async () => {
    const dot = await produceOutput(jobs[`${folder}/dot-1.svg`]!, context());
    const dotSvg = String(dot.data);
    assertSafeSvg(dotSvg);
    expect(dotSvg).toContain('<title>prompt-&gt;model</title>');
    expect(dot.meta?.alt).toBe('示意图：prompt指向model，model再指向image。');
    const diagram = await produceOutput(jobs[`${folder}/diagram-1.svg`]!, context());
    const diagramSvg = String(diagram.data);
    assertSafeSvg(diagramSvg);
    expect(diagramSvg).toContain('离线草图');
    expect(diagramSvg).toMatch(/>outline<[\s\S]*>article<[\s\S]*>narration</);
  });

  it('card: a 1200×630 PNG with XMP that reads the cover through readDependency', async () => {
    const cover = await produceOutput(jobs[`${folder}/cover.svg`]!, context());
    const files = {
      [`${folder}/cover.svg`]: bytes(cover.data),
      [article]: new TextEncoder().encode('---\ntitle: T\naigc:\n  offlineDraft: true\n---\n\nText.\n'),
    };
    const card = await produceOutput(
      jobs[`${folder}/card.png`]!,
      jobContext({ text: offlineText, image: createOfflineImage() }, files),
    );
    const meta = await sharp(Buffer.from(bytes(card.data))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    expect(readXmp(bytes(card.data))).toContain('Iptc4xmpExt:DigitalSourceType');
    await expect(produceOutput(jobs[`${folder}/card.png`]!, context())).rejects.toThrow(/no dependency/);
  });

  it('a ```dot block that does not parse fails with the outline position and the Graphviz message', async () => {
    const outline = makeOutline();
    outline.sections[1]!.blocks[0] = {
      type: 'dot',
      source: 'digraph {\n  a -> b\n  b -> [\n}',
      position: { line: 22, column: 1 },
    };
    const job = byPath(planIllustration(outline, article, options))[`${folder}/dot-1.svg`]!;
    await expect(produceOutput(job, context())).rejects.toThrow(
      /what-is-aigc\.md:25:1: .*syntax error in line 3 near '\['/,
    );
  });
});

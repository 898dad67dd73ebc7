import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../integrations/aigc/src/generators/illustration/card.ts';
import {
  allSubsets,
  fontsForText,
  uncoveredCharacters,
} from '../../integrations/aigc/src/generators/illustration/fonts.ts';
import { createOfflineImage } from '../../integrations/aigc/src/generators/illustration/offline-image.ts';
import { readXmp } from '../../integrations/aigc/src/utils/xmp.ts';
import { assertSafeSvg } from './support.ts';

const provider = createOfflineImage();
const request = {
  prompt: 'A watercolour desk where a person and a robot co-write',
  title: 'What is AIGC',
  tags: ['aigc', 'intro'],
  lang: 'en',
  width: 1536,
  height: 1024,
};

describe('offline image provider', () => {
  it('draws a well-formed, safe SVG at the size asked, with provenance metadata', async () => {
    const result = await provider.generate(request);
    expect(result.mediaType).toBe('image/svg+xml');
    const svg = new TextDecoder().decode(result.data);
    assertSafeSvg(svg);
    expect(svg).toContain('Iptc4xmpExt:DigitalSourceType');
    const meta = await sharp(Buffer.from(result.data)).metadata();
    expect([meta.width, meta.height]).toEqual([1536, 1024]);
  });

  it('gives byte-identical output for the same inputs, and a different picture for another prompt', async () => {
    const a = await provider.generate(request);
    const b = await provider.generate({ ...request });
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    const c = await provider.generate({ ...request, prompt: 'A lighthouse made of books' });
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false);
  });

  it('sets the title as glyph outlines, so it needs no font where it is shown', async () => {
    const svg = new TextDecoder().decode(
      (await provider.generate({ ...request, title: '什么是AIGC', lang: 'zh-CN' })).data,
    );
    expect(svg).not.toMatch(/<text[\s>]/);
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(10);
  });
});

describe('social card', () => {
  const title = '什么是AIGC：生成式人工智能入门（2026 版）';

  it('covers every character of a Chinese title with the loaded font subsets', () => {
    const { subsets, fonts } = fontsForText(`${title}astro-aigc 演示AI 生成内容`);
    expect(uncoveredCharacters(title, subsets)).toEqual([]);
    // Each subset is its own family (shared names render as tofu in satori).
    const families = new Set(fonts.map((f) => `${f.name}/${f.weight}`));
    expect(families.size).toBe(fonts.length);
    // The check can fail: without the Noto subsets the Han characters are uncovered.
    const latinOnly = allSubsets(700).filter((s) => s.family.startsWith('aigc-inter'));
    expect(uncoveredCharacters(title, latinOnly)).toContain('什');
  });

  it('renders a 1200×630 PNG with XMP provenance, deterministically', async () => {
    const cover = (await provider.generate({ ...request, title, lang: 'zh-CN' })).data;
    const card = await renderCard({ title, siteName: 'astro-aigc 演示', lang: 'zh-CN', cover });
    const meta = await sharp(Buffer.from(card)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    expect(readXmp(card)).toContain('digitalsourcetype/algorithmicMedia');
    expect(meta.xmp?.toString('utf8')).toContain('Iptc4xmpExt:DigitalSourceType');
    const again = await renderCard({ title, siteName: 'astro-aigc 演示', lang: 'zh-CN', cover });
    expect(Buffer.from(card).equals(Buffer.from(again))).toBe(true);
  });
});

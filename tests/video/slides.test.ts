import { describe, expect, it } from 'vitest';
import { buildNarrationScript } from '../../integrations/aigc/src/generators/narration/script.ts';
import { keySentence, timeSlides, type SlidePage } from '../../integrations/aigc/src/generators/video/slides.ts';

const BODY = `Lead paragraph.

## One

First point of one. More about it.

\`\`\`figure
A generator and a discriminator
\`\`\`

After the figure.

## Two

Only paragraph of two.
`;

const page: SlidePage = {
  title: 'Page',
  lang: 'en',
  cover: 'out/page/cover.svg',
  pictures: new Map([['figure:1', 'out/page/figure-1.svg']]),
  label: 'AI-generated video',
};

/** One cue a segment, 1 s each with 0.5 s pauses, as the narration's timeline lays them. */
function cuesFor(count: number) {
  return Array.from({ length: count }, (_, i) => ({ start: i * 1.5, end: i * 1.5 + 1, text: `cue ${i}` }));
}

describe('slides timed to the narration', () => {
  it('shows the title, each section, and a figure while it is spoken, changing on the cues', () => {
    const script = buildNarrationScript(BODY, { title: 'Page', lang: 'en' });
    // title, lead | heading One, first, figure, after | heading Two, only
    const cues = cuesFor(8);
    const slides = timeSlides(script, cues, 11.5, page);
    expect(slides.map((s) => [s.slide.kind, s.start, s.end])).toEqual([
      ['title', 0, 3],
      ['section', 3, 6],
      ['picture', 6, 7.5],
      ['section', 7.5, 9],
      ['section', 9, 11.5],
    ]);
    expect(slides[0]!.slide).toMatchObject({ kind: 'title', cover: 'out/page/cover.svg' });
    expect(slides[1]!.slide).toMatchObject({
      kind: 'section',
      heading: 'One',
      points: ['First point of one.', 'After the figure.'],
    });
    expect(slides[2]!.slide).toMatchObject({ kind: 'picture', picture: 'out/page/figure-1.svg' });
    // The section's slide around its figure is the same slide (drawn once).
    expect(slides[3]!.slide).toEqual(slides[1]!.slide);
  });

  it('refuses a narration that does not match the page, and says what to do', () => {
    const script = buildNarrationScript(BODY, { title: 'Page', lang: 'en' });
    expect(() => timeSlides(script, cuesFor(5), 8, page)).toThrow(/older than the page\. Build again/);
  });

  it('keeps the first sentence of a paragraph, cut to fit a slide at a word, or a character in Chinese', () => {
    expect(keySentence('Short one. And more.', 'en')).toBe('Short one.');
    const long = keySentence(`${'word '.repeat(40)}end.`, 'en');
    expect(long.endsWith('word…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(110);
    const zh = keySentence(`${'生成内容'.repeat(20)}。第二句。`, 'zh-CN');
    expect([...zh].length).toBeLessThanOrEqual(48);
    expect(zh.endsWith('…')).toBe(true);
    expect(keySentence('人工智能生成内容。第二句。', 'zh-CN')).toBe('人工智能生成内容。');
  });
});

describe('pictures on slides', () => {
  it('draws the text of an SVG diagram with the packaged fonts (Chinese included), not blank', async () => {
    const { pictureDataUrl } = await import('../../integrations/aigc/src/generators/video/picture.ts');
    const sharp = (await import('sharp')).default;
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#fff"/><text x="10" y="40" font-family="Inter, Noto Sans SC" font-size="30">生成器 GAN</text></svg>';
    const picture = await pictureDataUrl(new TextEncoder().encode(svg), 400, 120, 'contain');
    const { data } = await sharp(Buffer.from(picture.url.split(',')[1]!, 'base64'))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const ink = data.filter((v) => v < 100).length;
    expect(ink).toBeGreaterThan(500);
  });
});

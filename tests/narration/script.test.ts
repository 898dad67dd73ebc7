import { describe, expect, it } from 'vitest';
import { applyLexicon, lexiconFor, lexiconHash, parseLexicon, readLexicon } from '../../integrations/aigc/src/generators/narration/lexicon.ts';
import { buildNarrationScript } from '../../integrations/aigc/src/generators/narration/script.ts';
import { splitForSpeech } from '../../integrations/aigc/src/generators/narration/split.ts';
import { buildWebVtt, parseWebVtt, timestamp } from '../../integrations/aigc/src/generators/narration/vtt.ts';

const texts = (markdown: string, lang = 'en') =>
  buildNarrationScript(markdown, { title: 'Page', lang }).sections.map((s) => ({ title: s.title, texts: s.segments.map((g) => g.text) }));

describe('narration script from Markdown', () => {
  it('starts with the title, makes each ## a section and reads ### inside it', () => {
    expect(texts('Lead text.\n\n## One\n\nBody one.\n\n### Detail\n\nMore.\n\n## Two\n\nBody two.')).toEqual([
      { title: 'Page', texts: ['Page.', 'Lead text.'] },
      { title: 'One', texts: ['One.', 'Body one.', 'Detail.', 'More.'] },
      { title: 'Two', texts: ['Two.', 'Body two.'] },
    ]);
  });

  it('skips a leading # that repeats the title', () => {
    expect(texts('# Page\n\nText.')).toEqual([{ title: 'Page', texts: ['Page.', 'Text.'] }]);
  });

  it('reads links as their text, inline code as written, images by alt text; drops raw HTML', () => {
    const [section] = texts('See [the guide](https://x.test/guide) and run `npm test` <span>now</span>.\n\n![A cat on a desk](cat.png)\n\n![](decor.png)');
    expect(section!.texts.slice(1)).toEqual(['See the guide and run npm test now.', 'Image: A cat on a desk.']);
  });

  it('reads lists as sentences, nested items included', () => {
    const [section] = texts('- first item\n- second item!\n  - nested one\n- third');
    expect(section!.texts[1]).toBe('first item. second item! nested one. third.');
  });

  it('replaces code, tables and diagram sources with short notes; describes figures and diagrams', () => {
    const [section] = texts(
      '```js\nalert(1)\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```figure\nA generator and a discriminator\n```\n\n```diagram\noutline to article to narration\n```\n\n```dot\ndigraph { a -> b }\n```',
    );
    expect(section!.texts.slice(1)).toEqual([
      'A code example follows on the page.',
      'A table follows on the page.',
      'A figure shows a generator and a discriminator.',
      'A diagram shows outline to article to narration.',
      'A diagram follows on the page.',
    ]);
  });

  it('speaks Chinese notes and full stops for Chinese pages', () => {
    const [section] = texts('- 文本生成\n- 图像生成\n\n```python\nprint(1)\n```', 'zh-CN');
    expect(section!.texts.slice(1)).toEqual(['文本生成。图像生成。', '页面上这里有一段代码示例。']);
  });
});

describe('pronunciation lexicon', () => {
  const lexicon = parseLexicon('all:\n  OK: okay\nen:\n  AIGC: A I G C\n  GAN: gan\n  GANs: gans\n  e.g.: for example\nzh:\n  AIGC: A I G C\n  Astro: 阿斯特罗\nzh-tw:\n  Astro: 阿斯特羅\n');

  it('merges all, the primary subtag and the full tag, most specific last', () => {
    expect(lexiconFor(lexicon, 'en-GB')).toEqual({ OK: 'okay', AIGC: 'A I G C', GAN: 'gan', GANs: 'gans', 'e.g.': 'for example' });
    expect(lexiconFor(lexicon, 'zh-CN').Astro).toBe('阿斯特罗');
    expect(lexiconFor(lexicon, 'zh-TW').Astro).toBe('阿斯特羅');
    expect(lexiconHash(lexiconFor(lexicon, 'en'))).not.toBe(lexiconHash(lexiconFor(lexicon, 'zh')));
  });

  it('replaces whole words, longest first, in one pass', () => {
    const en = lexiconFor(lexicon, 'en');
    expect(applyLexicon('AIGC uses GANs, e.g. a GAN. AIGCs and MEGAN stay; OK.', en)).toBe('A I G C uses gans, for example a gan. AIGCs and MEGAN stay; okay.');
  });

  it('matches Latin terms inside Chinese text', () => {
    expect(applyLexicon('什么是AIGC？用Astro构建。', lexiconFor(lexicon, 'zh'))).toBe('什么是A I G C？用阿斯特罗构建。');
  });

  it('says which entry is wrong', () => {
    expect(() => parseLexicon('en:\n  AIGC: [a, b]\n')).toThrow(/en\.AIGC must be text/);
    // Broken YAML: the file, line and column, and what a valid entry looks like.
    expect(() => parseLexicon('en:\n  AIGC: A I G C\n  bad: [unclosed\n', 'content/lexicon.yml')).toThrow(/^content\/lexicon\.yml:4:1: .*\n  fix: write valid YAML, e\.g\.\n    en:\n      AIGC: A I G C$/);
  });

  it('the repository lexicon parses and covers English and Chinese', () => {
    const repo = readLexicon(new URL('../../content/lexicon.yml', import.meta.url).pathname);
    expect(lexiconFor(repo, 'en').AIGC).toBe('A I G C');
    expect(lexiconFor(repo, 'zh-CN').Astro).toBeTruthy();
  });
});

describe('splitting for a provider limit', () => {
  it('packs whole sentences under the limit, in order', () => {
    const text = 'One two three. Four five six! Seven eight nine? Ten.';
    const parts = splitForSpeech(text, 30, 'en');
    expect(parts.every((p) => p.length <= 30)).toBe(true);
    expect(parts).toEqual(['One two three. Four five six!', 'Seven eight nine? Ten.']);
  });

  it('splits Chinese on 。！？ and cuts an over-long sentence at a comma', () => {
    const text = '第一句话。第二句话！' + '很长的句子，'.repeat(10) + '结束。';
    const parts = splitForSpeech(text, 20, 'zh-CN');
    expect(parts.every((p) => p.length <= 20)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toBe('第一句话。第二句话！');
  });
});

describe('WebVTT', () => {
  it('writes numbered cues with HH:MM:SS.mmm times and escapes markup', () => {
    const vtt = buildWebVtt([
      { start: 0, end: 1.5, text: 'Intro.' },
      { start: 2, end: 3723.25, text: 'a < b & c --> d' },
    ]);
    expect(vtt).toBe('WEBVTT\n\np1\n00:00:00.000 --> 00:00:01.500\nIntro.\n\np2\n00:00:02.000 --> 01:02:03.250\na &lt; b &amp; c --&gt; d\n');
    expect(parseWebVtt(vtt)[1]).toEqual({ start: 2, end: 3723.25, text: 'a < b & c --> d' });
    expect(timestamp(59.9996)).toBe('00:01:00.000');
  });
});

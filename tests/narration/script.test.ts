import { describe, expect, it } from 'vitest';
import {
  applyLexicon,
  lexiconFor,
  lexiconHash,
  parseLexicon,
  readLexicon,
} from '../../integrations/aigc/src/generators/narration/lexicon.ts';
import { diagramSense } from '../../integrations/aigc/src/generators/diagram-sense.ts';
import { diagramAlt } from '../../integrations/aigc/src/generators/illustration/offline-diagram.ts';
import { buildNarrationScript } from '../../integrations/aigc/src/generators/narration/script.ts';
import { splitForSpeech } from '../../integrations/aigc/src/generators/narration/split.ts';
import { buildWebVtt, parseWebVtt, timestamp } from '../../integrations/aigc/src/generators/narration/vtt.ts';

const texts = (markdown: string, lang = 'en') =>
  buildNarrationScript(markdown, { title: 'Page', lang }).sections.map((s) => ({
    title: s.title,
    texts: s.segments.map((g) => g.text),
  }));

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
    const [section] = texts(
      'See [the guide](https://x.test/guide) and run `npm test` <span>now</span>.\n\n![A cat on a desk](cat.png)\n\n![](decor.png)',
    );
    expect(section!.texts.slice(1)).toEqual(['See the guide and run npm test now.', 'Image: A cat on a desk.']);
  });

  it('reads lists as sentences, nested items included', () => {
    const [section] = texts('- first item\n- second item!\n  - nested one\n- third');
    expect(section!.texts[1]).toBe('first item. second item! nested one. third.');
  });

  it('says what code is, reads tables as sense, describes figures and diagrams', () => {
    const [section] = texts(
      '```js\nalert(1)\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```figure\nA generator and a discriminator\n```\n\n```diagram\noutline to article to narration\n```\n\n```dot\ndigraph { a -> b }\n```',
    );
    expect(section!.texts.slice(1)).toEqual([
      'Code sample: JavaScript, one line.',
      'A table of one row, with columns a and b. 1: b 2.',
      'A figure shows a generator and a discriminator.',
      'A diagram shows outline to article to narration.',
      'A diagram follows on the page.',
    ]);
  });

  it('reads code as "code sample: <summary>": definitions, commands, keys; never the code', () => {
    const [section] = texts(
      '```sh\n$ npm install astro-aigc # add it\nnpm run build\n```\n\n```ts\nexport function aigc() {}\nconst x = 1;\n```\n\n```yaml\ntitle: x\nlang: en\n```\n\n```\nplain\n```',
    );
    expect(section!.texts.slice(1)).toEqual([
      'Code sample: shell, 2 lines, running npm install astro-aigc and npm run build.',
      'Code sample: TypeScript, 2 lines, defining aigc and x.',
      'Code sample: YAML, 2 lines, with title and lang.',
      'Code sample: code, one line.',
    ]);
    const [zh] = texts('```ts\nexport function aigc() {}\n```', 'zh-CN');
    expect(zh!.texts[1]).toBe('代码示例：TypeScript，共1行，定义了aigc。');
  });

  it('reads a table row by row with its columns, and only the first rows of a long one', () => {
    const table = '| model | year | kind |\n| - | - | - |\n| GAN | 2014 | adversarial |\n| VAE | 2013 | |\n';
    expect(texts(table)[0]!.texts[1]).toBe(
      'A table of 2 rows, with columns model, year and kind. GAN: year 2014, kind adversarial. VAE: year 2013.',
    );
    expect(texts('| 模型 | 年份 |\n| - | - |\n| GAN | 2014 |\n', 'zh-CN')[0]!.texts[1]).toBe(
      '一个1行的表格，列为模型、年份。GAN：年份2014。',
    );
    const long = `| n | sq |\n| - | - |\n${Array.from({ length: 12 }, (_, i) => `| ${i} | ${i * i} |`).join('\n')}\n`;
    const said = texts(long)[0]!.texts[1]!;
    expect(said).toMatch(
      /^A table of 12 rows, with columns n and sq\. 0: sq 0\. .* 7: sq 49\. And 4 more rows on the page\.$/,
    );
    expect(said).not.toContain('8: sq 64');
  });

  it("speaks a diagram's arrows as sense, in the page's language, worded as its alt text", () => {
    const gan =
      'random noise -> generator\ngenerator -> fake sample\nreal sample -> discriminator\nfake sample -> discriminator';
    const sense =
      'The random noise leads to the generator, which leads to the fake sample; the real sample and the fake sample lead to the discriminator.';
    expect(texts(`\`\`\`diagram\n${gan}\n\`\`\``)[0]!.texts[1]).toBe(
      `A diagram shows how ${sense[0]!.toLowerCase()}${sense.slice(1)}`,
    );
    expect(diagramAlt(gan, 'en')).toBe(`Diagram: ${sense}`);
    const zh = '生成器 -> 判别器\n判别器 -> 生成器';
    expect(texts(`\`\`\`diagram\n${zh}\n\`\`\``, 'zh-CN')[0]!.texts[1]).toBe(
      '示意图：生成器指向判别器；判别器指向生成器。',
    );
    expect(diagramAlt(zh, 'zh-CN')).toBe('示意图：生成器指向判别器；判别器指向生成器。');
    expect(diagramSense('outline -> article -> narration', 'en')).toBe(
      'The outline leads to the article, which leads to the narration.',
    );
    expect(diagramSense('大纲 -> 文章 -> 旁白', 'zh-CN')).toBe('大纲指向文章，文章再指向旁白。');
    // The edge list a ```dot block's alt text is built from.
    expect(diagramAlt('a → b, c → b', 'en')).toBe('Diagram: The a and the c lead to the b.');
    expect(diagramSense('no arrows here', 'en')).toBeUndefined();
  });

  it('speaks Chinese notes and full stops for Chinese pages', () => {
    const [section] = texts('- 文本生成\n- 图像生成\n\n```python\nprint(1)\n```', 'zh-CN');
    expect(section!.texts.slice(1)).toEqual(['文本生成。图像生成。', '代码示例：Python，共1行。']);
  });
});

describe('pronunciation lexicon', () => {
  const lexicon = parseLexicon(
    'all:\n  OK: okay\nen:\n  AIGC: A I G C\n  GAN: gan\n  GANs: gans\n  e.g.: for example\nzh:\n  AIGC: A I G C\n  Astro: 阿斯特罗\nzh-tw:\n  Astro: 阿斯特羅\n',
  );

  it('merges all, the primary subtag and the full tag, most specific last', () => {
    expect(lexiconFor(lexicon, 'en-GB')).toEqual({
      OK: 'okay',
      AIGC: 'A I G C',
      GAN: 'gan',
      GANs: 'gans',
      'e.g.': 'for example',
    });
    expect(lexiconFor(lexicon, 'zh-CN').Astro).toBe('阿斯特罗');
    expect(lexiconFor(lexicon, 'zh-TW').Astro).toBe('阿斯特羅');
    expect(lexiconHash(lexiconFor(lexicon, 'en'))).not.toBe(lexiconHash(lexiconFor(lexicon, 'zh')));
  });

  it('replaces whole words, longest first, in one pass', () => {
    const en = lexiconFor(lexicon, 'en');
    expect(applyLexicon('AIGC uses GANs, e.g. a GAN. AIGCs and MEGAN stay; OK.', en)).toBe(
      'A I G C uses gans, for example a gan. AIGCs and MEGAN stay; okay.',
    );
  });

  it('matches Latin terms inside Chinese text', () => {
    expect(applyLexicon('什么是AIGC？用Astro构建。', lexiconFor(lexicon, 'zh'))).toBe(
      '什么是A I G C？用阿斯特罗构建。',
    );
  });

  it('says which entry is wrong', () => {
    expect(() => parseLexicon('en:\n  AIGC: [a, b]\n')).toThrow(/en\.AIGC must be text/);
    // Broken YAML: the file, line and column, and what a valid entry looks like.
    expect(() => parseLexicon('en:\n  AIGC: A I G C\n  bad: [unclosed\n', 'content/lexicon.yml')).toThrow(
      /^content\/lexicon\.yml:4:1: .*\n  fix: write valid YAML, e\.g\.\n    en:\n      AIGC: AI-G-C\n      CLI: \{ say: C-L-I, ipa: siː ɛl aɪ \}$/,
    );
    expect(() => parseLexicon('en:\n  AIGC: { sae: A-I-G-C }\n', 'content/lexicon.yml')).toThrow(
      'content/lexicon.yml:2:9: en.AIGC must be text (how to say "AIGC") or { say: …, ipa: … }; unknown key sae.',
    );
    expect(parseLexicon('en:\n  AIGC: { say: A-I-G-C, ipa: eɪ aɪ dʒiː siː }\n').en!.AIGC).toEqual({
      say: 'A-I-G-C',
      ipa: 'eɪ aɪ dʒiː siː',
    });
  });

  it('the repository lexicon parses and covers English and Chinese', () => {
    const repo = readLexicon(new URL('../../content/lexicon.yml', import.meta.url).pathname);
    expect(lexiconFor(repo, 'en').AIGC).toBe('AI-G-C');
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
    expect(vtt).toBe(
      'WEBVTT\n\np1\n00:00:00.000 --> 00:00:01.500\nIntro.\n\np2\n00:00:02.000 --> 01:02:03.250\na &lt; b &amp; c --&gt; d\n',
    );
    expect(parseWebVtt(vtt)[1]).toEqual({ start: 2, end: 3723.25, text: 'a < b & c --> d' });
    expect(timestamp(59.9996)).toBe('00:01:00.000');
  });
});

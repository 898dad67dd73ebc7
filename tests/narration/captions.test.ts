/**
 * Captions: sentence-sized cues for the <track>, checked cue by cue in both languages, on
 * narrations spoken by eSpeak NG: at most 2 lines, 42 characters a line in English and 18 in
 * Chinese, at most 7 s, in order, covering the paragraph transcript word for word.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../integrations/aigc/src/engine/types.ts';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import {
  CAPTION_LIMITS,
  captionCues,
  weight,
  wrap,
} from '../../integrations/aigc/src/generators/narration/captions.ts';
import { parseWebVtt, type Cue } from '../../integrations/aigc/src/generators/narration/vtt.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOfflineSpeech } from '../../integrations/aigc/src/providers/offline/speech.ts';
import { ARTICLE_PATH, contextFor, makeOutline, tempDir } from './helpers.ts';

const EN = `---
title: How a GAN learns
lang: en
---

A generative adversarial network, or GAN, is two neural networks trained together: a generator, which turns random noise into samples, and a discriminator, which tells real samples from fakes. Training is a contest between them; as the discriminator gets better at spotting fakes, the generator is pushed to make fakes that are harder to spot, until its samples are hard to tell from real data even for a careful observer with plenty of time.

## Where it is used

- realistic images and video of people, places and things that never existed
- audio and music in the style of a given performer, with their permission
- data augmentation for training other models when real examples are scarce or expensive to label by hand

## Limits

Training can be unstable, and supercalifragilisticexpialidociously-long-identifiers must still fit.
`;

const ZH = `---
title: 生成对抗网络如何学习
lang: zh-CN
---

生成对抗网络由两个一起训练的神经网络组成：生成器把随机噪声变成样本，判别器负责区分真实样本和伪造样本。训练过程是两者之间的一场较量，判别器越擅长识别伪造样本，生成器就越要努力生成更难识别的样本，直到它生成的样本连细心的观察者都难以和真实数据区分开来。

## 应用场景

- 生成从未存在过的人物、地点和事物的逼真图像与视频
- 在获得许可的前提下，按照特定表演者的风格生成音频和音乐

## 局限

训练过程可能不稳定，AIGC 模型也需要大量的数据和算力。
`;

/** The words said, without the spacing (a word too long for a line is cut after a hyphen). */
function transcriptText(cues: readonly Cue[]): string {
  return cues
    .map((c) => c.text)
    .join('')
    .replace(/\s+/g, '');
}

for (const [lang, markdown, lineChars] of [
  ['en', EN, 42],
  ['zh-CN', ZH, 18],
] as const) {
  describe(`captions of a ${lang} narration spoken by eSpeak NG`, () => {
    let result: JobResult;
    let captions: Cue[];
    let paragraphs: Cue[];

    beforeAll(async () => {
      const [job] = planNarration(makeOutline({ lang, title: 'T' }), ARTICLE_PATH, parseOptions({}));
      result = await job!.run(contextFor(createOfflineSpeech(), markdown, await tempDir()));
      const file = (name: string) => String(result.sidecars!.find((s) => s.path.endsWith(name))!.data);
      captions = parseWebVtt(file('/narration.captions.vtt'));
      paragraphs = parseWebVtt(file('/narration.vtt'));
    });

    it('writes captions next to the paragraph transcript, with cue ids c1, c2…', () => {
      expect(result.sidecars!.map((s) => s.path)).toEqual([
        'content/generated/articles/what-is-aigc/narration.vtt',
        'content/generated/articles/what-is-aigc/narration.captions.vtt',
      ]);
      const vtt = String(result.sidecars![1]!.data);
      expect(vtt).toMatch(/^WEBVTT\n\nc1\n00:00:00\.000 --> /);
      expect(captions.length).toBeGreaterThan(paragraphs.length);
    });

    it(`every cue: ≤ 2 lines, ≤ ${lineChars} characters a line, ≤ 7 s, in order`, () => {
      const problems: string[] = [];
      for (const [i, cue] of captions.entries()) {
        const lines = cue.text.split('\n');
        if (lines.length > 2) problems.push(`c${i + 1}: ${lines.length} lines`);
        for (const line of lines)
          if ([...line].length > lineChars) problems.push(`c${i + 1}: ${[...line].length} characters: ${line}`);
        if (cue.end - cue.start > 7.0005) problems.push(`c${i + 1}: ${(cue.end - cue.start).toFixed(2)} s`);
        if (cue.end <= cue.start) problems.push(`c${i + 1}: empty`);
        if (i > 0 && cue.start < captions[i - 1]!.end - 0.0005) problems.push(`c${i + 1}: overlaps`);
      }
      expect(problems).toEqual([]);
    });

    it("says exactly the transcript, and each paragraph's cues span its time", () => {
      expect(transcriptText(captions)).toBe(transcriptText(paragraphs));
      for (const paragraph of paragraphs) {
        const inside = captions.filter((c) => c.start >= paragraph.start - 0.0005 && c.end <= paragraph.end + 0.0005);
        expect(inside.length).toBeGreaterThan(0);
        expect(inside[0]!.start).toBeCloseTo(paragraph.start, 3);
        expect(inside.at(-1)!.end).toBeCloseTo(paragraph.end, 3);
      }
    });

    it('cuts at sentence ends and clause marks, not mid-phrase, where the limits allow', () => {
      const ends = captions.map((c) => c.text.replace(/\n/g, ' ').trim().at(-1)!);
      const atMarks = ends.filter((ch) => /[.!?;:,。！？；：，、]/.test(ch)).length;
      expect(atMarks / ends.length).toBeGreaterThan(0.6);
    });
  });
}

describe('caption splitting', () => {
  it('keeps a short paragraph as one cue and times cues in proportion to what is said', () => {
    expect(captionCues([{ start: 1, end: 3, text: 'Short.' }], 'en')).toEqual([{ start: 1, end: 3, text: 'Short.' }]);
    const cues = captionCues(
      [{ start: 0, end: 6, text: 'One two three four five six seven eight nine ten eleven twelve. Thirteen.' }],
      'en',
    );
    expect(cues.map((c) => c.text.replace('\n', ' '))).toEqual([
      'One two three four five six seven eight nine ten eleven twelve.',
      'Thirteen.',
    ]);
    expect(cues[1]!.end - cues[1]!.start).toBeLessThan(cues[0]!.end - cues[0]!.start);
  });

  it('splits a long sentence into cues of even length, never leaving a one-word stub', () => {
    const cues = captionCues(
      [
        {
          start: 0,
          end: 6,
          text: 'This article gives a clear first definition of AIGC and sets up the rest of the series.',
        },
      ],
      'en',
    );
    expect(cues).toHaveLength(2);
    for (const cue of cues) expect(cue.text.replace('\n', ' ').split(' ').length).toBeGreaterThan(4);
  });

  it('never cuts inside a Chinese word, nor starts a line with a closing mark', () => {
    const cues = captionCues(
      [
        {
          start: 0,
          end: 30,
          text: '本文用通俗的语言向初学者介绍AIGC：它是什么、能做什么、背后的核心技术，以及想掌握它应该学什么。本文面向对人工智能感兴趣的初学者。',
        },
      ],
      'zh-CN',
    );
    expect(cues.map((c) => c.text).join('')).not.toContain('感兴\n');
    expect(cues.every((c) => !/^[，。、：；]/.test(c.text) && !c.text.includes('\n，'))).toBe(true);
    expect(cues.map((c) => c.text.replace('\n', '')).join('')).toBe(
      '本文用通俗的语言向初学者介绍AIGC：它是什么、能做什么、背后的核心技术，以及想掌握它应该学什么。本文面向对人工智能感兴趣的初学者。',
    );
  });

  it('wraps into balanced lines, preferring a clause mark', () => {
    expect(wrap('It moves through three parts in turn: A definition, Why it matters now', 42, false)).toEqual([
      'It moves through three parts in turn:',
      'A definition, Why it matters now',
    ]);
    expect(CAPTION_LIMITS).toEqual({ lineChars: 42, cjkLineChars: 18, lines: 2, maxSeconds: 7 });
  });

  it('weighs speech in syllables: spelt acronyms a letter each, Chinese a character each', () => {
    expect(weight('AIGC')).toBe(4);
    expect(weight('人工智能')).toBe(4);
    expect(weight('generated')).toBe(3);
  });
});

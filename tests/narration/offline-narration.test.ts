import { MPEGDecoder } from 'mpg123-decoder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../integrations/aigc/src/engine/types.ts';
import { NARRATION_SETTINGS, planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { parseWebVtt } from '../../integrations/aigc/src/generators/narration/vtt.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { chooseEspeakVoice, createOfflineSpeech } from '../../integrations/aigc/src/providers/offline/speech.ts';
import { voiceForLanguage } from '../../integrations/aigc/src/providers/voices.ts';
import {
  ARTICLE,
  ARTICLE_PATH,
  contextFor,
  frameText,
  makeOutline,
  readChapter,
  readId3,
  recording,
  rms,
  tempDir,
} from './helpers.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const options = parseOptions({});

describe('offline narration of an English article (eSpeak NG, end to end)', () => {
  let result: JobResult;
  let speech: ReturnType<typeof recording>;
  let decoded: { samples: Float32Array; sampleRate: number };

  beforeAll(async () => {
    speech = recording(createOfflineSpeech());
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, options);
    result = await produceOutput(job!, contextFor(speech, ARTICLE, await tempDir()));
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const out = decoder.decode(result.data as Uint8Array);
    decoder.free();
    expect(out.errors).toEqual([]);
    decoded = { samples: out.channelData[0]!, sampleRate: out.sampleRate };
  });

  it('decodes as MP3 whose duration is the sum of its segments (and pauses) within 1 %', () => {
    const speechSeconds = speech.results.reduce((sum, r) => sum + r.samples.length / r.sampleRate, 0);
    const segments = speech.results.length;
    // Pauses: one after each segment but the last; headings (4: title + 3 sections) get the shorter one.
    const { afterHeading, afterParagraph } = NARRATION_SETTINGS.pauses;
    const pauses = 4 * afterHeading + (segments - 1 - 4) * afterParagraph;
    const expected = speechSeconds + pauses;
    const actual = decoded.samples.length / decoded.sampleRate;
    expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);
    expect(Math.abs((result.meta!.durationSeconds as number) - expected) / expected).toBeLessThan(0.001);
    expect(decoded.sampleRate).toBe(22050);
  });

  it('is speech, not silence (RMS), and stays under 1 MB a minute', () => {
    expect(rms(decoded.samples)).toBeGreaterThan(0.02);
    const minutes = (result.meta!.durationSeconds as number) / 60;
    expect((result.data as Uint8Array).length / minutes).toBeLessThan(1_000_000);
    expect(result.meta!.bytes).toBe((result.data as Uint8Array).length);
  });

  it('has ID3 title, artist, date, an AI-generated mark, and one chapter per section', () => {
    const { version, frames } = readId3(result.data as Uint8Array);
    expect(version).toBe(4);
    const text = (id: string) => frameText(frames.find((f) => f.id === id)!);
    expect(text('TIT2')).toBe('What is AIGC?');
    expect(text('TPE1')).toMatch(/eSpeak NG/);
    expect(text('TDRC')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(frames.filter((f) => f.id === 'TXXX').map(frameText)).toContainEqual(
      expect.stringMatching(/^AI-generated\0true; synthetic speech, provider offline, model espeak-ng/),
    );

    const chapters = frames.filter((f) => f.id === 'CHAP').map(readChapter);
    expect(chapters.map((c) => c.title)).toEqual([
      'What is AIGC?',
      'A definition',
      'How it is built',
      'What to read next',
    ]);
    const meta = result.meta!.chapters as { title: string; start: number }[];
    expect(chapters.map((c) => c.startMs)).toEqual(meta.map((c) => Math.round(c.start * 1000)));
    expect(chapters[0]!.startMs).toBe(0);
    for (let i = 1; i < chapters.length; i++) {
      expect(chapters[i]!.startMs).toBeGreaterThan(chapters[i - 1]!.startMs);
      expect(chapters[i - 1]!.endMs).toBe(chapters[i]!.startMs);
    }
    const toc = frames.find((f) => f.id === 'CTOC')!;
    expect(new TextDecoder().decode(toc.body)).toContain('chp3');
  });

  it('writes captions: one cue per segment, well-formed, in increasing time, section starts matching chapters', () => {
    const [sidecar] = result.sidecars!;
    expect(sidecar!.path).toBe('content/generated/articles/what-is-aigc/narration.vtt');
    const vtt = String(sidecar!.data);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(vtt).toMatch(/^p1\n00:00:00\.000 --> 00:00:\d\d\.\d{3}\n/m);
    const cues = parseWebVtt(vtt);
    expect(cues).toHaveLength(speech.results.length);
    for (const [i, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      if (i > 0) expect(cue.start).toBeGreaterThan(cues[i - 1]!.end);
    }
    const meta = result.meta!.chapters as { title: string; start: number }[];
    const headingCue = cues.find((c) => c.text === 'How it is built.')!;
    expect(headingCue.start).toBeCloseTo(meta[2]!.start, 2);
    // The transcript shows the text as written; the lexicon changes only what is spoken.
    expect(cues[1]!.text).toMatch(/^AIGC stands for/);
  });

  it('speaks the lexicon readings and the notes, not the code or the link targets', () => {
    const spoken = speech.requests.map((r) => r.text).join('\n');
    expect(spoken).toContain('AI-G-C stands for AI-generated content');
    expect(spoken).toContain('Code sample: Type Script, one line, defining answer.');
    expect(spoken).toContain('A table of one row, with columns model and year. gan: year 2014.');
    expect(spoken).toContain('Image: A timeline of generative models.');
    expect(spoken).not.toContain('const answer');
    expect(spoken).not.toContain('example.com');
    expect(speech.requests.every((r) => r.lang === 'en')).toBe(true);
    expect(result.meta!.voice).toBe('gmw/en-US');
  });
});

describe('offline speech: voices by language', () => {
  it('gives Mandarin text the cmn voice, and real audio', async () => {
    const speech = createOfflineSpeech();
    const result = await speech.synthesize({
      text: '人工智能生成内容，是利用人工智能技术自动生成的内容。',
      lang: 'zh-CN',
    });
    expect(result.voice).toBe('sit/cmn');
    expect(result.samples.length / result.sampleRate).toBeGreaterThan(1);
    expect(rms(result.samples)).toBeGreaterThan(0.02);
  });

  it('picks voices by tag and falls back to English with a warning', async () => {
    const voices = [
      { identifier: 'gmw/en-US', name: 'English (America)', languages: ['en-us', 'en'] },
      { identifier: 'gmw/en', name: 'English (Great Britain)', languages: ['en-gb', 'en'] },
      { identifier: 'sit/cmn', name: 'Chinese (Mandarin)', languages: ['cmn', 'zh-cmn', 'zh'] },
      { identifier: 'sit/yue', name: 'Chinese (Cantonese)', languages: ['yue', 'zh-yue', 'zh'] },
      { identifier: 'roa/fr', name: 'French', languages: ['fr-fr', 'fr'] },
    ];
    expect(chooseEspeakVoice('en', voices)).toEqual({ identifier: 'gmw/en-US', fallback: false });
    expect(chooseEspeakVoice('en-GB', voices).identifier).toBe('gmw/en');
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-TW', 'cmn'])
      expect(chooseEspeakVoice(tag, voices).identifier).toBe('sit/cmn');
    expect(chooseEspeakVoice('zh-HK', voices).identifier).toBe('sit/yue');
    expect(chooseEspeakVoice('fr-CA', voices).identifier).toBe('roa/fr');
    expect(chooseEspeakVoice('tlh', voices)).toEqual({ identifier: 'gmw/en-US', fallback: true });

    const warnings: string[] = [];
    const speech = createOfflineSpeech({ onWarning: (m) => warnings.push(m) });
    const result = await speech.synthesize({ text: 'Qapla.', lang: 'tlh' });
    await speech.synthesize({ text: 'Qapla.', lang: 'tlh' });
    expect(result.voice).toBe('gmw/en-US');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no voice for language "tlh"/);
  });
});

describe('offline narration of a Chinese article', () => {
  it('narrates with the Mandarin voice, Chinese notes and the Chinese lexicon', async () => {
    const speech = recording(createOfflineSpeech());
    const article =
      '---\ntitle: 什么是AIGC\nlang: zh-CN\n---\n\nAIGC 全称人工智能生成内容。\n\n## 应用场景\n\n- 文本生成\n- 图像生成\n\n```ts\nconst a = 1;\n```\n';
    const [job] = planNarration(makeOutline({ title: '什么是AIGC', lang: 'zh-CN' }), ARTICLE_PATH, options);
    const result = await produceOutput(job!, contextFor(speech, article, await tempDir()));
    expect(result.meta!.voice).toBe('sit/cmn');
    expect(speech.results.every((r) => r.voice === 'sit/cmn')).toBe(true);
    expect(speech.requests.map((r) => r.text)).toEqual([
      '什么是AI-G-C。',
      'AI-G-C 全称人工智能生成内容。',
      '应用场景。',
      '文本生成。图像生成。',
      '代码示例：Type Script，共1行，定义了a。',
    ]);
    expect((result.meta!.chapters as { title: string }[]).map((c) => c.title)).toEqual(['什么是AIGC', '应用场景']);
    const { frames } = readId3(result.data as Uint8Array);
    expect(frameText(frames.find((f) => f.id === 'TIT2')!)).toBe('什么是AIGC');
    expect(frameText(frames.find((f) => f.id === 'TLAN')!)).toBe('zho');
  });
});

describe('voices per language (speech.voices)', () => {
  it('offline: speaks with the eSpeak NG voice asked for the language, by id or name; an unknown one warns and falls back', async () => {
    const warnings: string[] = [];
    const speech = createOfflineSpeech({ onWarning: (m) => warnings.push(m) });
    expect((await speech.synthesize({ text: 'Hello.', lang: 'en', voice: 'gmw/en-GB-x-rp' })).voice).toBe(
      'gmw/en-GB-x-rp',
    );
    expect((await speech.synthesize({ text: 'Hello.', lang: 'en', voice: 'English (Scotland)' })).voice).toBe(
      'gmw/en-GB-scotland',
    );
    expect((await speech.synthesize({ text: '你好。', lang: 'zh-CN', voice: 'marin' })).voice).toBe('sit/cmn');
    expect(warnings).toEqual([
      expect.stringMatching(/^eSpeak NG has no voice "marin" \(speech\.voices\); using its voice for "zh-CN"\./),
    ]);
  });

  it("a narration job uses the voice of its page's language, and that voice is part of its key", async () => {
    const voices = { en: 'gmw/en-GB-x-rp', 'zh-CN': 'sit/cmn-Latn-pinyin' };
    const withVoices = parseOptions({ speech: { voices } });
    expect(voiceForLanguage(voices, 'en-AU')).toBe('gmw/en-GB-x-rp');
    expect(voiceForLanguage(voices, 'ZH-cn')).toBe('sit/cmn-Latn-pinyin');
    expect(voiceForLanguage(voices, 'fr')).toBeUndefined();
    const speech = recording(createOfflineSpeech());
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, withVoices);
    const result = await job!.run(contextFor(speech, '---\ntitle: Hi\n---\n\nHello there.\n', await tempDir()));
    expect(speech.requests.every((r) => r.voice === 'gmw/en-GB-x-rp')).toBe(true);
    expect(result.meta!.voice).toBe('gmw/en-GB-x-rp');
    const [plain] = planNarration(makeOutline(), ARTICLE_PATH, options);
    expect(JSON.stringify(job!.inputs)).not.toBe(JSON.stringify(plain!.inputs));
    const [zh] = planNarration(makeOutline({ lang: 'zh-CN' }), ARTICLE_PATH, withVoices);
    expect(JSON.stringify(zh!.inputs)).toContain('sit/cmn-Latn-pinyin');
  });
});

/**
 * Loudness: the in-process BS.1770-4 meter against known signals and against ffmpeg's
 * ebur128 filter, and every narration — offline (eSpeak NG) and OpenAI-compatible (over
 * HTTP), English and Chinese — measured as an MP3 by ffmpeg: −16 ± 0.5 LUFS, ≤ −1 dBTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../integrations/aigc/src/engine/types.ts';
import { NARRATION_SETTINGS, planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import {
  integratedLoudness,
  measureLoudness,
  normaliseLoudness,
} from '../../integrations/aigc/src/generators/narration/loudness.ts';
import type { Pcm } from '../../integrations/aigc/src/generators/narration/pcm.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOfflineSpeech } from '../../integrations/aigc/src/providers/offline/speech.ts';
import { createOpenAISpeech } from '../../integrations/aigc/src/providers/openai/speech.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { ARTICLE_PATH, contextFor, ffmpegLoudness, makeOutline, tempDir, wavFile } from './helpers.ts';

function sine(frequency: number, amplitude: number, seconds: number, sampleRate: number, phase = 0): Pcm {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++)
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
  return { samples, sampleRate };
}

function scaled(audio: Pcm, db: number): Pcm {
  return { samples: audio.samples.map((s) => s * 10 ** (db / 20)), sampleRate: audio.sampleRate };
}

const EN =
  'Generative adversarial networks pit a generator against a discriminator. The generator turns random noise into fake samples, and the discriminator learns to tell them from real ones.';
const ZH = '生成对抗网络由生成器和判别器组成。生成器把随机噪声变成假样本，判别器学习把它们和真实样本区分开来。';

describe('BS.1770-4 meter', () => {
  it("reads a 1 kHz sine at −20 dBFS as −23.0 LUFS (the standard's calibration) at 48 and 22.05 kHz", () => {
    for (const rate of [48_000, 22_050, 24_000]) {
      expect(integratedLoudness(sine(1000, 0.1, 5, rate))).toBeCloseTo(-23.01, 1);
    }
  });

  it('gates silence out: a tone surrounded by silence measures as the tone', () => {
    const tone = sine(1000, 0.1, 3, 24_000);
    const padded = new Float32Array(tone.samples.length * 5);
    padded.set(tone.samples, tone.samples.length * 2);
    const gated = integratedLoudness({ samples: padded, sampleRate: 24_000 });
    // Without gates the mean would be 7 LU lower (a fifth of the time is tone); only the
    // blocks straddling the tone's edges pull it down a little, as in ffmpeg's meter.
    expect(gated).toBeGreaterThan(-23.6);
    expect(Math.abs(gated - ffmpegLoudness(wavFile(padded, 24_000)).integrated)).toBeLessThanOrEqual(0.1);
    expect(integratedLoudness({ samples: new Float32Array(48_000), sampleRate: 24_000 })).toBe(-Infinity);
  });

  it('finds the peak between samples: a quarter-rate sine sampled at ±45° has sample peaks 3 dB under its true peak', () => {
    const tone = sine(6000, 0.5, 1, 24_000, Math.PI / 4);
    const samplePeak = 20 * Math.log10(tone.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0));
    expect(samplePeak).toBeCloseTo(20 * Math.log10(0.5) - 3.01, 1);
    expect(measureLoudness(tone).truePeak).toBeCloseTo(20 * Math.log10(0.5), 0);
    expect(measureLoudness(tone).truePeak - samplePeak).toBeGreaterThan(2.5);
  });

  it('agrees with ffmpeg ebur128 on real speech, English and Chinese, quiet and hot', async () => {
    const speech = createOfflineSpeech();
    for (const [text, lang] of [
      [EN, 'en'],
      [ZH, 'zh-CN'],
    ] as const) {
      const spoken = await speech.synthesize({ text, lang });
      for (const gain of [-12, 0, 4]) {
        const audio = scaled({ samples: spoken.samples, sampleRate: spoken.sampleRate }, gain);
        // Hot enough to clip would measure the clipping: keep the WAV's samples in range.
        if (audio.samples.some((s) => Math.abs(s) >= 1)) continue;
        const ours = measureLoudness(audio);
        const theirs = ffmpegLoudness(wavFile(audio.samples, audio.sampleRate));
        expect(
          Math.abs(ours.integrated - theirs.integrated),
          `${lang} ${gain} dB: ${ours.integrated} vs ${theirs.integrated}`,
        ).toBeLessThanOrEqual(0.1);
        expect(
          Math.abs(ours.truePeak - theirs.truePeak),
          `${lang} ${gain} dB: ${ours.truePeak} vs ${theirs.truePeak}`,
        ).toBeLessThanOrEqual(0.3);
      }
    }
  });

  it('normalises quiet and loud speech to the target, true peak under the ceiling', async () => {
    const spoken = await createOfflineSpeech().synthesize({ text: EN, lang: 'en' });
    for (const gain of [-20, 0, 6]) {
      const { after, audio } = normaliseLoudness(
        scaled({ samples: spoken.samples, sampleRate: spoken.sampleRate }, gain),
        { integrated: -16, truePeak: -2 },
      );
      expect(after.integrated).toBeCloseTo(-16, 1);
      expect(after.truePeak).toBeLessThanOrEqual(-2);
      expect(measureLoudness(audio).integrated).toBeCloseTo(after.integrated, 1);
    }
  });
});

const article = (lang: 'en' | 'zh-CN') =>
  lang === 'en'
    ? `---\ntitle: GANs\nlang: en\n---\n\n${EN}\n\n## Training\n\nBoth networks improve together until the fakes look real.\n`
    : `---\ntitle: 生成对抗网络\nlang: zh-CN\n---\n\n${ZH}\n\n## 训练\n\n两个网络一起进步，直到假样本看起来像真的一样。\n`;

/** The narration of a short page by `speech`, and what ffmpeg measures in its MP3. */
async function narrated(speech: ReturnType<typeof createOfflineSpeech>, lang: 'en' | 'zh-CN') {
  const [job] = planNarration(
    makeOutline({ lang, title: lang === 'en' ? 'GANs' : '生成对抗网络' }),
    ARTICLE_PATH,
    parseOptions({}),
  );
  const result: JobResult = await job!.run(contextFor(speech, article(lang), await tempDir()));
  return { result, measured: ffmpegLoudness(result.data as Uint8Array) };
}

function expectDelivered({ result, measured }: Awaited<ReturnType<typeof narrated>>): void {
  const { integrated, truePeak } = NARRATION_SETTINGS.loudness;
  expect(measured.integrated).toBeGreaterThanOrEqual(integrated - 0.5);
  expect(measured.integrated).toBeLessThanOrEqual(integrated + 0.5);
  expect(measured.truePeak).toBeLessThanOrEqual(-1);
  expect(measured.truePeak).toBeLessThanOrEqual(truePeak + 0.1);
  // What the job records is what the file measures.
  const meta = result.meta!.loudness as { integrated: number; truePeak: number };
  expect(Math.abs(meta.integrated - measured.integrated)).toBeLessThanOrEqual(0.15);
  expect(Math.abs(meta.truePeak - measured.truePeak)).toBeLessThanOrEqual(0.3);
}

describe('offline narrations, measured as MP3 by ffmpeg', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: −16 LUFS, true peak ≤ −1 dBTP`, async () => {
      const out = await narrated(createOfflineSpeech(), lang);
      expectDelivered(out);
      expect(out.result.meta!.voice).toBe(lang === 'en' ? 'gmw/en-US' : 'sit/cmn');
    });
  }
});

describe('OpenAI-compatible narrations over HTTP, measured as MP3 by ffmpeg', () => {
  let server: FakeOpenAI;
  beforeAll(async () => {
    server = await startFakeOpenAI();
  });
  afterAll(() => server.close());

  // The server answers with real speech at a level far from the target: a quiet voice for
  // English (−20 dB), a hot one for Chinese (+5 dB, peaks near full scale).
  for (const [lang, gain] of [
    ['en', -20],
    ['zh-CN', 5],
  ] as const) {
    it(`${lang}: a voice ${gain > 0 ? 'too loud' : 'too quiet'} comes out at −16 LUFS, ≤ −1 dBTP`, async () => {
      server.reset();
      const espeak = createOfflineSpeech();
      server.on('POST /v1/audio/speech', async (request) => {
        const body = request.body as { input: string };
        const spoken = await espeak.synthesize({ text: body.input, lang });
        const samples = spoken.samples.map((s) => Math.max(-1, Math.min(1, s * 10 ** (gain / 20))));
        return { type: 'raw', headers: { 'content-type': 'audio/wav' }, body: wavFile(samples, spoken.sampleRate) };
      });
      const speech = createOpenAISpeech({
        apiKey: 'sk-test',
        baseURL: server.baseURL,
        model: 'gpt-4o-mini-tts',
        voice: 'marin',
        instructions: '',
      });
      const out = await narrated(speech, lang);
      expect(server.calls('POST /v1/audio/speech').length).toBeGreaterThanOrEqual(4);
      expectDelivered(out);
      const spokenLevel = (out.result.meta!.loudness as { spoken: number }).spoken;
      expect(gain > 0 ? spokenLevel > -16 : spokenLevel < -30).toBe(true);
    });
  }
});

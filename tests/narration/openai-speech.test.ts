import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { SegmentCache } from '../../integrations/aigc/src/generators/narration/segment-cache.ts';
import { speakSegment } from '../../integrations/aigc/src/generators/narration/speak.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import { createOpenAISpeech, type OpenAISpeechOptions } from '../../integrations/aigc/src/providers/openai/speech.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { ARTICLE_PATH, contextFor, makeOutline, tempDir, wavFile } from './helpers.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const SPEECH = 'POST /v1/audio/speech';
let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function provider(extra: Partial<OpenAISpeechOptions> = {}) {
  return createOpenAISpeech({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    model: 'gpt-4o-mini-tts',
    voice: 'marin',
    instructions: 'Read calmly.',
    ...extra,
  });
}

/** The n-th request (from 1) gets n × 100 samples of the constant n / 100: order is audible in the result. */
function numberedReplies(): void {
  let n = 0;
  server.on(SPEECH, () => {
    n++;
    return {
      type: 'raw',
      headers: { 'content-type': 'audio/wav' },
      body: wavFile(new Float32Array(n * 100).fill(n / 100), 24_000),
    };
  });
}

/** About 9,000 characters of distinct sentences in one paragraph. */
const LONG = Array.from(
  { length: 150 },
  (_, i) => `Sentence number ${i + 1} talks about generated content and its many uses.`,
).join(' ');

describe('openai speech provider over HTTP', () => {
  it('sends model, voice, input, instructions and asks for WAV; decodes the answer', async () => {
    server.enqueue(SPEECH, {
      type: 'raw',
      headers: { 'content-type': 'audio/wav' },
      body: wavFile(new Float32Array(480).fill(0.5), 24_000),
    });
    const result = await provider().synthesize({ text: 'Hello there.', lang: 'en' });
    expect(server.calls(SPEECH)[0]!.body).toEqual({
      model: 'gpt-4o-mini-tts',
      voice: 'marin',
      input: 'Hello there.',
      instructions: 'Read calmly.',
      response_format: 'wav',
    });
    expect(server.calls(SPEECH)[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(result.sampleRate).toBe(24_000);
    expect(result.samples).toHaveLength(480);
    expect(result.samples[0]).toBeCloseTo(0.5, 3);
    expect(result).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'marin' });
  });

  it('leaves instructions out for tts-1, and reads streamed WAV of unknown length and raw PCM', async () => {
    server.enqueue(
      SPEECH,
      {
        type: 'raw',
        headers: { 'content-type': 'audio/wav' },
        body: wavFile(new Float32Array(300).fill(0.25), 22_050, { unknownLength: true }),
      },
      {
        type: 'raw',
        headers: { 'content-type': 'audio/pcm' },
        body: wavFile(new Float32Array(200).fill(-0.5), 24_000).subarray(44),
      },
    );
    const speech = provider({ model: 'tts-1-hd' });
    const wav = await speech.synthesize({ text: 'One.', lang: 'en' });
    const pcm = await speech.synthesize({ text: 'Two.', lang: 'en' });
    expect(server.calls(SPEECH)[0]!.body).not.toHaveProperty('instructions');
    expect([wav.sampleRate, wav.samples.length]).toEqual([22_050, 300]);
    expect([pcm.sampleRate, pcm.samples.length]).toEqual([24_000, 200]);
    expect(pcm.samples[10]).toBeCloseTo(-0.5, 3);
  });

  it('maps HTTP faults to ProviderError with Retry-After', async () => {
    server.enqueue(SPEECH, {
      type: 'json',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { message: 'slow down', type: 'rate_limit' } },
    });
    const error = await provider()
      .synthesize({ text: 'Hi.', lang: 'en' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000, status: 429 });
    server.enqueue(SPEECH, {
      type: 'json',
      status: 400,
      body: { error: { message: 'bad voice', type: 'invalid_request_error' } },
    });
    expect(
      await provider()
        .synthesize({ text: 'Hi.', lang: 'en' })
        .catch((e: unknown) => e),
    ).toMatchObject({ retryable: false, status: 400 });
  });

  it('splits long input on sentence boundaries under 4,096 characters and reassembles it in order', async () => {
    numberedReplies();
    const segment = await speakSegment(LONG, provider(), new SegmentCache(await tempDir()), { lang: 'en', style: '' });
    const inputs = server.calls(SPEECH).map((call) => call.body.input as string);
    expect(inputs.length).toBe(3);
    for (const input of inputs) {
      expect(input.length).toBeLessThanOrEqual(4096);
      expect(input).toMatch(/^Sentence number \d+ .*uses\.$/); // whole sentences only
    }
    expect(inputs.join(' ')).toBe(LONG);
    // Reassembled in request order: 100 samples of 0.01, then 200 of 0.02, then 300 of 0.03.
    const samples = segment.audio.samples;
    expect(samples).toHaveLength(600);
    expect(
      [samples[0], samples[99], samples[100], samples[299], samples[300], samples[599]].map((s) =>
        Math.round(s! * 100),
      ),
    ).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('narrates an article through an OpenAI-compatible server (OPENAI_BASE_URL)', async () => {
    numberedReplies();
    const article = `---\ntitle: Long\n---\n\n${LONG}\n\n## Next\n\nShort paragraph.\n`;
    const [job] = planNarration(makeOutline({ title: 'Long' }), ARTICLE_PATH, parseOptions({}));
    const result = await produceOutput(job!, contextFor(provider(), article, await tempDir()));
    const inputs = server.calls(SPEECH).map((call) => call.body.input as string);
    // Title, the long paragraph in three parts, the heading, the short paragraph.
    expect(inputs).toHaveLength(6);
    expect(inputs[0]).toBe('Long.');
    expect(inputs.slice(1, 4).join(' ')).toBe(LONG);
    expect(inputs.slice(4)).toEqual(['Next.', 'Short paragraph.']);
    expect(result).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-tts',
      meta: { voice: 'marin', chapters: [{ title: 'Long', start: 0 }, { title: 'Next' }] },
    });
    expect(result.usage.inputTokens).toBeGreaterThan(2000);
  });

  it("sends the voice speech.voices gives the page's language, and the default voice otherwise", async () => {
    numberedReplies();
    const options = parseOptions({ speech: { voice: 'marin', voices: { 'zh-CN': 'alloy' } } });
    for (const lang of ['zh-CN', 'en'] as const) {
      const [job] = planNarration(makeOutline({ lang, title: 'Hi' }), ARTICLE_PATH, options);
      const result = await job!.run(contextFor(provider(), '---\ntitle: Hi\n---\n\nHello.\n', await tempDir()));
      expect(result.meta!.voice).toBe(lang === 'en' ? 'marin' : 'alloy');
    }
    expect(server.calls(SPEECH).map((call) => call.body.voice)).toEqual(['alloy', 'alloy', 'marin', 'marin']);
  });
});

/**
 * Realtime speech over a real WebSocket (TLS on 127.0.0.1, as the SDK reaches the Realtime
 * API only over wss:), with the real `openai` SDK client: verbatim reading passes; a voice
 * that rewords is asked again, then fails naming the distance; a server error event and a
 * dropped socket are retryable ProviderErrors; the key reaches the server and nothing else.
 */
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSpeechModel, parseOptions } from '../../integrations/aigc/src/options.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import {
  createOpenAIRealtimeSpeech,
  type OpenAIRealtimeSpeechOptions,
} from '../../integrations/aigc/src/providers/openai/realtime-speech.ts';
import { createProviders, describeProviders } from '../../integrations/aigc/src/resolve-providers.ts';
import { SpeechMismatchError, transcriptDistance } from '../../integrations/aigc/src/providers/verbatim.ts';
import type { RealtimeAnswer } from '../../scripts/fake-openai-realtime.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';

const KEY = 'sk-realtime-SECRET-7391';
let server: TaskServer;
let plain: TaskServer;
let answer: (text: string, attempt: number) => RealtimeAnswer = () => 'verbatim';

beforeAll(async () => {
  server = await startTaskServer({ tls: true, realtime: { answer: (text, attempt) => answer(text, attempt) } });
  plain = await startTaskServer();
  // Trust the fake server's throwaway certificate in this process only, as NODE_EXTRA_CA_CERTS would.
  setDefaultCACertificates([...getCACertificates('default'), server.ca!]);
});
afterAll(async () => {
  await server.close();
  await plain.close();
});
beforeEach(() => {
  answer = () => 'verbatim';
  server.realtime.connections.length = 0;
  server.realtime.events.length = 0;
  server.realtime.answers.length = 0;
});

function provider(extra: Partial<OpenAIRealtimeSpeechOptions> = {}) {
  return createOpenAIRealtimeSpeech({
    apiKey: KEY,
    baseURL: server.baseURL,
    model: 'gpt-realtime-2.1-mini',
    voice: 'marin',
    instructions: 'Read calmly.',
    maxTranscriptDistance: 0.15,
    timeoutMs: 60_000,
    ...extra,
  });
}

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('realtime speech over a real socket', () => {
  it('asks for verbatim PCM reading and returns the streamed audio', async () => {
    const text = 'Generative models write articles, draw figures and read them aloud.';
    const result = await provider().synthesize({ text, lang: 'en' });
    expect(result).toMatchObject({ sampleRate: 24_000, model: 'gpt-realtime-2.1-mini', voice: 'marin' });
    expect(result.samples.length).toBeGreaterThan(24_000); // over a second of audio, decoded from PCM16 deltas
    expect(Math.max(...result.samples.subarray(0, 48_000))).toBeGreaterThan(0.05);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(server.realtime.connections).toEqual([{ model: 'gpt-realtime-2.1-mini', authorization: `Bearer ${KEY}` }]);
    const [update, item, create] = server.realtime.events as any[];
    expect(update.type).toBe('session.update');
    expect(update.session.instructions).toMatch(/exactly as written, word for word[\s\S]*Read calmly\./);
    expect(update.session.audio.output).toEqual({ format: { type: 'audio/pcm', rate: 24_000 }, voice: 'marin' });
    expect(item).toMatchObject({
      type: 'conversation.item.create',
      item: { role: 'user', content: [{ type: 'input_text', text }] },
    });
    expect(create.type).toBe('response.create');
  });

  it('reads Chinese verbatim too', async () => {
    const result = await provider().synthesize({
      text: '生成式人工智能可以写文章、画插图，也可以朗读。',
      lang: 'zh-CN',
      voice: 'alloy',
    });
    expect(result.voice).toBe('alloy');
    expect((server.realtime.events[0] as any).session.audio.output.voice).toBe('alloy');
  });

  it('asks a reworded text again and keeps the verbatim second reading', async () => {
    answer = (_text, attempt) => (attempt === 1 ? 'reword' : 'verbatim');
    const result = await provider().synthesize({ text: 'Outlines go in; a checked site comes out.', lang: 'en' });
    expect(result.samples.length).toBeGreaterThan(0);
    expect(result.rereads).toBe(1);
    expect(server.realtime.answers.map((a) => [a.attempt, a.answer])).toEqual([
      [1, 'reword'],
      [2, 'verbatim'],
    ]);
    expect(server.realtime.connections).toHaveLength(2);
  });

  it('fails a text the voice keeps rewording, naming the distance, without a scheduler retry', async () => {
    answer = () => 'reword';
    const text = 'Each section of the outline must be covered by the generated text, in order.';
    const error = await fail(provider().synthesize({ text, lang: 'en' }));
    expect(error).toBeInstanceOf(SpeechMismatchError);
    expect(error).toMatchObject({ retryable: false, attempts: 2, tolerance: 0.15 });
    expect((error as SpeechMismatchError).distance).toBeGreaterThan(0.4);
    expect((error as Error).message).toMatch(
      /did not read the text verbatim: its transcript differs from the text by \d+(\.\d)? % \(tolerance 15 %\) after 2 tries\. Said: "Sure! In short: Each section/,
    );
    expect(server.realtime.answers).toHaveLength(2);
  });

  it('reports a server error event as retryable, an invalid request as not', async () => {
    answer = () => 'error';
    const error = await fail(provider().synthesize({ text: 'One.', lang: 'en' }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toContain('the server reported an error: The server had an error');
    answer = () => 'invalid';
    const invalid = await fail(provider({ voice: 'nobody' }).synthesize({ text: 'Two.', lang: 'en' }));
    expect(invalid).toMatchObject({ retryable: false });
    expect((invalid as Error).message).toContain("Invalid value: 'nobody'");
  });

  it('reports a socket dropped mid-answer as retryable', async () => {
    answer = () => 'drop';
    const error = await fail(
      provider().synthesize({ text: 'This answer is cut off half way through its reading.', lang: 'en' }),
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toMatch(
      /the connection closed before the answer was finished \(close code 1006, \d+ audio chunks received\)/,
    );
  });

  it('gives up on a socket that stays open and silent, as retryable', async () => {
    answer = () => 'hang';
    const error = await fail(provider({ timeoutMs: 800 }).synthesize({ text: 'Six.', lang: 'en' }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toMatch(/no data for 0\.8 s; the connection looks hung/);
  });

  it('never lets the key out in an error, even when the server echoes it', async () => {
    answer = () => 'echo-key';
    const error = await fail(provider().synthesize({ text: 'Three.', lang: 'en' }));
    expect(error).toBeInstanceOf(ProviderError);
    const everything = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)} ${String((error as Error).cause ?? '')}`;
    expect(everything).toContain('[redacted key]');
    expect(everything).not.toContain(KEY);
  });

  it('explains a server without TLS, and does not retry it', async () => {
    const error = await fail(provider({ baseURL: plain.baseURL }).synthesize({ text: 'Four.', lang: 'en' }));
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(/Realtime API is reached over wss:/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the test'));
    const error = await fail(provider().synthesize({ text: 'Five.', lang: 'en', signal: controller.signal }));
    expect((error as Error).message).toBe('stopped by the test');
  });
});

describe('transcript distance', () => {
  it('ignores case, punctuation, spacing, apostrophes and full-width forms', () => {
    expect(transcriptDistance('Don’t panic: it’s only a TEST.', 'dont panic, its only a test')).toBe(0);
    expect(transcriptDistance('生成式人工智能，可以写文章。', '生成式人工智能可以写文章')).toBe(0);
    expect(transcriptDistance('ＡＩ makes ２ things', 'AI makes 2 things')).toBe(0);
    // A respelling for the voice, or words split differently, is not rewording.
    expect(transcriptDistance('AI-G-C already shows its value.', 'AIGC already shows its value.')).toBe(0);
  });

  it('counts words, and Chinese characters as words', () => {
    expect(transcriptDistance('one two three four', 'one two three five')).toBeCloseTo(3 / 15, 5); // 1 of 4 words, 3 of 15 letters
    expect(transcriptDistance('one two three four', 'four three two one')).toBeGreaterThan(0.7); // the same words, out of order
    expect(transcriptDistance('生成式人工智能可以写文章', '生成式人工智能能够写文章')).toBeCloseTo(2 / 12, 5);
    expect(transcriptDistance('a b c d', '')).toBe(1);
    expect(transcriptDistance('', '')).toBe(0);
  });
});

describe('which speech path a run takes', () => {
  const env = { OPENAI_API_KEY: KEY };

  it('defaults to audio.speech before 2027-01-06 and to a Realtime model from that day (UTC)', () => {
    expect(defaultSpeechModel(new Date('2027-01-05T23:59:59Z'))).toBe('gpt-4o-mini-tts');
    expect(defaultSpeechModel(new Date('2027-01-06T00:00:00Z'))).toBe('gpt-realtime-2.1-mini');
    const options = parseOptions({});
    expect(options.speech.model).toBeUndefined();
    expect(describeProviders(options, env, new Date('2026-12-31T12:00:00Z')).speech).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini-tts',
    });
    expect(describeProviders(options, env, new Date('2027-01-06T12:00:00Z')).speech).toEqual({
      provider: 'openai',
      model: 'gpt-realtime-2.1-mini',
    });
    expect(createProviders(options, env, new Date('2027-02-01T00:00:00Z')).speech.maxInputChars).toBe(1500);
    expect(createProviders(options, env, new Date('2026-12-01T00:00:00Z')).speech.maxInputChars).toBe(4096);
  });

  it("keeps audio.speech by default on a compatible server, which OpenAI's shutdown does not touch", () => {
    const local = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:8880/v1' };
    const after = new Date('2027-06-01T00:00:00Z');
    expect(describeProviders(parseOptions({}), local, after).speech.model).toBe('gpt-4o-mini-tts');
    expect(
      describeProviders(parseOptions({}), { ...local, OPENAI_BASE_URL: 'https://api.openai.com/v1' }, after).speech
        .model,
    ).toBe('gpt-realtime-2.1-mini');
  });

  it('keeps a chosen model on its own path whatever the date (Kokoro, LocalAI: audio.speech)', () => {
    const after = new Date('2027-03-01T00:00:00Z');
    const kokoro = createProviders(parseOptions({ speech: { model: 'kokoro', voice: 'af_heart' } }), env, after).speech;
    expect([kokoro.model, kokoro.maxInputChars]).toEqual(['kokoro', 4096]);
    const realtime = createProviders(
      parseOptions({ speech: { model: 'gpt-realtime-2.1' } }),
      env,
      new Date('2026-06-01T00:00:00Z'),
    ).speech;
    expect([realtime.model, realtime.maxInputChars]).toEqual(['gpt-realtime-2.1', 1500]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIText, type OpenAITextOptions } from '../../integrations/aigc/src/providers/openai/text.ts';
import type { TextRequest } from '../../integrations/aigc/src/providers/types.ts';
import { chatCompletion, chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { apiError, chunkStream } from '../support/openai-replies.ts';

const CHAT = 'POST /v1/chat/completions';
const KEY = 'sk-test-SECRET-123';

let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function provider(extra: Partial<OpenAITextOptions> = {}) {
  return createOpenAIText({ apiKey: KEY, baseURL: server.baseURL, model: 'gpt-test', maxOutputTokens: 4000, ...extra });
}

const request: TextRequest = {
  messages: [
    { role: 'system', content: 'You write articles.' },
    { role: 'user', content: 'Write about AIGC.' },
  ],
  brief: { task: 'translate', text: 'x', from: 'en', to: 'fr' },
};

describe('openai text provider: what it sends', () => {
  it('streams Chat Completions with usage, model, messages and the token limit', async () => {
    server.enqueue(CHAT, chatCompletionStream('Hello.'));
    await provider({ temperature: 0.3 }).generate(request);
    const [call] = server.calls(CHAT);
    expect(server.calls(CHAT)).toHaveLength(1);
    expect(call!.body).toEqual({
      model: 'gpt-test',
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 4000,
      temperature: 0.3,
    });
    expect(call!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('leaves temperature out when unset, and lets the request override the token limit', async () => {
    server.enqueue(CHAT, chatCompletionStream('Hello.'));
    await provider().generate({ ...request, maxOutputTokens: 123 });
    const body = server.calls(CHAT)[0]!.body;
    expect(body).not.toHaveProperty('temperature');
    expect(body.max_completion_tokens).toBe(123);
  });
});

describe('openai text provider: what it reads', () => {
  it('assembles the streamed answer in order, with usage and the model the server reports', async () => {
    const text = 'First paragraph.\n\nSecond paragraph, somewhat longer than the first.';
    server.enqueue(CHAT, chatCompletionStream(text, { pieces: 7, model: 'gpt-test-2026-01-01' }));
    const result = await provider().generate(request);
    expect(result).toEqual({
      text,
      finishReason: 'stop',
      usage: { inputTokens: 100, outputTokens: Math.ceil(text.length / 4) },
      model: 'gpt-test-2026-01-01',
    });
  });

  it('reports finish reason "length"', async () => {
    server.enqueue(CHAT, chatCompletionStream('Cut sho', { finishReason: 'length' }));
    const result = await provider().generate(request);
    expect(result.finishReason).toBe('length');
    expect(result.text).toBe('Cut sho');
  });

  it('maps content_filter, and anything else to "other"', async () => {
    server.enqueue(
      CHAT,
      chatCompletionStream('a', { finishReason: 'content_filter' }),
      chatCompletionStream('b', { finishReason: 'tool_calls' }),
    );
    expect((await provider().generate(request)).finishReason).toBe('content_filter');
    expect((await provider().generate(request)).finishReason).toBe('other');
  });

  it('reports zero usage, and the configured model, when the server sends neither', async () => {
    server.enqueue(
      CHAT,
      chunkStream([{ content: 'Hi ' }, { content: 'there.' }, { finishReason: 'stop' }], { model: '' }),
    );
    const result = await provider().generate(request);
    expect(result).toEqual({
      text: 'Hi there.',
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
      model: 'gpt-test',
    });
  });

  it('reads a whole JSON completion from a server that ignores stream: true', async () => {
    server.enqueue(
      CHAT,
      chatCompletion('Whole answer.', { promptTokens: 12, completionTokens: 3, model: 'local-llm' }),
    );
    const result = await provider().generate(request);
    expect(result).toEqual({
      text: 'Whole answer.',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 3 },
      model: 'local-llm',
    });
  });
});

describe('openai text provider: servers without stream_options', () => {
  it('retries once without stream_options after a 400 naming it, and stops sending it', async () => {
    server.enqueue(
      CHAT,
      apiError(400, 'Unrecognized request argument supplied: stream_options'),
      chatCompletionStream('Fine.'),
      chatCompletionStream('Again.'),
    );
    const text = provider();
    expect((await text.generate(request)).text).toBe('Fine.');
    expect((await text.generate(request)).text).toBe('Again.');
    const bodies = server.calls(CHAT).map((c) => c.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0].stream_options).toEqual({ include_usage: true });
    expect(bodies[1]).not.toHaveProperty('stream_options');
    expect(bodies[1].stream).toBe(true);
    expect(bodies[2]).not.toHaveProperty('stream_options');
  });

  it('does not retry a 400 about something else', async () => {
    server.enqueue(CHAT, apiError(400, 'messages: too long'), chatCompletionStream('never'));
    await expect(provider().generate(request)).rejects.toMatchObject({
      name: 'ProviderError',
      retryable: false,
      status: 400,
    });
    expect(server.calls(CHAT)).toHaveLength(1);
  });
});

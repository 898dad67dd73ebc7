import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withRetries, type RetryPolicy } from '../../integrations/aigc/src/engine/retry.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import { createOpenAIText, type OpenAITextOptions } from '../../integrations/aigc/src/providers/openai/text.ts';
import type { TextRequest } from '../../integrations/aigc/src/providers/types.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { apiError, chunkStream } from '../support/openai-replies.ts';

const CHAT = 'POST /v1/chat/completions';
const SECRET = 'sk-test-SECRET-123';
const ARTICLE = 'A long article, streamed in several pieces so a cut can land in the middle of it.';

let server: FakeOpenAI;
/** Every error any test saw, checked at the end for the key. */
const seen: unknown[] = [];

beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function provider(extra: Partial<OpenAITextOptions> = {}) {
  return createOpenAIText({
    apiKey: SECRET,
    baseURL: server.baseURL,
    model: 'gpt-test',
    maxOutputTokens: 1000,
    ...extra,
  });
}

const request: TextRequest = {
  messages: [{ role: 'user', content: 'Write.' }],
  brief: { task: 'translate', text: 'x', from: 'en', to: 'fr' },
};

const firstChunk = {
  id: 'chatcmpl-raw',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-test',
  choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
};

/** A bare HTTP server for faults the fake cannot script: it sends SSE headers, then `write` decides. */
async function withRawServer(
  write: (res: ServerResponse) => void,
  use: (baseURL: string) => Promise<void>,
): Promise<void> {
  const raw: Server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    write(res);
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/v1`);
  } finally {
    raw.closeAllConnections();
    await new Promise((resolve) => raw.close(resolve));
  }
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  seen.push(error);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** The engine's retry loop with a recording clock: no test waits for a backoff. */
function retrying(extra: Partial<OpenAITextOptions> = {}) {
  const delays: number[] = [];
  const policy: RetryPolicy = {
    maxRetries: 3,
    baseDelayMs: 1000,
    maxBackoffMs: 30_000,
    maxRetryAfterMs: 300_000,
    random: () => 0.5,
    sleep: async (ms) => void delays.push(ms),
  };
  const text = provider(extra);
  const errors: ProviderError[] = [];
  return {
    delays,
    errors,
    run: () =>
      withRetries(() => text.generate(request), policy, {
        onRetry: (event) => {
          errors.push(event.error);
          seen.push(event.error);
        },
      }),
  };
}

describe('HTTP errors', () => {
  it('429 with retry-after: 2 is retryable after 2000 ms', async () => {
    server.enqueue(CHAT, apiError(429, 'Rate limit reached', { headers: { 'retry-after': '2' }, type: 'requests' }));
    const error = await failure(provider().generate(request));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 2000, status: 429 });
    expect(error.message).toContain('Rate limit reached');
  });

  it('429 then success: two requests, one wait of 2000 ms', async () => {
    server.enqueue(
      CHAT,
      apiError(429, 'slow down', { headers: { 'retry-after': '2' } }),
      chatCompletionStream(ARTICLE),
    );
    const r = retrying();
    expect((await r.run()).text).toBe(ARTICLE);
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(r.delays).toEqual([2000]);
  });

  it('honours retry-after: 120, above the SDK cap of 60 s', async () => {
    server.enqueue(
      CHAT,
      apiError(429, 'slow down', { headers: { 'retry-after': '120' } }),
      chatCompletionStream(ARTICLE),
    );
    const r = retrying();
    expect((await r.run()).text).toBe(ARTICLE);
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(r.delays).toEqual([120_000]);
  });

  it('500 is retried with backoff', async () => {
    server.enqueue(
      CHAT,
      apiError(500, 'internal', { type: 'server_error' }),
      apiError(502, 'bad gateway'),
      chatCompletionStream(ARTICLE),
    );
    const r = retrying();
    expect((await r.run()).text).toBe(ARTICLE);
    expect(server.calls(CHAT)).toHaveLength(3);
    expect(r.errors.map((e) => e.status)).toEqual([500, 502]);
    // full jitter at 0.5: 3/4 of 1000 ms, then 3/4 of 2000 ms
    expect(r.delays).toEqual([750, 1500]);
  });

  it('401 is not retried and never shows the key, even when the server echoes it', async () => {
    server.enqueue(
      CHAT,
      apiError(401, `Incorrect API key provided: ${SECRET}.`, { code: 'invalid_api_key' }),
      chatCompletionStream(ARTICLE),
    );
    const r = retrying();
    const error = await failure(r.run());
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toContain('Incorrect API key provided: [redacted key]');
    expect(server.calls(CHAT)).toHaveLength(1);
  });
});

describe('broken connections and bodies', () => {
  it('connection refused is retryable', async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    const text = createOpenAIText({ apiKey: SECRET, baseURL: gone.baseURL, model: 'gpt-test', maxOutputTokens: 10 });
    const error = await failure(text.generate(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+\/v1 \(.*ECONNREFUSED/);
  });

  it('a hung connection (no headers) fails after the idle timeout, and the retry succeeds', async () => {
    server.enqueue(CHAT, { type: 'hang' }, chatCompletionStream(ARTICLE));
    const r = retrying({ idleTimeoutMs: 300 });
    expect((await r.run()).text).toBe(ARTICLE);
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ retryable: true, message: expect.stringMatching(/no data for 0\.3 s/) });
  });

  it('a stream that stalls after its first chunk fails after the idle timeout', async () => {
    // The fake server's replies always finish; this one sends headers and one chunk, then goes silent.
    await withRawServer(
      (res) => res.write(`data: ${JSON.stringify(firstChunk)}\n\n`),
      async (baseURL) => {
        const error = await failure(provider({ baseURL, idleTimeoutMs: 300 }).generate(request));
        expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/no data for 0\.3 s/) });
      },
    );
  });

  it('a connection dropped after the first chunk is a retryable "broke off mid-answer"', async () => {
    // Flush the chunk before dropping, so the cut lands mid-body and not before the headers.
    await withRawServer(
      (res) => res.write(`data: ${JSON.stringify(firstChunk)}\n\n`, () => res.socket?.destroy()),
      async (baseURL) => {
        const error = await failure(provider({ baseURL }).generate(request));
        expect(error).toMatchObject({
          retryable: true,
          message: expect.stringMatching(/broke off mid-answer \(other side closed\)/),
        });
      },
    );
  });

  it('malformed JSON in an event stream is a clear, retryable error', async () => {
    server.enqueue(CHAT, {
      type: 'raw',
      headers: { 'content-type': 'text/event-stream' },
      body: 'data: {"id": "chatcmpl-x", "choices": [\n\n',
    });
    const error = await failure(provider().generate(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/malformed .*JSON/);
  });

  it('a malformed JSON body is a clear, retryable error', async () => {
    server.enqueue(CHAT, {
      type: 'raw',
      headers: { 'content-type': 'application/json' },
      body: '{"id": "chatcmpl-x", "choi',
    });
    const error = await failure(provider().generate(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/malformed JSON/);
  });

  it('a stream cut mid-answer is retryable, and the retry yields the full text', async () => {
    server.enqueue(
      CHAT,
      chatCompletionStream(ARTICLE, { pieces: 6, cutAfter: 3 }),
      chatCompletionStream(ARTICLE, { pieces: 6 }),
    );
    const r = retrying();
    expect((await r.run()).text).toBe(ARTICLE);
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.retryable).toBe(true);
  });

  it('a stream that ends cleanly without a finish_reason counts as truncated', async () => {
    server.enqueue(CHAT, chunkStream([{ content: 'Half an ' }, { content: 'answer' }]));
    const error = await failure(provider().generate(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(
      /ended before the answer was finished \(no finish_reason after 2 chunks, 14 characters\)/,
    );
  });

  it('an error event inside the stream is retryable', async () => {
    server.enqueue(CHAT, {
      type: 'sse',
      chunks: [{ error: { message: 'The server had an error', type: 'server_error' } }],
      done: true,
    });
    const error = await failure(provider().generate(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('The server had an error');
  });

  it('a caller abort is passed through, not turned into a retryable error', async () => {
    server.enqueue(CHAT, { type: 'hang' });
    const controller = new AbortController();
    const pending = provider().generate({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('build cancelled')), 50);
    await expect(pending).rejects.toThrow('build cancelled');
  });

  it('a caller abort mid-stream is passed through too', async () => {
    await withRawServer(
      (res) => res.write(`data: ${JSON.stringify(firstChunk)}\n\n`),
      async (baseURL) => {
        const controller = new AbortController();
        const pending = provider({ baseURL }).generate({ ...request, signal: controller.signal });
        setTimeout(() => controller.abort(new Error('build cancelled')), 100);
        await expect(pending).rejects.toThrow('build cancelled');
      },
    );
  });

  it('a missing key is a clear, non-retryable error', async () => {
    const text = createOpenAIText({ apiKey: '', baseURL: server.baseURL, model: 'gpt-test', maxOutputTokens: 10 });
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const error = await failure(text.generate(request));
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/OPENAI_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});

describe('the key', () => {
  it('appears in no error message or cause chain', () => {
    expect(seen.length).toBeGreaterThanOrEqual(12);
    for (const error of seen) {
      expect(String((error as Error).message)).not.toContain(SECRET);
      expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
    }
  });
});

/**
 * More answers for the fake OpenAI server: API errors in the shape the API sends them,
 * and hand-built streams.
 */
import type { FakeReply } from './fake-openai.ts';

/** An HTTP error with an OpenAI-style `{ error: { message, type, code } }` body. */
export function apiError(
  status: number,
  message: string,
  options: { headers?: Record<string, string>; type?: string; code?: string | null } = {},
): FakeReply {
  return {
    type: 'json',
    status,
    ...(options.headers ? { headers: options.headers } : {}),
    body: {
      error: { message, type: options.type ?? 'invalid_request_error', param: null, code: options.code ?? null },
    },
  };
}

/** A stream of chat.completion.chunk objects, each holding one delta, finish reason or usage. */
export function chunkStream(
  parts: { content?: string; finishReason?: string; usage?: { prompt_tokens: number; completion_tokens: number } }[],
  options: { model?: string; done?: boolean } = {},
): FakeReply {
  const base = {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_790_000_000,
    model: options.model ?? 'test-model',
  };
  const chunks = parts.map((part) =>
    part.usage
      ? {
          ...base,
          choices: [],
          usage: { ...part.usage, total_tokens: part.usage.prompt_tokens + part.usage.completion_tokens },
        }
      : {
          ...base,
          choices: [
            {
              index: 0,
              delta: part.content === undefined ? {} : { content: part.content },
              finish_reason: part.finishReason ?? null,
            },
          ],
        },
  );
  return { type: 'sse', chunks, done: options.done ?? true };
}

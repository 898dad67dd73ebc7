/**
 * Text through Chat Completions, the endpoint every OpenAI-compatible server speaks.
 * Always streamed, so a long generation keeps the connection busy instead of tripping
 * idle timeouts in proxies and in Node's fetch; an idle watchdog catches servers that
 * stop sending. Every failure becomes a ProviderError; the engine decides on retries.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, type OpenAI } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { ProviderError } from '../errors.ts';
import type { TextProvider, TextRequest, TextResult } from '../types.ts';
import { createOpenAIClient, toProviderError, withoutSecret } from './client.ts';
import { requestBody, TEXT_BATCH_URL, textBatchBody, type OpenAITextOptions } from './requests.ts';
import { completionParts, readCompletion, watchIdle } from './stream.ts';
import { modelId } from '../../utils/model-id.ts';

export type { OpenAITextOptions };

const DEFAULT_TIMEOUT_MS = 600_000;

export function createOpenAIText(options: OpenAITextOptions): TextProvider {
  const idleTimeoutMs = options.idleTimeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const what = `openai text (model ${options.model})`;
  // Created on first use, so planning and dry runs need no key.
  let client: OpenAI | undefined;
  // Cleared once a server rejects `stream_options`, so later requests do not pay for it twice.
  let sendStreamOptions = true;

  async function attempt(
    openai: OpenAI,
    body: ChatCompletionCreateParamsStreaming,
    request: TextRequest,
  ): Promise<TextResult> {
    const watchdog = watchIdle(idleTimeoutMs, what, request.signal);
    try {
      const response = await openai.chat.completions.create(body, { signal: watchdog.controller.signal }).asResponse();
      watchdog.touch();
      const parts = await readCompletion(response, watchdog, openai, what);
      return {
        text: parts.text,
        finishReason: parts.finishReason,
        usage: parts.usage,
        model: modelId(parts.model ?? options.model),
        ...(parts.tier ? { tier: parts.tier } : {}),
      };
    } catch (error) {
      if (watchdog.error) throw watchdog.error;
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      if (error instanceof APIConnectionError && !(error instanceof APIConnectionTimeoutError)) {
        // The SDK says only "Connection error."; the socket's code says which.
        throw new ProviderError(`${what}: could not reach ${serverOf(openai)} (${rootCause(error)})`, {
          retryable: true,
          cause: error,
        });
      }
      throw toProviderError(error, what);
    } finally {
      watchdog.stop();
    }
  }

  return {
    id: 'openai',
    model: options.model,
    // The same body, not streamed, as one line of a Batch (a Batch's answers are whole completions).
    batch: {
      url: TEXT_BATCH_URL,
      body: (request) => textBatchBody(options, request),
      decode: async (body) => {
        const parts = completionParts(body as Parameters<typeof completionParts>[0], `${what}, in a batch`);
        return {
          text: parts.text,
          finishReason: parts.finishReason,
          usage: parts.usage,
          model: modelId(parts.model ?? options.model),
          tier: 'batch',
        };
      },
    },
    async generate(request) {
      let openai: OpenAI;
      try {
        openai = client ??= createOpenAIClient(options);
      } catch (error) {
        throw toProviderError(error, what);
      }
      const body = requestBody(options, request, sendStreamOptions);
      try {
        try {
          return await attempt(openai, body, request);
        } catch (error) {
          if (!body.stream_options || !rejectsStreamOptions(error)) throw error;
          sendStreamOptions = false;
          const { stream_options: _dropped, ...withoutOptions } = body;
          return await attempt(openai, withoutOptions, request);
        }
      } catch (error) {
        throw withoutSecret(error, openai.apiKey ?? '');
      }
    },
  };
}

/** The server's address without any credentials in it. */
function serverOf(openai: OpenAI): string {
  try {
    const url = new URL(openai.baseURL);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return 'the server';
  }
}

/** The innermost error's code and message, e.g. "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9". */
function rootCause(error: Error): string {
  let inner: unknown = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const { code, message } = inner as Error & { code?: string };
  return message.includes(code ?? '') ? message : `${code}: ${message}`;
}

/** A 400 naming `stream_options`: the server does not know the field (older compatible servers). */
function rejectsStreamOptions(error: unknown): boolean {
  const cause = error instanceof ProviderError ? error.cause : error;
  return cause instanceof APIError && cause.status === 400 && /stream_options/i.test(cause.message);
}

/**
 * Reading a Chat Completions answer: the SSE stream we ask for, or a whole JSON body from a
 * compatible server that ignores `stream: true`. Also the idle watchdog that aborts a
 * connection which stops sending, since the SDK's own timeout ends once headers arrive.
 */
import { APIError, type OpenAI } from 'openai';
import { Stream } from 'openai/core/streaming';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ProviderError } from '../errors.ts';
import type { FinishReason, PriceTier, Usage } from '../types.ts';

export interface IdleWatchdog {
  /** Pass to the SDK: aborts on idleness or when the caller's signal aborts. */
  readonly controller: AbortController;
  /** Set once the watchdog has fired; the error to report. */
  readonly error: ProviderError | undefined;
  /** Data arrived: restart the countdown. */
  touch(): void;
  stop(): void;
}

/** Abort `controller` when `touch` has not been called for `idleMs`, or when `parent` aborts. */
export function watchIdle(idleMs: number, what: string, parent?: AbortSignal): IdleWatchdog {
  const controller = new AbortController();
  let error: ProviderError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const seconds = Math.round(idleMs / 100) / 10;
      error = new ProviderError(`${what}: no data for ${seconds} s; the connection looks hung`, { retryable: true });
      controller.abort(error);
    }, idleMs);
  };
  arm();
  return {
    controller,
    get error() {
      return error;
    },
    touch: arm,
    stop() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

export interface CompletionParts {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  /** The model the server says answered, if it said. */
  model: string | undefined;
  /** The tier the server says served it (`service_tier`), if it said. */
  tier?: PriceTier;
}

/** OpenAI's `service_tier` of an answer as a price tier (`default`/`auto`/unknown: standard). */
export function toTier(serviceTier: unknown): PriceTier | undefined {
  if (serviceTier === 'flex' || serviceTier === 'priority') return serviceTier;
  return typeof serviceTier === 'string' ? 'standard' : undefined;
}

/** Map the API's finish reasons onto ours; tool and function calls are "other" here. */
export function toFinishReason(reason: string | null | undefined): FinishReason {
  return reason === 'stop' || reason === 'length' || reason === 'content_filter' ? reason : 'other';
}

/** Token counts, with the cached share of the prompt (`prompt_tokens_details.cached_tokens`) when there is one. */
export function toUsage(
  usage:
    | { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null }
    | null
    | undefined,
): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    ...(cached > 0 ? { cachedInputTokens: cached } : {}),
  };
}

/** Read a successful (2xx) response to a streamed chat completion request. */
export async function readCompletion(
  response: Response,
  watchdog: IdleWatchdog,
  client: OpenAI,
  what: string,
): Promise<CompletionParts> {
  const contentType = response.headers.get('content-type') ?? '';
  try {
    return /json/i.test(contentType)
      ? await readWholeBody(response, what)
      : await readStream(response, watchdog, client, what);
  } catch (error) {
    if (watchdog.error) throw watchdog.error;
    if (error instanceof APIError && error.status === undefined) {
      // An error event inside a 200 stream: the server failed mid-generation (overload, crash).
      throw new ProviderError(`${what}: the server reported an error mid-answer: ${error.message}`, {
        retryable: true,
        cause: error,
      });
    }
    // (A caller's abort is reported by the caller of this function, which can see its signal.)
    if (error instanceof APIError || error instanceof SyntaxError || error instanceof ProviderError) {
      throw error;
    }
    // The body broke off (socket closed, proxy reset): worth another try.
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ProviderError(`${what}: the connection broke off mid-answer (${reason})`, {
      retryable: true,
      cause: error,
    });
  }
}

async function readStream(
  response: Response,
  watchdog: IdleWatchdog,
  client: OpenAI,
  what: string,
): Promise<CompletionParts> {
  const stream = Stream.fromSSEResponse<ChatCompletionChunk>(response, watchdog.controller, client);
  const pieces: string[] = [];
  let finish: string | null | undefined;
  let usage: ChatCompletionChunk['usage'];
  let model: string | undefined;
  let serviceTier: unknown;
  let chunks = 0;
  for await (const chunk of stream) {
    watchdog.touch();
    chunks++;
    model = chunk.model || model;
    serviceTier = chunk.service_tier ?? serviceTier;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.find((c) => c.index === 0) ?? chunk.choices?.[0];
    if (choice?.delta?.content) pieces.push(choice.delta.content);
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  // The SDK ends a stream quietly when it is aborted; say why.
  if (watchdog.error) throw watchdog.error;
  if (watchdog.controller.signal.aborted) throw watchdog.controller.signal.reason;
  const text = pieces.join('');
  if (!finish) {
    throw new ProviderError(
      `${what}: the stream ended before the answer was finished (no finish_reason after ${chunks} chunks, ${text.length} characters)`,
      { retryable: true },
    );
  }
  const tier = toTier(serviceTier);
  return { text, finishReason: toFinishReason(finish), usage: toUsage(usage), model, ...(tier ? { tier } : {}) };
}

/** Some compatible servers ignore `stream: true` and send one JSON completion. */
async function readWholeBody(response: Response, what: string): Promise<CompletionParts> {
  const body = await response.text();
  let parsed: Partial<ChatCompletion> & { error?: { message?: string } };
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ProviderError(
      `${what}: the server sent malformed JSON (${body.length} bytes starting ${JSON.stringify(body.slice(0, 40))})`,
      { retryable: true, cause: error },
    );
  }
  return completionParts(parsed, what);
}

/** The parts of a whole (not streamed) chat completion: a direct answer, or a Batch line's body. */
export function completionParts(
  parsed: Partial<ChatCompletion> & { error?: { message?: string } },
  what: string,
): CompletionParts {
  if (parsed.error) {
    throw new ProviderError(
      `${what}: the server answered with an error: ${parsed.error.message ?? JSON.stringify(parsed.error)}`,
      {
        retryable: false,
      },
    );
  }
  const choice = parsed.choices?.[0];
  if (!choice) throw new ProviderError(`${what}: the server's answer has no choices`, { retryable: true });
  return {
    text: choice.message?.content ?? '',
    finishReason: toFinishReason(choice.finish_reason),
    usage: toUsage(parsed.usage),
    model: parsed.model || undefined,
    ...(toTier(parsed.service_tier) ? { tier: toTier(parsed.service_tier)! } : {}),
  };
}

import { inspect } from 'node:util';
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { ProviderError } from '../errors.ts';

export interface OpenAIConnection {
  /** Defaults to `OPENAI_API_KEY`. Never logged, never written anywhere. */
  apiKey?: string | undefined;
  /** Defaults to `OPENAI_BASE_URL`, then the SDK's default; any OpenAI-compatible server works. */
  baseURL?: string | undefined;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number | undefined;
}

/**
 * The SDK client. Its own retries are off (`maxRetries: 0`): the engine's scheduler retries,
 * so it can honour Retry-After beyond the SDK's 60 s cap and count every attempt.
 */
export function createOpenAIClient(connection: OpenAIConnection = {}): OpenAI {
  const apiKey = connection.apiKey ?? process.env.OPENAI_API_KEY;
  if (!apiKey) {
    throw new ProviderError(
      'The openai provider needs an API key: set OPENAI_API_KEY (any value for a local server that ignores it), or choose provider "offline".',
      { retryable: false },
    );
  }
  return new OpenAI({
    apiKey,
    baseURL: connection.baseURL ?? process.env.OPENAI_BASE_URL ?? undefined,
    maxRetries: 0,
    timeout: connection.timeoutMs ?? 600_000,
  });
}

/** Milliseconds the server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Map an SDK error to a ProviderError. Retryable: connection failures and timeouts,
 * 408, 409, 429 and 5xx (as the SDK itself would), or `x-should-retry: true`.
 * The message never includes the API key (the SDK does not put it in errors).
 */
export function toProviderError(error: unknown, what: string): Error {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return new ProviderError(`${what}: could not reach the server (${error.message})`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = error.status;
    const shouldRetry = error.headers?.get('x-should-retry');
    const retryable =
      shouldRetry === 'true' ||
      (shouldRetry !== 'false' &&
        status !== undefined &&
        (status === 408 || status === 409 || status === 429 || status >= 500));
    const after = retryAfterMs(error.headers);
    return new ProviderError(`${what}: HTTP ${status ?? '?'} ${error.message.replace(/^\d{3}\s+/, '')}`, {
      retryable,
      ...(after === undefined ? {} : { retryAfterMs: after }),
      ...(status === undefined ? {} : { status }),
      cause: error,
    });
  }
  if (error instanceof TypeError && error.message === 'terminated') {
    // undici's word for a connection that closed while the body was still coming.
    const reason = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return new ProviderError(`${what}: the connection closed before the whole answer arrived${reason}`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    // Malformed JSON from the server: a broken proxy or an overloaded server; worth one more try.
    return new ProviderError(`${what}: the server sent malformed JSON (${error.message})`, {
      retryable: true,
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Servers may echo the key back (a 401 saying which key was wrong). Strip it from the
 * message, and drop the cause chain when the key is anywhere in it. Keys shorter than
 * 8 characters are placeholders for local servers, not secrets.
 */
export function withoutSecret(error: unknown, apiKey: string): unknown {
  if (!(error instanceof ProviderError) || apiKey.length < 8) return error;
  const message = error.message.split(apiKey).join('[redacted key]');
  const leaks = message !== error.message || inspect(error.cause, { depth: 6 }).includes(apiKey);
  if (!leaks) return error;
  return new ProviderError(message, {
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.status === undefined ? {} : { status: error.status }),
  });
}

import { ProviderError } from '../providers/errors.ts';

export interface RetryPolicy {
  /** Tries after the first one. */
  maxRetries: number;
  /** First backoff step; doubles each try. */
  baseDelayMs: number;
  /** Longest backoff we choose ourselves. */
  maxBackoffMs: number;
  /** Longest wait we accept from a Retry-After header; longer fails at once with a clear message. */
  maxRetryAfterMs: number;
  /** For tests: a deterministic source of jitter and a fake clock. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Delay before retry number `attempt` (1-based). A server's Retry-After wins, even above
 * the SDK's own 60 s cap, up to `maxRetryAfterMs`; otherwise exponential backoff with
 * full jitter, so many clients do not retry in lockstep.
 */
export function retryDelay(error: ProviderError, attempt: number, policy: RetryPolicy): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const random = policy.random ?? Math.random;
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Run `call`, retrying retryable provider errors under `policy`. */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; onRetry?: (event: RetryEvent) => void } = {},
): Promise<T> {
  const wait = policy.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= policy.maxRetries) throw error;
      const delayMs = retryDelay(error, attempt + 1, policy);
      if (delayMs > policy.maxRetryAfterMs) {
        throw new ProviderError(
          `${error.message} — the service asked to wait ${Math.ceil(delayMs / 1000)} s, more than limits.maxRetryDelaySeconds (${Math.ceil(policy.maxRetryAfterMs / 1000)} s). Raise that limit or try later.`,
          { retryable: false, status: error.status, cause: error },
        );
      }
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await wait(delayMs, options.signal);
    }
  }
}

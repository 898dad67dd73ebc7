/**
 * A provider failure in a form the scheduler can act on without knowing the provider:
 * whether trying again may help, and how long the service asked us to wait.
 */
export class ProviderError extends Error {
  readonly retryable: boolean;
  /** The wait the service asked for (Retry-After / retry-after-ms), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; status?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** Budget would be exceeded: stop starting new work. Not retryable. */
export class BudgetExceededError extends Error {
  override name = 'BudgetExceededError';
}

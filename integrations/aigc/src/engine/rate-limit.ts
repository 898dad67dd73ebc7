import { sleep } from './retry.ts';

export interface RateLimitOptions {
  /** 0 = unlimited. */
  requestsPerMinute: number;
  /** 0 = unlimited. */
  tokensPerMinute: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each wait for room, with its length and which limit is full. */
  onWait?: (ms: number, limit: string) => void;
}

const WINDOW_MS = 60_000;

/** Room reserved in the window for one request. */
export interface Room {
  /** Record the request's real token use. */
  adjust(actualTokens: number): void;
  /** The request is being sent now (it may have waited for a slot since room was found). */
  sent(): void;
}

/**
 * Sliding one-minute window of requests and tokens for one provider. `acquire` waits
 * until the request fits; callers report real token use with `record` afterwards.
 */
export class RateLimiter {
  private readonly events: { at: number; tokens: number }[] = [];
  private readonly options: RateLimitOptions;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimitOptions) {
    this.options = options;
  }

  /** Wait for room for one request of about `tokens` tokens; reserves it. */
  acquire(tokens: number, signal?: AbortSignal): Promise<Room> {
    // Serialise acquisitions so waiters are served in order.
    const turn = this.queue.then(() => this.waitForRoom(tokens, signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async waitForRoom(tokens: number, signal?: AbortSignal): Promise<Room> {
    const now = this.options.now ?? Date.now;
    const wait = this.options.sleep ?? sleep;
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.options;
    for (;;) {
      const t = now();
      while (this.events.length > 0 && this.events[0]!.at <= t - WINDOW_MS) this.events.shift();
      const used = this.events.reduce((sum, e) => sum + e.tokens, 0);
      const requestsOk = rpm === 0 || this.events.length < rpm;
      // A single request larger than the whole budget still goes through alone.
      const tokensOk = tpm === 0 || used + tokens <= tpm || this.events.length === 0;
      if (requestsOk && tokensOk) {
        const event = { at: t, tokens };
        this.events.push(event);
        return {
          adjust(actual: number) {
            event.tokens = actual;
          },
          sent() {
            event.at = Math.max(event.at, now());
          },
        };
      }
      const oldest = this.events[0]!;
      const ms = Math.max(1, oldest.at + WINDOW_MS - t);
      this.options.onWait?.(ms, requestsOk ? `${tpm} tokens a minute` : `${rpm} requests a minute`);
      await wait(ms, signal);
    }
  }
}

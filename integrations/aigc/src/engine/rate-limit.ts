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
 * Sliding one-minute window of requests and tokens for one provider and capability.
 * `acquire` waits until the request fits, reserving its estimated tokens; callers correct
 * the reservation with the real use (`Room.adjust`) once the answer says it.
 */
export class RateLimiter {
  private readonly events: { at: number; tokens: number }[] = [];
  private readonly options: RateLimitOptions;
  private queue: Promise<void> = Promise.resolve();
  /** Wakes the waiter when a request's real use frees room before the oldest leaves the window. */
  private freed: () => void = () => {};

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
          adjust: (actual: number) => {
            const less = actual < event.tokens;
            event.tokens = actual;
            if (less) this.freed();
          },
          sent() {
            event.at = Math.max(event.at, now());
          },
        };
      }
      const oldest = this.events[0]!;
      const ms = Math.max(1, oldest.at + WINDOW_MS - t);
      this.options.onWait?.(ms, requestsOk ? `${tpm} tokens a minute` : `${rpm} requests a minute`);
      // An estimate corrected down (most answers use far fewer tokens than reserved) may make
      // room long before the oldest request leaves the window: look again then.
      // The timer is cancelled then, so no sleep outlives the run.
      const woken = new AbortController();
      this.freed = () => woken.abort();
      try {
        await wait(ms, signal ? AbortSignal.any([signal, woken.signal]) : woken.signal);
      } catch (error) {
        if (!woken.signal.aborted || signal?.aborted) throw error;
      } finally {
        this.freed = () => {};
      }
    }
  }
}

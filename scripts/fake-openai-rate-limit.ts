/**
 * Rate limits for the fake OpenAI-compatible server, as the API enforces them: a sliding
 * window of requests and tokens per route (a model's limit), counted when a request arrives;
 * a request that does not fit is answered 429 with `Retry-After` (seconds) and `retry-after-ms`.
 */
import type { ServerResponse } from 'node:http';

export interface RateLimitModes {
  /** Requests a window, per route (0 or unset = unlimited). */
  requestsPerMinute?: number;
  /** Tokens a window, per route, as the answer reports them (0 or unset = unlimited). */
  tokensPerMinute?: number;
  /** Window length in milliseconds (default one minute; tests shorten it with a fast client clock). */
  windowMs?: number;
  now?: () => number;
}

export class ServerRateLimit {
  /** 429s sent, by route. */
  readonly rejected: Record<string, number> = {};
  private readonly windows = new Map<string, { at: number; tokens: number }[]>();
  private readonly modes: RateLimitModes;

  constructor(modes: RateLimitModes) {
    this.modes = modes;
  }

  get totalRejected(): number {
    return Object.values(this.rejected).reduce((sum, n) => sum + n, 0);
  }

  /**
   * Admit a request of `tokens` tokens on `route`, or answer it 429 and return false.
   * An admitted request counts in the window from now.
   */
  admit(route: string, tokens: number, res: ServerResponse): boolean {
    const now = (this.modes.now ?? Date.now)();
    const windowMs = this.modes.windowMs ?? 60_000;
    const rpm = this.modes.requestsPerMinute ?? 0;
    const tpm = this.modes.tokensPerMinute ?? 0;
    const events = this.windows.get(route) ?? [];
    this.windows.set(route, events);
    while (events.length > 0 && events[0]!.at <= now - windowMs) events.shift();
    const used = events.reduce((sum, e) => sum + e.tokens, 0);
    const requestsOk = rpm === 0 || events.length < rpm;
    const tokensOk = tpm === 0 || used + tokens <= tpm;
    if (requestsOk && tokensOk) {
      events.push({ at: now, tokens });
      return true;
    }
    this.rejected[route] = (this.rejected[route] ?? 0) + 1;
    // Room comes back when enough of the oldest requests leave the window.
    let freed = 0;
    let until = now;
    for (const [i, e] of events.entries()) {
      until = e.at + windowMs;
      freed += e.tokens;
      if ((rpm === 0 || events.length - i - 1 < rpm) && (tpm === 0 || used - freed + tokens <= tpm)) break;
    }
    const waitMs = Math.max(1, until - now);
    const limit = requestsOk ? `${tpm} tokens` : `${rpm} requests`;
    res.writeHead(429, {
      'content-type': 'application/json',
      'retry-after': String(Math.ceil(waitMs / 1000)),
      'retry-after-ms': String(waitMs),
      'x-request-id': 'req_fake_rate_limit',
    });
    res.end(
      JSON.stringify({
        error: {
          message: `Rate limit reached for ${route}: limit ${limit} per ${windowMs / 1000} s. Please try again in ${waitMs} ms.`,
          type: 'requests',
          code: 'rate_limit_exceeded',
        },
      }),
    );
    return false;
  }
}

import { describe, expect, it } from 'vitest';
import { retryDelay, withRetries } from '../../integrations/aigc/src/engine/retry.ts';
import { RateLimiter } from '../../integrations/aigc/src/engine/rate-limit.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';

const policy = { maxRetries: 3, baseDelayMs: 500, maxBackoffMs: 8000, maxRetryAfterMs: 300_000 };

describe('withRetries', () => {
  it('honours Retry-After beyond 60 s and retries until success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw new ProviderError('429', { retryable: true, retryAfterMs: 90_000, status: 429 });
        if (calls === 2) throw new ProviderError('500', { retryable: true, status: 500 });
        return 'ok';
      },
      { ...policy, random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits[0]).toBe(90_000);
    // second retry: ceiling 1000 ms, full jitter at 0.5 → 750 ms
    expect(waits[1]).toBe(750);
  });

  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new ProviderError('401', { retryable: false, status: 401 });
        },
        { ...policy, sleep: async () => {} },
      ),
    ).rejects.toThrow('401');
    expect(calls).toBe(1);
  });

  it('gives up after maxRetries with the last error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new ProviderError(`fail ${calls}`, { retryable: true });
        },
        { ...policy, sleep: async () => {} },
      ),
    ).rejects.toThrow('fail 4');
    expect(calls).toBe(4);
  });

  it('refuses a Retry-After longer than the configured maximum, naming the option', async () => {
    await expect(
      withRetries(
        async () => {
          throw new ProviderError('429', { retryable: true, retryAfterMs: 3_600_000 });
        },
        { ...policy, sleep: async () => {} },
      ),
    ).rejects.toThrow(/maxRetryDelaySeconds/);
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling]', () => {
    const error = new ProviderError('x', { retryable: true });
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = Math.min(8000, 500 * 2 ** (attempt - 1));
      expect(retryDelay(error, attempt, { ...policy, random: () => 0 })).toBe(ceiling / 2);
      expect(retryDelay(error, attempt, { ...policy, random: () => 1 })).toBe(ceiling);
    }
  });
});

describe('RateLimiter', () => {
  it('holds the request that would exceed requests per minute until the window moves', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter({
      requestsPerMinute: 2,
      tokensPerMinute: 0,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await limiter.acquire(1);
    clock = 10_000;
    await limiter.acquire(1);
    await limiter.acquire(1);
    expect(waits).toEqual([50_000]);
  });

  it('holds requests over the token budget, counting actual use', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter({
      requestsPerMinute: 0,
      tokensPerMinute: 1000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const first = await limiter.acquire(100);
    first.adjust(900);
    await limiter.acquire(200);
    expect(waits).toEqual([60_000]);
  });
});

describe('waits the log can see', () => {
  it('says what a rate-limit wait is for and how long, and knows the wait while it lasts', async () => {
    const { Meter } = await import('../../integrations/aigc/src/engine/meter.ts');
    const lines: string[] = [];
    const knownDuringWait: number[] = [];
    let clock = 1_000_000;
    let meter: InstanceType<typeof Meter>;
    meter = new Meter({
      policy: {
        ...policy,
        now: () => clock,
        sleep: async (ms) => {
          knownDuringWait.push(meter.knownWaitMs());
          clock += ms;
        },
      },
      requestsPerMinute: 1,
      tokensPerMinute: 0,
      budgetUsd: undefined,
      pricing: {},
      logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error() {}, debug() {} },
    });
    const text = {
      id: 'openai' as const,
      model: 'm',
      generate: async () => ({
        text: 'x',
        finishReason: 'stop' as const,
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'm',
      }),
    };
    const never = () => Promise.reject(new Error('unused'));
    const providers = meter.wrap(
      {
        text,
        image: { id: 'offline', model: 'n', generate: never },
        speech: { id: 'offline', model: 'n', voice: 'v', maxInputChars: 1, synthesize: never },
      },
      { calls: 0, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 },
      new AbortController().signal,
    );
    const request = {
      messages: [{ role: 'user' as const, content: 'hi' }],
      brief: { task: 'translate' as const, text: 'x', from: 'en', to: 'fr' },
    };
    await providers.text.generate(request);
    await providers.text.generate(request);
    expect(lines).toEqual([
      'waiting 60 s for the openai text rate limit (1 requests a minute; limits.text or limits.requestsPerMinute / tokensPerMinute)',
    ]);
    expect(knownDuringWait).toEqual([60_000]);
    expect(meter.knownWaitMs()).toBe(0);
  });

  it('adds known waits to the time left', async () => {
    const { Progress } = await import('../../integrations/aigc/src/engine/progress.ts');
    const lines: string[] = [];
    const totals = { calls: 1, retries: 0, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 };
    const progress = new Progress(
      3,
      { info: (m) => lines.push(m), warn() {}, error() {}, debug() {} },
      totals,
      () => 54_000,
    );
    progress.done({
      path: 'a.md',
      kind: 'article',
      outline: 'o.md',
      state: 'new',
      action: 'generated',
      estimateUsd: 0,
    });
    const left = Number(/~(\d+) s left/.exec(lines[0]!)?.[1]);
    expect(left).toBeGreaterThanOrEqual(54);
  });

  it("tells the rate limiter's listener which limit is full", async () => {
    let clock = 0;
    const waits: [number, string][] = [];
    const limiter = new RateLimiter({
      requestsPerMinute: 0,
      tokensPerMinute: 100,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      onWait: (ms, limit) => waits.push([ms, limit]),
    });
    await limiter.acquire(80);
    await limiter.acquire(80);
    expect(waits).toEqual([[60_000, '100 tokens a minute']]);
  });
});

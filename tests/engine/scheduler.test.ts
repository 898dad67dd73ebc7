import { describe, expect, it } from 'vitest';
import { Meter } from '../../integrations/aigc/src/engine/meter.ts';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { PrioritySemaphore, criticalPath } from '../../integrations/aigc/src/engine/scheduler.ts';
import { RateLimiter } from '../../integrations/aigc/src/engine/rate-limit.ts';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import type { Providers, TextProvider, TextRequest } from '../../integrations/aigc/src/providers/types.ts';
import { makeOutline, options, providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';

describe('PrioritySemaphore', () => {
  it('serves the waiter with the longest chain behind it first, then in arrival order', async () => {
    const slots = new PrioritySemaphore(1);
    const held = await slots.acquire();
    const order: string[] = [];
    const wait = (name: string, priority: number) =>
      slots.acquire(priority).then((release) => (order.push(name), release()));
    const all = Promise.all([wait('leaf', 1), wait('chain', 5), wait('middle', 3), wait('leaf-2', 1)]);
    held();
    await all;
    expect(order).toEqual(['chain', 'middle', 'leaf', 'leaf-2']);
  });
});

describe('criticalPath', () => {
  it('counts the longest chain of dependents below each job', () => {
    const job = (path: string, dependsOn: string[] = []) => ({ path, dependsOn }) as unknown as Job;
    const lengths = criticalPath([
      job('a.md'),
      job('a/narration.mp3', ['a.md']),
      job('a/card.png', ['a.md']),
      job('a/late.vtt', ['a/narration.mp3']),
      job('b.md'),
    ]);
    expect(Object.fromEntries(lengths)).toEqual({
      'a.md': 3,
      'a/narration.mp3': 2,
      'a/card.png': 1,
      'a/late.vtt': 1,
      'b.md': 1,
    });
  });
});

describe('no slot held while waiting', () => {
  it('a job waiting out a Retry-After lets another job call meanwhile (concurrency 1)', async () => {
    const root = await tempRoot();
    const calls: string[] = [];
    let otherCalled: () => void = () => {};
    const other = new Promise<void>((resolve) => (otherCalled = resolve));
    let failedOnce = false;
    const text: TextProvider = {
      id: 'openai',
      model: 'gpt-5.4-mini',
      async generate(request: TextRequest) {
        const slug = request.brief.task === 'article' ? request.brief.outline.slug : '?';
        if (slug === 'first' && !failedOnce) {
          failedOnce = true;
          calls.push('first (429)');
          throw new ProviderError('429 Too Many Requests', { retryable: true, retryAfterMs: 500, status: 429 });
        }
        calls.push(slug);
        if (slug === 'second') otherCalled();
        const sections = request.brief.task === 'article' ? request.brief.outline.sections : [];
        return {
          text: sections.map((s) => `## ${s.heading}\n\nProse.`).join('\n\n'),
          finishReason: 'stop',
          usage: { inputTokens: 10, outputTokens: 10 },
          model: 'gpt-5.4-mini',
        };
      },
    };
    const jobs = planJobs([makeOutline('first', ['One']), makeOutline('second', ['One'])], {
      ...options,
      narration: false,
      covers: false,
    }).filter((j) => j.kind === 'article');
    const base = settingsFor(root, providersWith(text));
    // The Retry-After sleep ends when the other job has made its call: were the slot held
    // through the sleep, that call could not happen first.
    const sleep = (ms: number) => Promise.race([other, new Promise<void>((r) => setTimeout(r, Math.max(ms, 10_000)))]);
    const report = await runJobs(jobs, {
      ...base,
      concurrency: 1,
      meter: { ...base.meter, policy: { ...base.meter.policy, maxRetries: 2, sleep } },
    });
    expect(report.failed).toEqual([]);
    expect(calls).toEqual(['first (429)', 'second', 'first']);
  });
});

describe('rate limits per provider and capability', () => {
  const never = () => Promise.reject(new Error('unused'));
  const meterWith = (rpm: number, clock: { now: number; waits: number[] }) =>
    new Meter({
      policy: {
        maxRetries: 0,
        baseDelayMs: 1,
        maxBackoffMs: 1,
        maxRetryAfterMs: 1,
        now: () => clock.now,
        sleep: async (ms) => void (clock.waits.push(ms), (clock.now += ms)),
      },
      requestsPerMinute: rpm,
      tokensPerMinute: 0,
      budgetUsd: undefined,
      pricing: {},
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    });
  const providers = (): Providers => ({
    text: {
      id: 'openai',
      model: 'm',
      generate: async () => ({
        text: 'x',
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'm',
      }),
    },
    image: {
      id: 'openai',
      model: 'i',
      generate: async () => ({
        data: new Uint8Array([1]),
        mediaType: 'image/png',
        width: 1,
        height: 1,
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'i',
      }),
    },
    speech: { id: 'offline', model: 'n', voice: 'v', maxInputChars: 1, synthesize: never },
  });
  const request = {
    messages: [{ role: 'user' as const, content: 'hi' }],
    brief: { task: 'translate' as const, text: 'x', from: 'en', to: 'fr' },
  };
  const tally = () => ({ calls: 0, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 });

  it('text and image calls of one provider have separate windows', async () => {
    const clock = { now: 1_000_000, waits: [] as number[] };
    const wrapped = meterWith(1, clock).wrap(providers(), tally(), new AbortController().signal);
    await wrapped.text.generate(request);
    await wrapped.image.generate({ prompt: 'p', width: 1, height: 1, title: 't', tags: [], lang: 'en' });
    expect(clock.waits).toEqual([]);
    await wrapped.text.generate(request);
    expect(clock.waits).toEqual([60_000]);
  });

  it("keeps a margin under the server's limit: 10 a minute allows 9 before waiting", async () => {
    const clock = { now: 1_000_000, waits: [] as number[] };
    const wrapped = meterWith(10, clock).wrap(providers(), tally(), new AbortController().signal);
    for (let i = 0; i < 9; i++) await wrapped.text.generate(request);
    expect(clock.waits).toEqual([]);
    await wrapped.text.generate(request);
    expect(clock.waits).toHaveLength(1);
  });
});

describe('a reservation corrected by real use', () => {
  it('wakes the request waiting for tokens at once, not when the window ends', async () => {
    const sleeps: number[] = [];
    // A sleep that only ends when it is cancelled: the window's end never comes in this test.
    const sleep = (ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        sleeps.push(ms);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const limiter = new RateLimiter({ requestsPerMinute: 0, tokensPerMinute: 1000, now: () => 5_000, sleep });
    const first = await limiter.acquire(800);
    let second = false;
    const waiting = limiter.acquire(800).then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    expect(sleeps).toEqual([60_000]);
    // The answer used 150 tokens, not the 800 reserved: 150 + 800 fits under 1000.
    first.adjust(150);
    await waiting;
    expect(second).toBe(true);
  });
});

import { BudgetExceededError } from '../providers/errors.ts';
import type { ImageProvider, PriceTier, Providers, SpeechProvider, TextProvider, Usage } from '../providers/types.ts';
import { costOf, type Pricing } from './cost.ts';
import { RateLimiter } from './rate-limit.ts';
import { withRetries, type RetryPolicy } from './retry.ts';
import type { Logger } from './types.ts';

/** Totals for the whole run, shared by every job. */
export interface RunMeter {
  calls: number;
  retries: number;
  usage: Usage;
  costUsd: number;
}

/** A server's limit for one kind of request; 0 = unlimited. */
export interface RateLimits {
  requestsPerMinute: number;
  tokensPerMinute: number;
}

export interface MeterSettings {
  policy: RetryPolicy;
  /** The server's limits for each capability without its own (per provider). */
  requestsPerMinute: number;
  tokensPerMinute: number;
  /** The server's limits for text, image or speech requests, where they differ (limits.text, …). */
  perCapability?: Partial<Record<'text' | 'image' | 'speech', Partial<RateLimits>>>;
  /** Share of the server's limits the client uses (default {@link RATE_MARGIN}; 1 = right up to them). */
  rateMargin?: number;
  budgetUsd: number | undefined;
  pricing: Pricing;
  logger: Logger;
}

/** Per-job tally, so the lock records each artifact's own usage and cost. */
export interface JobTally {
  calls: number;
  usage: Usage;
  costUsd: number;
}

/**
 * Wraps the run's providers once: one rate limiter per provider id, retries with backoff,
 * a budget checked before every call, and usage counted per run and per job.
 */
export class Meter {
  readonly totals: RunMeter = { calls: 0, retries: 0, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 };
  /** When the longest wait we know of (a rate limit, a Retry-After) ends, as a Date.now() time. */
  private waitsUntil = 0;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly settings: MeterSettings;

  constructor(settings: MeterSettings) {
    this.settings = settings;
  }

  /** Milliseconds of known waiting left (rate limits, Retry-After): the time-left estimate adds it. */
  knownWaitMs(now = (this.settings.policy.now ?? Date.now)()): number {
    return Math.max(0, this.waitsUntil - now);
  }

  private waiting(ms: number, what: string): void {
    this.waitsUntil = Math.max(this.waitsUntil, (this.settings.policy.now ?? Date.now)() + ms);
    this.settings.logger.info(`waiting ${formatSeconds(ms)} for ${what}`);
  }

  /** Would spending `usd` more go over the budget? */
  wouldExceed(usd: number): boolean {
    return this.settings.budgetUsd !== undefined && this.totals.costUsd + usd > this.settings.budgetUsd;
  }

  costOf(model: string, usage: Usage, tier?: PriceTier): number {
    return costOf(model, usage, this.settings.pricing, tier);
  }

  /**
   * Count an answer that arrived without a call of this run (a Batch's result) in the job's
   * tally, at `tier`. The run's totals get it through {@link Meter.settle} once the job is
   * written: a job that stops again (a follow-up batch) uses the same answer next run.
   */
  record(model: string, usage: Usage, tally: JobTally, tier: PriceTier): { usage: Usage; costUsd: number } {
    const costUsd = this.costOf(model, usage, tier);
    add(tally.usage, usage);
    tally.costUsd += costUsd;
    return { usage, costUsd };
  }

  /** Add answers counted by {@link Meter.record} to the run's totals. */
  settle(answers: readonly { usage: Usage; costUsd: number }[]): void {
    for (const answer of answers) {
      add(this.totals.usage, answer.usage);
      this.totals.costUsd += answer.costUsd;
    }
  }

  /**
   * Providers for one job; their calls add to `tally` and to the run's totals. `cacheKey`
   * becomes each text request's `prompt_cache_key` unless the request has its own. `slot`,
   * when given, is taken once the rate limit has room and held only while the request runs.
   */
  wrap(
    providers: Providers,
    tally: JobTally,
    signal: AbortSignal,
    cacheKey?: string,
    slot?: () => Promise<() => void>,
  ): Providers {
    const text: TextProvider = {
      id: providers.text.id,
      model: providers.text.model,
      ...(providers.text.batch ? { batch: providers.text.batch } : {}),
      generate: (request) =>
        this.call(
          providers.text.id,
          'text',
          providers.text.model,
          estimateTextTokens(request.messages, request.maxOutputTokens),
          tally,
          signal,
          slot,
          async () => {
            const result = await providers.text.generate({ ...(cacheKey ? { cacheKey } : {}), ...request, signal });
            return { result, usage: result.usage, ...(result.tier ? { tier: result.tier } : {}) };
          },
        ),
    };
    const image: ImageProvider = {
      id: providers.image.id,
      model: providers.image.model,
      ...(providers.image.batch ? { batch: providers.image.batch } : {}),
      generate: (request) =>
        this.call(
          providers.image.id,
          'image',
          providers.image.model,
          { inputTokens: 100, outputTokens: 4000 },
          tally,
          signal,
          slot,
          async () => {
            const result = await providers.image.generate({ ...request, signal });
            return { result, usage: result.usage };
          },
        ),
    };
    const speech: SpeechProvider = {
      id: providers.speech.id,
      model: providers.speech.model,
      voice: providers.speech.voice,
      maxInputChars: providers.speech.maxInputChars,
      synthesize: (request) =>
        this.call(
          providers.speech.id,
          'speech',
          providers.speech.model,
          { inputTokens: Math.ceil(request.text.length / 4), outputTokens: 0 },
          tally,
          signal,
          slot,
          async () => {
            const result = await providers.speech.synthesize({ ...request, signal });
            return { result, usage: result.usage };
          },
        ),
    };
    return { text, image, speech };
  }

  private async call<T>(
    providerId: string,
    capability: 'text' | 'image' | 'speech',
    model: string,
    estimate: Usage,
    tally: JobTally,
    signal: AbortSignal,
    slot: (() => Promise<() => void>) | undefined,
    attempt: () => Promise<{ result: T; usage: Usage; tier?: PriceTier }>,
  ): Promise<T> {
    // Offline providers are free and local: no limits, no budget.
    if (providerId === 'offline') {
      const { result, usage } = await attempt();
      tally.calls++;
      add(tally.usage, usage);
      return result;
    }
    const estimatedCost = this.costOf(model, estimate);
    const checkBudget = () => {
      if (this.wouldExceed(estimatedCost)) {
        throw new BudgetExceededError(
          `budget of $${this.settings.budgetUsd} reached ($${this.totals.costUsd.toFixed(4)} spent; the next call would cost about $${estimatedCost.toFixed(4)}). Raise --budget or the budget option.`,
        );
      }
    };
    checkBudget();
    const limiter = this.limiter(providerId, capability);
    const { result, usage, tier } = await withRetries(
      async () => {
        const room = await limiter.acquire(estimate.inputTokens + estimate.outputTokens, signal);
        const release = slot ? await slot() : () => {};
        try {
          // Checked again with the slot held: it sees what the requests before it spent.
          checkBudget();
          // Counted in the window from when it is really sent.
          room.sent();
          this.totals.calls++;
          tally.calls++;
          const outcome = await attempt();
          room.adjust(outcome.usage.inputTokens + outcome.usage.outputTokens);
          return outcome;
        } finally {
          release();
        }
      },
      this.settings.policy,
      {
        signal,
        onRetry: ({ attempt: n, delayMs, error }) => {
          this.totals.retries++;
          this.settings.logger.warn(
            `${error.message} — retry ${n}/${this.settings.policy.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`,
          );
          if (error.retryAfterMs !== undefined)
            this.waiting(delayMs, `${providerId}: the service asked to wait (Retry-After) before retry ${n}`);
        },
      },
    );
    const cost = this.costOf(model, usage, tier);
    add(this.totals.usage, usage);
    add(tally.usage, usage);
    this.totals.costUsd += cost;
    tally.costUsd += cost;
    return result;
  }

  /** One window per provider and capability: text, image and speech have separate limits. */
  private limiter(providerId: string, capability: 'text' | 'image' | 'speech'): RateLimiter {
    const id = `${providerId}:${capability}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const own = this.settings.perCapability?.[capability];
      const margin = this.settings.rateMargin ?? RATE_MARGIN;
      limiter = new RateLimiter({
        requestsPerMinute: underServer(own?.requestsPerMinute ?? this.settings.requestsPerMinute, margin),
        tokensPerMinute: underServer(own?.tokensPerMinute ?? this.settings.tokensPerMinute, margin),
        ...(this.settings.policy.sleep ? { sleep: this.settings.policy.sleep } : {}),
        ...(this.settings.policy.now ? { now: this.settings.policy.now } : {}),
        onWait: (ms, limit) =>
          this.waiting(
            ms,
            `the ${providerId} ${capability} rate limit (${limit}; limits.${capability} or limits.requestsPerMinute / tokensPerMinute)`,
          ),
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/**
 * The client's limit, a margin under the server's: a window equal to the server's lands
 * calls on its edge (clock skew, network time) and draws 429s. 0 stays unlimited.
 */
export const RATE_MARGIN = 0.9;
function underServer(limit: number, margin: number): number {
  return limit === 0 ? 0 : Math.max(1, Math.floor(limit * margin));
}

function formatSeconds(ms: number): string {
  return ms >= 10_000 ? `${Math.ceil(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function add(target: Usage, usage: Usage): void {
  target.inputTokens += usage.inputTokens;
  target.outputTokens += usage.outputTokens;
  // Only usage that has cached tokens carries the field, so locks of other runs do not change.
  if (usage.cachedInputTokens) target.cachedInputTokens = (target.cachedInputTokens ?? 0) + usage.cachedInputTokens;
}

/** About four characters a token: enough for limits and estimates. */
function estimateTextTokens(messages: { content: string }[], maxOutputTokens: number | undefined): Usage {
  const input = Math.ceil(messages.reduce((sum, m) => sum + m.content.length, 0) / 4);
  return { inputTokens: input, outputTokens: Math.min(maxOutputTokens ?? 2000, 2000) };
}

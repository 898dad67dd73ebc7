/** Run planned jobs through the real OpenAI providers (real SDK, real HTTP) against a fake server. */
import { runJobs, type RunReport } from '../../integrations/aigc/src/engine/run.ts';
import type { RetryPolicy } from '../../integrations/aigc/src/engine/retry.ts';
import type { Job, Logger } from '../../integrations/aigc/src/engine/types.ts';
import { DEFAULT_PRICING, type AigcOptions } from '../../integrations/aigc/src/options.ts';
import { describeProviders } from '../../integrations/aigc/src/producers.ts';
import { createProviders } from '../../integrations/aigc/src/resolve-providers.ts';

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** The run settings api.ts would make from `options`, with a clock and a logger of the test's. */
export function runOverHttp(
  jobs: Job[],
  root: string,
  options: AigcOptions,
  env: NodeJS.ProcessEnv,
  extra: { clock?: Pick<RetryPolicy, 'now' | 'sleep'>; logger?: Logger } = {},
): Promise<RunReport> {
  return runJobs(jobs, {
    root,
    outputDir: options.output,
    lockPath: options.lock,
    cacheDir: options.cacheDir,
    providers: createProviders(options, env),
    producers: describeProviders(options, env),
    concurrency: options.limits.concurrency,
    meter: {
      policy: {
        maxRetries: options.limits.maxRetries,
        baseDelayMs: 500,
        maxBackoffMs: 30_000,
        maxRetryAfterMs: options.limits.maxRetryDelaySeconds * 1000,
        ...extra.clock,
      },
      requestsPerMinute: options.limits.requestsPerMinute,
      tokensPerMinute: options.limits.tokensPerMinute,
      perCapability: { text: options.limits.text, image: options.limits.image, speech: options.limits.speech },
      budgetUsd: undefined,
      pricing: DEFAULT_PRICING,
    },
    logger: extra.logger ?? quiet,
  });
}

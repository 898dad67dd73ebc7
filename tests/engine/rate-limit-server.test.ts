/**
 * Rate limits against a server that enforces its own: the fake OpenAI-compatible server
 * (real HTTP, real SDK) answers 429 with Retry-After once a route's tokens in its window are
 * spent. The run keeps each capability's window under the limit its option names, corrected
 * by the usage each answer reports, so it draws no 429 at all. A client told a limit above
 * the server's does draw them: the server's window binds.
 *
 * The window is one second for the server, and one "minute" for a client whose clock runs
 * sixty times fast, so the test does not wait out real minutes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { sleep } from '../../integrations/aigc/src/engine/retry.ts';
import { parseOptions, type AigcUserOptions } from '../../integrations/aigc/src/options.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { makeOutline, tempRoot } from '../support/engine-fixtures.ts';
import { runOverHttp } from '../support/openai-run.ts';

const ARTICLES = 'POST /v1/chat/completions';
/** The server's text tokens a window: under half of what the run needs, so it spans several windows. */
const SERVER_TPM = 4000;
const SPEED = 60;

let server: TaskServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock sixty times fast from now on, and a sleep that keeps to it. */
function fastClock() {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * SPEED,
    sleep: (ms: number, signal?: AbortSignal) => sleep(ms / SPEED, signal),
  };
}

async function runArticles(limits: AigcUserOptions['limits'], windowMs = 1000) {
  server = await startTaskServer({ latency: 10, rateLimit: { tokensPerMinute: SERVER_TPM, windowMs } });
  const root = await tempRoot();
  const env = { OPENAI_API_KEY: 'sk-rate-test', OPENAI_BASE_URL: server.baseURL };
  const options = parseOptions({
    narration: false,
    covers: false,
    limits: { concurrency: 8, maxRetries: 6, ...limits },
  });
  const outlines = Array.from({ length: 60 }, (_, i) => makeOutline(`page-${i}`, ['Tower', 'Keeper']));
  const jobs = planJobs(outlines, options, { root, env }).filter((job) => job.kind === 'article');
  const report = await runOverHttp(jobs, root, options, env, { clock: fastClock() });
  return { report, rejected: server.rateLimited[ARTICLES] ?? 0, answered: server.calls[ARTICLES] ?? 0 };
}

describe('tokens per minute, per capability, against a server that enforces them', () => {
  it('a run of 60 articles at a small text TPM draws no 429, and needs several windows', async () => {
    // The shared limit is far above the server's; the text model's own limit is the server's.
    const { report, rejected, answered } = await runArticles({
      requestsPerMinute: 0,
      tokensPerMinute: 1_000_000,
      text: { tokensPerMinute: SERVER_TPM },
    });
    expect(report.failed).toEqual([]);
    expect(rejected).toBe(0);
    expect(answered).toBe(60);
    // The run's real usage is well over one window's worth: the limit did shape it.
    const used = report.usage.inputTokens + report.usage.outputTokens;
    expect(used).toBeGreaterThan(2 * SERVER_TPM);
  });

  it('the same run told a limit above the server’s draws 429s (the server does enforce its window)', async () => {
    // A window of a real minute, so however slowly this machine sends the 60 requests (over two
    // windows' worth of tokens) they land in one window; no retries, so nothing waits it out.
    const { rejected } = await runArticles({ requestsPerMinute: 0, tokensPerMinute: 1_000_000, maxRetries: 0 }, 60_000);
    expect(rejected).toBeGreaterThan(0);
  });
});

/**
 * Prompt caching and service tiers over real HTTP: every text request of a collection's
 * articles carries one stable `prompt_cache_key`; the cached input tokens the server reports
 * are counted and priced at the cached rate in the lock; `text.serviceTier` is sent as
 * `service_tier` and a flex answer costs half.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../integrations/aigc/src/api.ts';
import { costOf } from '../../integrations/aigc/src/engine/cost.ts';
import { DEFAULT_PRICING } from '../../integrations/aigc/src/options.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { batchOptions, batchProject } from '../support/batch-project.ts';

let server: TaskServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

async function generateWith(text: Record<string, unknown>) {
  server = await startTaskServer();
  const root = await batchProject(3);
  const options = { ...batchOptions, limits: { ...batchOptions.limits, concurrency: 1 }, text };
  const result = await generate({
    root,
    options,
    env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-cache-test' },
    logger: quiet,
  });
  expect(result.report.failed).toEqual([]);
  const lock = await readLock(join(root, 'aigc.lock'));
  const articles = Object.entries(lock.artifacts)
    .filter(([, e]) => e.kind === 'article')
    .map(([, e]) => e);
  const chats = server.requests
    .filter((r) => r.route === 'POST /v1/chat/completions')
    .map((r) => r.body as Record<string, unknown>);
  return { result, articles, chats };
}

describe('prompt caching', () => {
  it('sends one stable prompt_cache_key per collection and prompt version, and prices cached input at the cached rate', async () => {
    const { result, articles, chats } = await generateWith({});
    const keys = new Set(
      chats.filter((b) => String(JSON.stringify(b.messages)).includes('## The tower')).map((b) => b.prompt_cache_key),
    );
    expect([...keys]).toEqual([expect.stringMatching(/^aigc:notes:article:/)]);
    expect(chats.every((b) => b.service_tier === undefined)).toBe(true);
    const cached = articles.filter((e) => (e.usage.cachedInputTokens ?? 0) > 0);
    expect(cached.length).toBe(2); // the first page fills the cache, the other two hit it
    for (const entry of articles) {
      const fresh = entry.usage.inputTokens - (entry.usage.cachedInputTokens ?? 0);
      expect(entry.costUsd).toBeCloseTo(
        (fresh * 0.75 + (entry.usage.cachedInputTokens ?? 0) * 0.075 + entry.usage.outputTokens * 4.5) / 1e6,
        6,
      );
    }
    expect(result.report.usage.cachedInputTokens).toBe(cached.reduce((n, e) => n + e.usage.cachedInputTokens!, 0));
  });

  it('passes text.serviceTier through and prices a flex answer at half', async () => {
    const { articles, chats } = await generateWith({ serviceTier: 'flex' });
    expect(chats.length).toBeGreaterThan(0);
    expect(chats.every((b) => b.service_tier === 'flex')).toBe(true);
    for (const entry of articles) {
      const fresh = entry.usage.inputTokens - (entry.usage.cachedInputTokens ?? 0);
      expect(entry.costUsd).toBeCloseTo(
        (fresh * 0.75 + (entry.usage.cachedInputTokens ?? 0) * 0.075 + entry.usage.outputTokens * 4.5) / 2 / 1e6,
        6,
      );
    }
  });
});

describe('costOf', () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 400_000 };
  it('prices each tier from the table', () => {
    expect(costOf('gpt-5.4-mini', usage, DEFAULT_PRICING)).toBeCloseTo(0.6 * 0.75 + 0.4 * 0.075 + 4.5, 9);
    expect(costOf('gpt-5.4-mini', usage, DEFAULT_PRICING, 'batch')).toBeCloseTo(
      (0.6 * 0.75 + 0.4 * 0.075 + 4.5) / 2,
      9,
    );
    expect(costOf('gpt-5.4-mini', usage, DEFAULT_PRICING, 'priority')).toBeCloseTo(0.6 * 1.5 + 0.4 * 0.15 + 9, 9);
    // An override without a cached price charges cached tokens as input.
    expect(costOf('gpt-5.4-mini', usage, { ...DEFAULT_PRICING, 'gpt-5.4-mini': { input: 1, output: 2 } })).toBeCloseTo(
      1 + 2,
      9,
    );
    expect(costOf('unpriced-model', usage, DEFAULT_PRICING)).toBe(0);
  });
});

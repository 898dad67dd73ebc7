/**
 * The model lifecycle check over real HTTP: the fake server's /v1/models/{id} gives models
 * shutdown dates (relative to today), none, or a 404; the real SDK reads them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../integrations/aigc/src/api.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';
import type { BatchModes } from '../../scripts/fake-openai-batches.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { batchOptions, batchProject } from '../support/batch-project.ts';

let server: TaskServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recorder(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warn: (m) => warnings.push(m), error() {}, debug() {} };
}

/** `YYYY-MM-DD`, `days` from today (UTC). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function runWith(modes: BatchModes, logger = recorder(), root?: string) {
  server ??= await startTaskServer({ batches: modes });
  const project = root ?? (await batchProject(1));
  const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-lifecycle-test' };
  const run = generate({ root: project, options: batchOptions, env, logger });
  return { run, root: project, logger, server };
}

const page = 'content/generated/notes/page-0.md';
const lookups = (s: TaskServer) =>
  Object.entries(s.calls)
    .filter(([route]) => route.startsWith('GET /v1/models/'))
    .reduce((n, [, c]) => n + c, 0);

describe('model lifecycle check', () => {
  it('warns about a model that shuts down within 60 days, naming the date and the option, and still runs', async () => {
    const date = inDays(30);
    const { run, root, logger, server: s } = await runWith({ models: { 'gpt-5.4-mini': date } });
    const result = await run;
    expect(result.report.failed).toEqual([]);
    expect(existsSync(join(root, page))).toBe(true);
    const warning = logger.warnings.find((w) => w.includes('gpt-5.4-mini'));
    expect(warning).toContain(date);
    expect(warning).toContain('`text.model`');
    // The image model (no date) is fine; each model was looked up once.
    expect(logger.warnings.filter((w) => w.includes('shuts down'))).toHaveLength(1);
    expect(lookups(s)).toBe(2);

    // Cached for the day: the next run asks nothing, and warns again.
    const again = recorder();
    await (await runWith({}, again, root)).run;
    expect(lookups(s)).toBe(2);
    expect(again.warnings.some((w) => w.includes(date))).toBe(true);
  });

  it('says nothing about a date further off, or a model without one', async () => {
    const { run, logger } = await runWith({ models: { 'gpt-5.4-mini': inDays(200), 'gpt-image-2': null } });
    await run;
    expect(logger.warnings.filter((w) => w.includes('shut'))).toEqual([]);
  });

  it('stops before any work when a model has shut down', async () => {
    const date = inDays(-3);
    const { run, root, server: s } = await runWith({ models: { 'gpt-image-2': date } });
    await expect(run).rejects.toThrow(
      new RegExp(
        `\`image\\.model\` is "gpt-image-2", which shut down on ${date}\\. Set \`image\\.model\` to a current model`,
      ),
    );
    expect(s.calls['POST /v1/chat/completions'] ?? 0).toBe(0);
    expect(s.calls['POST /v1/images/generations'] ?? 0).toBe(0);
    expect(existsSync(join(root, page))).toBe(false);
  });

  it('stops before any work when the service does not know a model id', async () => {
    const { run, server: s } = await runWith({ models: { 'gpt-5.4-mini': 'missing' } });
    await expect(run).rejects.toThrow(/`text\.model` is "gpt-5\.4-mini", which the service does not know/);
    expect(s.calls['POST /v1/chat/completions'] ?? 0).toBe(0);
  });

  it('is fine with a server that has no models endpoint', async () => {
    const { run, root, logger } = await runWith({ noModelsEndpoint: true });
    expect((await run).report.failed).toEqual([]);
    expect(existsSync(join(root, page))).toBe(true);
    expect(logger.warnings.filter((w) => w.includes('shut'))).toEqual([]);
  });
});

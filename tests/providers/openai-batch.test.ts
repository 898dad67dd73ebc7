/**
 * Batch mode over real HTTP: `generate --batch` against the fake server's /v1/files and
 * /v1/batches, with the real SDK. A run is SIGKILLed while the server holds a request (the
 * upload, the batch creation after the batch was made, the download of its results) and
 * resumed: nothing is submitted twice, and everything is collected, checked and written.
 * Batches finish only when the test releases them: no timing in any assertion.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, status } from '../../integrations/aigc/src/api.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';
import type { BatchModes } from '../../scripts/fake-openai-batches.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { batchOptions, batchProject } from '../support/batch-project.ts';

const KEY = 'sk-batch-SECRET-7e1f';
const child = fileURLToPath(new URL('../support/batch-child.ts', import.meta.url));
const CHAT = 'POST /v1/chat/completions';
const IMAGES = 'POST /v1/images/generations';

let server: TaskServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, info: push, warn: push, error: push, debug() {} };
}

async function start(modes: BatchModes = {}): Promise<TaskServer> {
  server = await startTaskServer({ batches: { hold: true, ...modes } });
  return server;
}

function env(s: TaskServer): NodeJS.ProcessEnv {
  return { OPENAI_BASE_URL: s.baseURL, OPENAI_API_KEY: KEY };
}

/** `generate --batch` in this process. */
function run(root: string, s: TaskServer, logger = recorder()) {
  return generate({ root, options: batchOptions, batch: true, env: env(s), logger });
}

/** `generate --batch` in a child process, killed once the server holds the request `hold` waits for. */
async function runKilledAt(root: string, s: TaskServer, hold: Promise<{ release(): void }>): Promise<void> {
  const environment = { ...process.env, ...env(s) };
  for (const key of Object.keys(environment)) if (key.startsWith('VITEST')) delete environment[key];
  const proc = spawn(process.execPath, [child, root], { env: environment, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const held = await Promise.race([
    hold,
    exited.then((code) =>
      Promise.reject(new Error(`the run ended (${code}) before the server held its request:\n${stderr}`)),
    ),
  ]);
  proc.kill('SIGKILL');
  await exited;
  held.release();
}

/** Release the batches and run again until no job waits (follow-up batches: alt text, repairs); at most four rounds. */
async function settle(root: string, s: TaskServer) {
  let result = await run(root, s);
  for (
    let round = 0;
    round < 4 && result.report.outcomes.some((o) => o.action === 'batched' || o.action === 'declined');
    round++
  ) {
    s.batches.release();
    result = await run(root, s);
  }
  return result;
}

const articles = (n: number) => Array.from({ length: n }, (_, i) => `content/generated/notes/page-${i}.md`);

async function generatedFiles(root: string): Promise<string[]> {
  const dir = join(root, 'content/generated/notes');
  return existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.md')).sort() : [];
}

describe('aigc generate --batch', () => {
  it('submits once, returns, and a later run collects, checks and writes at the Batch price', async () => {
    const s = await start();
    const root = await batchProject(3);
    const first = await run(root, s);
    expect(first.report.calls).toBe(0);
    expect(
      first.report.outcomes
        .filter((o) => o.action === 'batched')
        .map((o) => o.path)
        .sort(),
    ).toEqual([...articles(3), 'content/generated/notes/page-0/figure-1.webp'].sort());
    expect(s.calls[CHAT] ?? 0).toBe(0);
    expect(s.calls[IMAGES] ?? 0).toBe(0);
    expect(s.batches.batches.size).toBe(2); // one per endpoint and model: text, images
    const lock = await readLock(join(root, 'aigc.lock'));
    expect(
      Object.values(lock.batches ?? {})
        .map((b) => b.batchId)
        .sort(),
    ).toEqual([...s.batches.batches.keys()].sort());
    // The key never reaches the lock.
    expect(await readFile(join(root, 'aigc.lock'), 'utf8')).not.toContain(KEY);

    // Not finished yet: a second run waits, submitting nothing again.
    const waiting = await run(root, s);
    expect(waiting.report.batches?.map((b) => b.action)).toEqual(['waiting', 'waiting']);
    expect(s.batches.batches.size).toBe(2);
    expect(await generatedFiles(root)).toEqual([]);

    // `status` collects finished batches and says so.
    s.batches.release();
    const seen = await status({ root, options: batchOptions, env: env(s), logger: recorder() });
    expect(seen.report.batches?.map((b) => b.action)).toEqual(['collected', 'collected']);
    expect((await readLock(join(root, 'aigc.lock'))).batches ?? {}).toEqual({});

    // The next run writes what the batches answered; follow-up requests (the figure's alt text) go into a new batch.
    const logger = recorder();
    const collected = await run(root, s, logger);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md', 'page-2.md']);
    expect(s.calls[CHAT] ?? 0).toBe(0);
    const after = await readLock(join(root, 'aigc.lock'));
    for (const path of articles(3)) {
      const entry = after.artifacts[path]!;
      expect(entry.provider).toBe('openai');
      // Half of gpt-5.4-mini's $0.75 in / $4.50 out per million tokens.
      expect(entry.costUsd).toBeCloseTo(
        ((entry.usage.inputTokens - (entry.usage.cachedInputTokens ?? 0)) * 0.75 +
          (entry.usage.cachedInputTokens ?? 0) * 0.075 +
          entry.usage.outputTokens * 4.5) /
          2 /
          1e6,
        6,
      );
    }
    expect(collected.report.failed).toEqual([]);
    // The run's cost is what it wrote: an answer used by a job that waits again (the figure, for its alt text) counts when that job is written.
    const writtenNow = collected.report.outcomes
      .filter((o) => o.action === 'generated')
      .reduce((sum, o) => sum + after.artifacts[o.path]!.costUsd, 0);
    expect(collected.report.outcomes.some((o) => o.action === 'batched')).toBe(true);
    expect(collected.report.costUsd).toBeCloseTo(writtenNow, 5); // each entry is rounded to micro-dollars
    s.batches.release();
    const last = await settle(root, s);
    expect(last.report.failed).toEqual([]);
    expect(last.report.outcomes.every((o) => o.action === 'generated' || o.action === 'reused')).toBe(true);
    expect(s.calls[CHAT] ?? 0).toBe(0);
    expect(s.calls[IMAGES] ?? 0).toBe(0);
    // Every request went into exactly one batch line.
    const lines = [...s.batches.files.values()]
      .filter((f) => f.purpose === 'batch')
      .flatMap((f) =>
        f.content
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).custom_id),
      );
    expect(new Set(lines).size).toBe(lines.length);
    expect(await readdir(join(root, 'node_modules/.aigc/batch'))).toEqual([]);
  });

  it('survives a kill during the upload: nothing reached the service, so it submits once on resume', async () => {
    const s = await start();
    const root = await batchProject(2);
    await runKilledAt(root, s, s.batches.holdNext(/^POST \/v1\/files$/, 'before'));
    const intent = await readLock(join(root, 'aigc.lock'));
    expect(Object.values(intent.batches ?? {}).every((b) => b.batchId === undefined)).toBe(true);
    expect(s.batches.batches.size).toBe(0);

    await run(root, s);
    expect(s.batches.batches.size).toBe(2);
    s.batches.release();
    const done = await settle(root, s);
    expect(done.report.failed).toEqual([]);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md']);
    expect(s.calls[CHAT] ?? 0).toBe(0);
  });

  it('survives a kill after the service made the batch but before its id was recorded: it finds it, never submits it again', async () => {
    const s = await start();
    const root = await batchProject(2);
    await runKilledAt(root, s, s.batches.holdNext(/^POST \/v1\/batches$/, 'after'));
    expect(s.batches.batches.size).toBe(1); // made, but the client never heard
    const intent = await readLock(join(root, 'aigc.lock'));
    expect(Object.values(intent.batches ?? {}).some((b) => b.batchId === undefined)).toBe(true);

    const resumed = await run(root, s);
    const [made] = [...s.batches.batches.keys()];
    expect(Object.values((await readLock(join(root, 'aigc.lock'))).batches ?? {}).map((b) => b.batchId)).toContain(
      made,
    );
    // The batch of the lost answer is adopted; only requests not in it are submitted now.
    const submittedNow = resumed.report.batches?.filter((b) => b.action === 'submitted') ?? [];
    const linesOfMade = s.batches.files
      .get(s.batches.batches.get(made!)!.input_file_id)!
      .content.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).custom_id);
    const linesNow = submittedNow.flatMap((b) =>
      s.batches.files
        .get(s.batches.batches.get(b.batchId!)!.input_file_id)!
        .content.split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).custom_id),
    );
    expect(linesNow.filter((id) => linesOfMade.includes(id))).toEqual([]);

    s.batches.release();
    const done = await settle(root, s);
    expect(done.report.failed).toEqual([]);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md']);
    expect(s.calls[CHAT] ?? 0).toBe(0);
  });

  it('survives a kill while downloading results: the resumed run collects and writes them', async () => {
    const s = await start();
    const root = await batchProject(2);
    await run(root, s);
    const submitted = s.batches.batches.size;
    s.batches.release();
    await runKilledAt(root, s, s.batches.holdNext(/^GET \/v1\/files\/[^/]+\/content$/, 'before'));
    expect(await generatedFiles(root)).toEqual([]);
    const done = await settle(root, s);
    expect(done.report.failed).toEqual([]);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md']);
    expect(s.calls[CHAT] ?? 0).toBe(0);
    // Only the follow-up (alt text) batch was added after the kill.
    expect(s.batches.batches.size).toBeLessThanOrEqual(submitted + 1);
  });

  it('asks directly, saying so, for the lines a partially failed batch did not answer', async () => {
    const s = await start({ failEvery: 2 });
    const root = await batchProject(4);
    await run(root, s);
    s.batches.release();
    const logger = recorder();
    const collected = await run(root, s, logger);
    const failedLines = [...s.batches.batches.values()].reduce((n, b) => n + b.request_counts.failed, 0);
    expect(failedLines).toBeGreaterThan(0);
    expect(
      logger.lines.filter((l) => l.includes('its batch request failed') && l.includes('asking directly')).length,
    ).toBe(failedLines);
    expect((s.calls[CHAT] ?? 0) + (s.calls[IMAGES] ?? 0)).toBe(failedLines);
    expect(collected.report.failed).toEqual([]);
  });

  it.each(['expired', 'failed'] as const)('falls back to direct requests for a batch that %s', async (outcome) => {
    const s = await start({ outcome });
    const root = await batchProject(2);
    await run(root, s);
    s.batches.modes.outcome = 'completed';
    s.batches.release();
    const logger = recorder();
    const collected = await run(root, s, logger);
    expect(collected.report.batches?.filter((b) => b.action === 'collected').map((b) => b.status)).toContain(outcome);
    expect(logger.lines.some((l) => l.includes('asking directly'))).toBe(true);
    expect(collected.report.failed).toEqual([]);
    s.batches.release();
    expect((await settle(root, s)).report.failed).toEqual([]);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md']);
  });

  it('on a server without a Batch API, says so, leaves nothing waiting, and a run without --batch makes everything', async () => {
    const s = await start({ noBatchEndpoint: true });
    const root = await batchProject(2);
    const logger = recorder();
    const first = await run(root, s, logger);
    expect(first.report.batches?.every((b) => b.action === 'unreachable' && /refused/.test(b.message ?? ''))).toBe(
      true,
    );
    expect((await readLock(join(root, 'aigc.lock'))).batches ?? {}).toEqual({});
    const plain = await generate({ root, options: batchOptions, env: env(s), logger: recorder() });
    expect(plain.report.failed).toEqual([]);
    expect(await generatedFiles(root)).toEqual(['page-0.md', 'page-1.md']);
  });
});

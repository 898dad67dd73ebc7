/**
 * runJobs on job lists built by hand (no planJobs, no generator): dependencies, declines,
 * failures, digests, sidecars, checks, producers, kept outputs, dry and frozen runs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLock, serializeLock } from '../../integrations/aigc/src/engine/lock.ts';
import { runJobs, type RunReport } from '../../integrations/aigc/src/engine/run.ts';
import type { Job, JobOutcome } from '../../integrations/aigc/src/engine/types.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';
import { providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';
import { echoText, handJob, modelJob, priced, recordingLogger } from '../support/hand-jobs.ts';

const OUT = 'content/generated';
const A = `${OUT}/a.md`;
const B = `${OUT}/b.md`;
const C = `${OUT}/c.md`;

const read = (root: string, path: string) => readFile(join(root, path), 'utf8');
const exists = (root: string, path: string) =>
  readFile(join(root, path)).then(
    () => true,
    () => false,
  );
const actions = (report: RunReport) => Object.fromEntries(report.outcomes.map((o: JobOutcome) => [o.path, o.action]));
const put = async (root: string, path: string, text: string) => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
};

/** b reads a's bytes and writes them upper-cased. */
const upper = (path: string, from: string, extra: Partial<Job> = {}) =>
  handJob(path, {
    dependsOn: [from],
    make: async (context) => ({
      data: new TextDecoder().decode(await context.readDependency(from)).toUpperCase(),
      provider: 'none',
      model: 'none',
      usage: { inputTokens: 0, outputTokens: 0 },
    }),
    ...extra,
  });

describe('runJobs on hand-built jobs', () => {
  it('runs a chain in order; a dependant reads the current bytes of its input, a hand edit included', async () => {
    const root = await tempRoot();
    const jobs = [handJob(A, { text: 'first\n' }), upper(B, A)];
    const first = await runJobs(jobs, settingsFor(root, providersWith(echoText())));
    expect(actions(first)).toEqual({ [A]: 'generated', [B]: 'generated' });
    expect(await read(root, B)).toBe('FIRST\n');

    const again = await runJobs(jobs, settingsFor(root, providersWith(echoText())));
    expect(actions(again)).toEqual({ [A]: 'reused', [B]: 'reused' });

    // A person edits a: it is kept, and b, which reads it, is redone from the edit.
    await writeFile(join(root, A), 'edited by hand\n');
    const edited = await runJobs(jobs, settingsFor(root, providersWith(echoText())));
    expect(edited.outcomes.map((o) => `${o.state}/${o.action}`)).toEqual(['edited/kept-edit', 'stale/generated']);
    expect(await read(root, A)).toBe('edited by hand\n');
    expect(await read(root, B)).toBe('EDITED BY HAND\n');
  });

  it('a job may read only what it declares: reading anything else fails it, and nothing is written', async () => {
    const root = await tempRoot();
    const sneaky = handJob(B, {
      make: async (context) => ({
        data: await context.readDependency(A),
        provider: 'none',
        model: 'none',
        usage: { inputTokens: 0, outputTokens: 0 },
      }),
    });
    const report = await runJobs([handJob(A), sneaky], settingsFor(root, providersWith(echoText())));
    expect(actions(report)).toEqual({ [A]: 'generated', [B]: 'failed' });
    expect(report.failed.map((o) => o.path)).toEqual([B]);
    expect(report.failed[0]!.error?.message).toBe(`${B} read ${A}, which is not in its dependsOn.`);
    expect(await exists(root, B)).toBe(false);
    expect((await readLock(join(root, 'aigc.lock'))).artifacts[B]).toBeUndefined();
  });

  it('a failed job skips what depends on it, names why, and the rest still runs', async () => {
    const root = await tempRoot();
    const broken = handJob(A, { make: () => Promise.reject(new Error('the drawing library crashed')) });
    const report = await runJobs([broken, upper(B, A), handJob(C)], settingsFor(root, providersWith(echoText())));
    expect(actions(report)).toEqual({ [A]: 'failed', [B]: 'skipped', [C]: 'generated' });
    expect(report.outcomes[0]!.error?.message).toBe('the drawing library crashed');
    expect(report.outcomes[1]!.error?.message).toBe(`not generated: its input ${A} was not generated`);
    expect(report.failed.map((o) => o.path)).toEqual([A, B]);
  });

  it('a job that declines makes nothing, leaves its old output alone, declines its dependants, and is asked again', async () => {
    const root = await tempRoot();
    await put(root, B, 'an older narration\n');
    const declining = (pageText: string) => [
      handJob(A, { text: pageText, inputs: { page: pageText } }),
      handJob(B, {
        dependsOn: [A],
        declines: (deps) =>
          new TextDecoder().decode(deps.get(A)).includes('draft: true') ? 'the page is a draft' : undefined,
      }),
      upper(C, B),
    ];
    const report = await runJobs(declining('draft: true\n'), settingsFor(root, providersWith(echoText())));
    expect(actions(report)).toEqual({ [A]: 'generated', [B]: 'declined', [C]: 'declined' });
    expect(report.outcomes[1]!.error?.message).toBe('the page is a draft');
    expect(report.outcomes[2]!.error?.message).toBe(`not made: its input ${B} was not made (the page is a draft)`);
    expect(report.failed).toEqual([]);
    expect(await read(root, B)).toBe('an older narration\n');

    const published = await runJobs(
      declining('draft: false\n'),
      settingsFor(root, providersWith(echoText()), { force: new Set([B]) }),
    );
    expect(actions(published)).toEqual({ [A]: 'generated', [B]: 'generated', [C]: 'generated' });
    expect(await read(root, C)).toBe(`OUTPUT OF ${B.toUpperCase()}\n`);
  });

  it('a dependant keyed on part of its input is redone only when that part changes', async () => {
    const root = await tempRoot();
    const body = (bytes: Uint8Array) => sha256(new TextDecoder().decode(bytes).split('\n---\n')[1] ?? '');
    const jobs = (page: string) => [
      handJob(A, { text: page, inputs: { page } }),
      upper(B, A, { digestDependency: (_path, bytes) => body(bytes) }),
    ];
    await runJobs(jobs('title: One\n---\nThe body.\n'), settingsFor(root, providersWith(echoText())));
    const retitled = await runJobs(jobs('title: Two\n---\nThe body.\n'), settingsFor(root, providersWith(echoText())));
    expect(actions(retitled)).toEqual({ [A]: 'generated', [B]: 'reused' });
    const rewritten = await runJobs(
      jobs('title: Two\n---\nAnother body.\n'),
      settingsFor(root, providersWith(echoText())),
    );
    expect(actions(rewritten)).toEqual({ [A]: 'generated', [B]: 'generated' });
    expect(await read(root, B)).toBe('TITLE: TWO\n---\nANOTHER BODY.\n');
  });

  it('writes sidecars next to the output and records them, the meta, the producer and the basis in the lock', async () => {
    const root = await tempRoot();
    const audio = handJob(`${OUT}/a/narration.mp3`, {
      make: () => ({
        data: new Uint8Array([1, 2, 3]),
        provider: 'none',
        model: 'none',
        usage: { inputTokens: 0, outputTokens: 0 },
        sidecars: [{ path: `${OUT}/a/narration.vtt`, data: 'WEBVTT\n' }],
        meta: { durationSeconds: 3 },
      }),
    });
    await runJobs([audio], settingsFor(root, providersWith(echoText())));
    expect(await read(root, `${OUT}/a/narration.vtt`)).toBe('WEBVTT\n');
    const entry = (await readLock(join(root, 'aigc.lock'))).artifacts[`${OUT}/a/narration.mp3`]!;
    expect(entry).toMatchObject({
      kind: 'note',
      outline: 'content/outlines/hand.md',
      provider: 'none',
      model: 'none',
      costUsd: 0,
      sidecars: [`${OUT}/a/narration.vtt`],
      meta: { durationSeconds: 3 },
    });
    expect(entry.hash).toBe(sha256(new Uint8Array([1, 2, 3])));
    expect(entry.basis).toEqual({
      version: '1',
      producer: 'none/none',
      inputs: { path: expect.any(String) },
      dependencies: {},
    });
    expect(entry.pending).toBeUndefined();
  });

  it('refuses to write outside the output folder, for the output and for a sidecar', async () => {
    const root = await tempRoot();
    const escaping = handJob('elsewhere/a.md');
    const sidecar = handJob(A, {
      make: () => ({
        data: 'x',
        provider: 'none',
        model: 'none',
        usage: { inputTokens: 0, outputTokens: 0 },
        sidecars: [{ path: `${OUT}/../../evil.txt`, data: 'x' }],
      }),
    });
    const report = await runJobs([escaping, sidecar], settingsFor(root, providersWith(echoText())));
    expect(actions(report)).toEqual({ 'elsewhere/a.md': 'failed', [A]: 'failed' });
    expect(report.outcomes[0]!.error?.message).toBe(`Refusing to write elsewhere/a.md: it is outside ${OUT}/.`);
    expect(await exists(root, 'elsewhere/a.md')).toBe(false);
    expect(await exists(root, 'evil.txt')).toBe(false);
  });

  it('writes model output only as its check returns it, and meters what the call cost', async () => {
    const root = await tempRoot();
    const text = echoText();
    const report = await runJobs([modelJob(A)], priced(settingsFor(root, providersWith(text))));
    expect(actions(report)).toEqual({ [A]: 'generated' });
    expect(await read(root, A)).toBe(`write ${A}\n`);
    expect(report.calls).toBe(1);
    expect(report.usage).toEqual({ inputTokens: 100, outputTokens: 50 });
    // gpt-5.4-mini at the prices the settings pass (TEST_PRICES): 100 × $0.25 + 50 × $2 per million tokens.
    expect(report.costUsd).toBe(0.000125);
    const entry = (await readLock(join(root, 'aigc.lock'))).artifacts[A]!;
    expect(entry).toMatchObject({
      provider: 'openai',
      model: 'gpt-5.4-mini',
      usage: { inputTokens: 100, outputTokens: 50 },
      costUsd: 0.000125,
    });
    expect(entry).not.toHaveProperty('finishReason');
  });

  it('a check that throws fails the job: no file, no lock entry', async () => {
    const root = await tempRoot();
    const refused = modelJob(A, {
      check: { name: 'strict', check: () => Promise.reject(new Error(`${A}:1:1: a heading is missing`)) },
    });
    const report = await runJobs([refused], settingsFor(root, providersWith(echoText())));
    expect(report.outcomes[0]).toMatchObject({
      action: 'failed',
      error: { message: `${A}:1:1: a heading is missing` },
    });
    expect(await exists(root, A)).toBe(false);
    expect((await readLock(join(root, 'aigc.lock'))).artifacts).toEqual({});
  });

  it('the model is part of a model job’s key, not of a deterministic one’s', async () => {
    const root = await tempRoot();
    const jobs = [modelJob(A), handJob(B)];
    await runJobs(jobs, settingsFor(root, providersWith(echoText('gpt-5.4-mini'))));
    const other = echoText('gpt-5.5');
    const report = await runJobs(jobs, settingsFor(root, providersWith(other)));
    expect(report.outcomes.map((o) => `${o.state}/${o.action}`)).toEqual(['stale/generated', 'fresh/reused']);
    expect(report.outcomes[0]!.basis?.producer).toBe('openai/gpt-5.5');
    expect(other.calls).toBe(1);
  });

  it('keeps model output while its provider is unavailable, when the run says so', async () => {
    const root = await tempRoot();
    await runJobs([modelJob(A)], settingsFor(root, providersWith(echoText())));
    const offline = echoText('offline-drafter', 'offline');
    const kept = await runJobs(
      [modelJob(A)],
      settingsFor(root, providersWith(offline), {
        keep: new Map([[A, { provider: 'openai', model: 'gpt-5.4-mini' }]]),
      }),
    );
    expect(kept.outcomes[0]).toMatchObject({ state: 'fresh', action: 'kept-unavailable', estimateUsd: 0 });
    expect(offline.calls).toBe(0);
    const redone = await runJobs([modelJob(A)], settingsFor(root, providersWith(offline)));
    expect(redone.outcomes[0]).toMatchObject({ state: 'stale', action: 'generated' });
    expect((await readLock(join(root, 'aigc.lock'))).artifacts[A]!.provider).toBe('offline');
  });

  it('a dry run writes nothing, not even the lock, and forecasts dependants of what it would redo', async () => {
    const root = await tempRoot();
    // c reads a but keys on none of it, and says so in advance: a's redo does not make it stale.
    const jobs = (version: string) => [
      handJob(A, { version }),
      upper(B, A),
      handJob(C, { dependsOn: [A], digestDependency: () => 'constant', forecastDigest: () => 'constant' }),
    ];
    await runJobs(jobs('1'), settingsFor(root, providersWith(echoText())));
    const lockBefore = await read(root, 'aigc.lock');
    const bBefore = await read(root, B);

    const dry = await runJobs(jobs('2'), settingsFor(root, providersWith(echoText()), { dryRun: true }));
    expect(dry.outcomes.map((o) => `${o.state}/${o.action}`)).toEqual([
      'stale/planned',
      'stale/planned',
      'fresh/reused',
    ]);
    expect(dry.outcomes[1]!.staleThrough).toEqual([A]);
    expect(dry.pending.map((o) => o.path)).toEqual([A, B]);
    expect(await read(root, 'aigc.lock')).toBe(lockBefore);
    expect(await read(root, B)).toBe(bBefore);

    const frozen = runJobs(jobs('2'), settingsFor(root, providersWith(echoText()), { frozen: true }));
    await expect(frozen).rejects.toThrow(
      `--frozen: 2 artifact(s) would need generating:\n  stale  ${A}  (from content/outlines/hand.md)\n  stale  ${B}  (from content/outlines/hand.md)\nRun \`aigc generate\` locally and commit ${OUT}/ and aigc.lock.`,
    );
    expect(await read(root, 'aigc.lock')).toBe(lockBefore);
  });

  it('a frozen run with nothing to make passes and writes nothing', async () => {
    const root = await tempRoot();
    const jobs = [handJob(A), upper(B, A)];
    await runJobs(jobs, settingsFor(root, providersWith(echoText())));
    const lockBefore = await read(root, 'aigc.lock');
    const report = await runJobs(jobs, settingsFor(root, providersWith(echoText()), { frozen: true }));
    expect(report.pending).toEqual([]);
    expect(actions(report)).toEqual({ [A]: 'reused', [B]: 'reused' });
    expect(await read(root, 'aigc.lock')).toBe(lockBefore);
  });

  it('an entry written before the lock kept a basis gets one on its next run', async () => {
    const root = await tempRoot();
    await runJobs([handJob(A)], settingsFor(root, providersWith(echoText())));
    const lockPath = join(root, 'aigc.lock');
    const lock = await readLock(lockPath);
    const { basis, ...old } = lock.artifacts[A]!;
    lock.artifacts[A] = old;
    await writeFile(lockPath, serializeLock(lock));
    const report = await runJobs([handJob(A)], settingsFor(root, providersWith(echoText())));
    expect(report.outcomes[0]!.action).toBe('reused');
    expect((await readLock(lockPath)).artifacts[A]!.basis).toEqual(basis);
  });

  it('--force all redoes every job, fresh or edited', async () => {
    const root = await tempRoot();
    const jobs = [handJob(A), handJob(B)];
    await runJobs(jobs, settingsFor(root, providersWith(echoText())));
    await writeFile(join(root, B), 'a person wrote this\n');
    const report = await runJobs(jobs, settingsFor(root, providersWith(echoText()), { force: 'all' }));
    expect(report.outcomes.map((o) => `${o.state}/${o.action}`)).toEqual(['fresh/generated', 'edited/generated']);
    expect(await read(root, B)).toBe(`output of ${B}\n`);
  });

  it('says what it did with each job, in the log', async () => {
    const root = await tempRoot();
    const logger = recordingLogger();
    const broken = handJob(C, { make: () => Promise.reject(new Error('no luck')) });
    await runJobs([handJob(A), broken], settingsFor(root, providersWith(echoText()), { logger }));
    await writeFile(join(root, A), 'edited\n');
    await runJobs(
      [handJob(A), handJob(B, { declines: () => 'nothing to say' })],
      settingsFor(root, providersWith(echoText()), { logger }),
    );
    expect(logger.lines).toContain(`error ${C}: no luck`);
    expect(logger.lines).toContain(
      `warn edited: ${A} was changed by hand; kept (aigc generate --force ${A} to replace it)`,
    );
    expect(logger.lines).toContain(`info not made: ${B}: nothing to say`);
    // Finished in either order: a and c run side by side.
    expect(
      logger.lines.some(
        (line) => line.startsWith(`info generated ${A} [`) && /\[[12]\/2 · 0 calls · 0 tokens · \$0\.0000/.test(line),
      ),
    ).toBe(true);
  });
});

/** The lock on disk, job states, superseded entries, keys, costs and the checker chokepoint, by hand. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedBy, produceOutput, UncheckedOutputError } from '../../integrations/aigc/src/engine/checks.ts';
import { costOf, roundCost } from '../../integrations/aigc/src/engine/cost.ts';
import { jobKey } from '../../integrations/aigc/src/engine/key.ts';
import { LockError, LockStore, readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { jobState, needsGeneration } from '../../integrations/aigc/src/engine/state.ts';
import { markSuperseded, supersededMessage } from '../../integrations/aigc/src/engine/superseded.ts';
import type { Job, JobContext, LockEntry } from '../../integrations/aigc/src/engine/types.ts';
import { providersWith, tempRoot } from '../support/engine-fixtures.ts';
import { echoText, handJob, modelJob, recordingLogger } from '../support/hand-jobs.ts';

const entry = (over: Partial<LockEntry> = {}): LockEntry => ({
  kind: 'note',
  outline: 'content/outlines/a.md',
  key: 'k1',
  hash: 'h1',
  provider: 'none',
  model: 'none',
  generatedAt: '2026-01-01T00:00:00.000Z',
  usage: { inputTokens: 0, outputTokens: 0 },
  costUsd: 0,
  ...over,
});

describe('readLock', () => {
  it('reads a missing lock as empty', async () => {
    expect(await readLock(join(await tempRoot(), 'aigc.lock'))).toEqual({ version: 1, artifacts: {} });
  });

  it('names the file and the fix for a lock that is not JSON, or not a lock', async () => {
    const root = await tempRoot();
    const path = join(root, 'aigc.lock');
    await writeFile(path, '{"version": 1, "artifacts": {');
    await expect(readLock(path, 'aigc.lock')).rejects.toThrow(
      /^aigc\.lock: not valid JSON \(.+\)\. Restore it from git, or delete it and run `aigc generate --force`\.$/,
    );
    await writeFile(path, '{"version": 2, "artifacts": {}}');
    const error = await readLock(path, 'aigc.lock').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockError);
    expect((error as Error).message).toBe(
      'aigc.lock: unknown lock format (expected {"version": 1, "artifacts": {…}}). Restore it from git.',
    );
    await writeFile(path, '{"version": 1, "artifacts": null}');
    await expect(readLock(path, 'aigc.lock')).rejects.toThrow(/unknown lock format/);
  });

  it('passes on errors other than a missing file', async () => {
    const root = await tempRoot();
    await expect(readLock(root)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('LockStore', () => {
  it('writes changes one at a time: after many unawaited sets and a delete, the file holds them all', async () => {
    const root = await tempRoot();
    const path = join(root, 'aigc.lock');
    const store = new LockStore(path, { version: 1, artifacts: {} });
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.set(`out/${String(i).padStart(2, '0')}.md`, entry({ key: `k${i}` })),
    );
    writes.push(store.delete('out/07.md'));
    await Promise.all(writes);
    const lock = await readLock(path);
    expect(Object.keys(lock.artifacts)).toHaveLength(19);
    expect(lock.artifacts['out/07.md']).toBeUndefined();
    expect(lock.artifacts['out/19.md']!.key).toBe('k19');
    expect(store.get('out/03.md')!.key).toBe('k3');
  });
});

describe('jobState', () => {
  it('tells new, fresh, stale, edited and edited-stale apart, and counts a pending write as ours', () => {
    expect(jobState(undefined, undefined, 'k1')).toBe('new');
    expect(jobState(entry(), undefined, 'k1')).toBe('new');
    expect(jobState(undefined, 'h1', 'k1')).toBe('edited');
    expect(jobState(entry(), 'h1', 'k1')).toBe('fresh');
    expect(jobState(entry(), 'h1', 'k2')).toBe('stale');
    expect(jobState(entry(), 'other', 'k1')).toBe('edited');
    expect(jobState(entry(), 'other', 'k2')).toBe('edited-stale');
    const pending = entry({ pending: { key: 'k2', hash: 'h2' } });
    expect(jobState(pending, 'h2', 'k2')).toBe('fresh');
    expect(jobState(pending, 'h2', 'k3')).toBe('stale');
    expect(jobState(pending, 'h1', 'k1')).toBe('fresh');
    expect(['new', 'fresh', 'stale', 'edited', 'edited-stale'].filter((s) => needsGeneration(s as never))).toEqual([
      'new',
      'stale',
    ]);
  });
});

describe('markSuperseded', () => {
  it('marks what the plan no longer makes of its outlines, names its replacement, and unmarks what it makes again', async () => {
    const root = await tempRoot();
    const path = join(root, 'aigc.lock');
    const store = new LockStore(path, { version: 1, artifacts: {} });
    await store.set('out/a/cover.svg', entry({ kind: 'cover' }));
    await store.set('out/a/old-figure.svg', entry({ kind: 'figure' }));
    await store.set('out/a/narration.mp3', entry({ kind: 'narration', sidecars: ['out/a/narration.vtt'] }));
    await store.set('out/a/narration.vtt', entry({ kind: 'narration' }));
    await store.set('out/b.md', entry({ outline: 'content/outlines/b.md' }));
    const jobs = [
      handJob('out/a/cover.webp', { kind: 'cover', outline: 'content/outlines/a.md' }),
      handJob('out/a/narration.mp3', { kind: 'narration', outline: 'content/outlines/a.md' }),
    ];
    const superseded = await markSuperseded(root, 'aigc.lock', jobs);
    expect(superseded).toEqual([
      { path: 'out/a/cover.svg', by: 'out/a/cover.webp' },
      { path: 'out/a/old-figure.svg', by: null },
    ]);
    const lock = await readLock(path);
    expect(lock.artifacts['out/a/cover.svg']!.supersededBy).toBe('out/a/cover.webp');
    expect(lock.artifacts['out/a/old-figure.svg']!.supersededBy).toBeNull();
    expect(lock.artifacts['out/a/narration.vtt']!.supersededBy).toBeUndefined();
    expect(lock.artifacts['out/b.md']!.supersededBy).toBeUndefined();

    // Planned again (back offline): the mark goes.
    await markSuperseded(root, 'aigc.lock', [
      handJob('out/a/cover.svg', { kind: 'cover', outline: 'content/outlines/a.md' }),
    ]);
    expect((await readLock(path)).artifacts['out/a/cover.svg']!.supersededBy).toBeUndefined();
  });

  it('writes nothing when nothing changes', async () => {
    const root = await tempRoot();
    const path = join(root, 'aigc.lock');
    const store = new LockStore(path, { version: 1, artifacts: {} });
    await store.set('out/a.md', entry());
    await store.flush();
    const before = await readFile(path, 'utf8');
    await writeFile(path, before.replace('\n}\n', '\n}\n\n'));
    expect(
      await markSuperseded(root, 'aigc.lock', [handJob('out/a.md', { outline: 'content/outlines/a.md' })]),
    ).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe(`${before}\n`);
  });

  it('says which files are no longer shown, five at most', () => {
    expect(supersededMessage([])).toBeUndefined();
    const many = Array.from({ length: 7 }, (_, i) => ({ path: `out/${i}.svg`, by: i === 0 ? 'out/0.webp' : null }));
    expect(supersededMessage(many)).toBe(
      '7 superseded file(s) are no longer shown on pages: out/0.svg (replaced by out/0.webp), out/1.svg (no longer planned), out/2.svg (no longer planned), out/3.svg (no longer planned), out/4.svg (no longer planned), and 2 more. Run `aigc clean` to remove them (files edited by hand are kept).',
    );
  });
});

describe('jobKey', () => {
  it('changes with what decides the output, and only with that', () => {
    const job = handJob('out/a.md', { inputs: { title: 'A', tags: ['x'] } });
    const producer = { provider: 'none', model: 'none' };
    const key = jobKey(job, producer, { dep: 'd1' });
    expect(
      jobKey({ ...job, run: handJob('out/other.md').run, estimate: { inputTokens: 9, outputTokens: 9 } }, producer, {
        dep: 'd1',
      }),
    ).toBe(key);
    expect(jobKey({ ...job, inputs: { tags: ['x'], title: 'A' } }, producer, { dep: 'd1' })).toBe(key);
    expect(jobKey({ ...job, version: '2' }, producer, { dep: 'd1' })).not.toBe(key);
    expect(jobKey({ ...job, kind: 'other' }, producer, { dep: 'd1' })).not.toBe(key);
    expect(jobKey({ ...job, inputs: { title: 'B', tags: ['x'] } }, producer, { dep: 'd1' })).not.toBe(key);
    expect(jobKey(job, { provider: 'openai', model: 'm' }, { dep: 'd1' })).not.toBe(key);
    expect(jobKey(job, producer, { dep: 'd2' })).not.toBe(key);
  });
});

describe('cost', () => {
  it('prices usage at the prices passed in; unpriced models cost nothing', () => {
    const pricing = { m: { input: 1, output: 10 } };
    expect(costOf('m', { inputTokens: 1_000_000, outputTokens: 100_000 }, pricing)).toBe(2);
    expect(costOf('gpt-5.4-mini', { inputTokens: 1_000_000, outputTokens: 0 }, pricing)).toBe(0);
    expect(roundCost(0.1 + 0.2)).toBe(0.3);
    expect(roundCost(0.000_000_4)).toBe(0);
  });
});

describe('produceOutput', () => {
  const context = (): JobContext => ({
    providers: providersWith(echoText()),
    readDependency: () => Promise.resolve(new Uint8Array()),
    root: '/nowhere',
    cacheDir: '/nowhere/.cache',
    signal: new AbortController().signal,
    logger: recordingLogger(),
  });

  it('refuses a model job that declares no check, before running it', async () => {
    let ran = false;
    const { check: _dropped, ...model } = modelJob('out/a.md');
    const unchecked: Job = {
      ...model,
      run: async () => (
        (ran = true), { data: '', provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } }
      ),
    };
    await expect(produceOutput(unchecked, context())).rejects.toThrow(UncheckedOutputError);
    await expect(produceOutput(unchecked, context())).rejects.toThrow(
      'out/a.md (note) calls the text model but declares no `check`: its output is not written.',
    );
    expect(ran).toBe(false);
  });

  it('names the checker that passed an output, and drops the finish reason', async () => {
    const checked = await produceOutput(modelJob('out/a.md'), context());
    expect(checkedBy(checked)).toBe('trim');
    expect(checked.data).toBe('write out/a.md\n');
    expect(checked).not.toHaveProperty('finishReason');
    expect(checkedBy(await produceOutput(handJob('out/b.md'), context()))).toBe('deterministic');
  });
});

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { FrozenError, runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { readLock, serializeLock } from '../../integrations/aigc/src/engine/lock.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import {
  countingText,
  makeOutline,
  options,
  providersWith,
  settingsFor,
  tempRoot,
} from '../support/engine-fixtures.ts';

const articleJobs = (outlines: ReturnType<typeof makeOutline>[]) =>
  planJobs(outlines, { ...options, narration: false, covers: false }).filter((j) => j.kind === 'article');

describe('runJobs and the lock', () => {
  it('generates once, then a second run makes zero calls', async () => {
    const root = await tempRoot();
    const text = countingText();
    const jobs = articleJobs([makeOutline('a', ['One', 'Two']), makeOutline('b', ['Three'])]);
    const first = await runJobs(jobs, settingsFor(root, providersWith(text)));
    expect(first.outcomes.map((o) => o.action)).toEqual(['generated', 'generated']);
    expect(text.calls).toHaveLength(2);
    const second = await runJobs(jobs, settingsFor(root, providersWith(text)));
    expect(second.outcomes.map((o) => o.action)).toEqual(['reused', 'reused']);
    expect(text.calls).toHaveLength(2);
    expect(second.calls).toBe(0);
    const lock = await readLock(join(root, 'aigc.lock'));
    const entry = lock.artifacts['content/generated/articles/a.md']!;
    expect(entry.hash).toBe(sha256(await readFile(join(root, 'content/generated/articles/a.md'))));
    expect(entry.usage).toEqual({ inputTokens: 1000, outputTokens: 1000 });
    expect(entry.costUsd).toBeGreaterThan(0);
    expect(entry.pending).toBeUndefined();
  });

  it('editing one outline regenerates exactly its jobs', async () => {
    const root = await tempRoot();
    const text = countingText();
    await runJobs(
      articleJobs([makeOutline('a', ['One']), makeOutline('b', ['Two'])]),
      settingsFor(root, providersWith(text)),
    );
    const report = await runJobs(
      articleJobs([makeOutline('a', ['One', 'Added']), makeOutline('b', ['Two'])]),
      settingsFor(root, providersWith(text)),
    );
    expect(Object.fromEntries(report.outcomes.map((o) => [o.path, `${o.state}/${o.action}`]))).toEqual({
      'content/generated/articles/a.md': 'stale/generated',
      'content/generated/articles/b.md': 'fresh/reused',
    });
    expect(text.calls).toHaveLength(3);
  });

  it('removes the sidecars a job no longer writes (a renamed reference page), keeping the rest', async () => {
    const root = await tempRoot();
    const job = (version: string, names: string[]): Job => ({
      path: 'content/generated/docs/api/sidebar.json',
      kind: 'reference',
      capability: 'none',
      outline: 'content/outlines/docs/api.md',
      dependsOn: [],
      inputs: { names },
      version,
      estimate: { inputTokens: 0, outputTokens: 0 },
      run: async () => ({
        data: '{}',
        provider: 'none',
        model: 'none',
        usage: { inputTokens: 0, outputTokens: 0 },
        sidecars: names.map((n) => ({ path: `content/generated/docs/api/${n}.md`, data: `# ${n}\n` })),
      }),
    });
    await runJobs([job('1', ['default', 'clean'])], settingsFor(root, providersWith(countingText())));
    await runJobs([job('2', ['aigc', 'clean'])], settingsFor(root, providersWith(countingText())));
    expect((await readdir(join(root, 'content/generated/docs/api'))).sort()).toEqual([
      'aigc.md',
      'clean.md',
      'sidebar.json',
    ]);
  });

  it('changing only tags does not regenerate the article', async () => {
    const root = await tempRoot();
    const text = countingText();
    await runJobs(articleJobs([makeOutline('a', ['One'])]), settingsFor(root, providersWith(text)));
    const report = await runJobs(
      articleJobs([makeOutline('a', ['One'], { tags: ['new-tag'] })]),
      settingsFor(root, providersWith(text)),
    );
    expect(report.outcomes[0]!.action).toBe('reused');
    expect(text.calls).toHaveLength(1);
  });

  it('keeps a hand-edited file, reports it edited (and edited-stale), and --force replaces it', async () => {
    const root = await tempRoot();
    const text = countingText();
    const file = join(root, 'content/generated/articles/a.md');
    await runJobs(articleJobs([makeOutline('a', ['One'])]), settingsFor(root, providersWith(text)));
    const edited = `${await readFile(file, 'utf8')}\nA sentence a person added.\n`;
    await writeFile(file, edited);
    const same = await runJobs(articleJobs([makeOutline('a', ['One'])]), settingsFor(root, providersWith(text)));
    expect(same.outcomes[0]).toMatchObject({ state: 'edited', action: 'kept-edit' });
    const changed = await runJobs(
      articleJobs([makeOutline('a', ['One', 'Two'])]),
      settingsFor(root, providersWith(text)),
    );
    expect(changed.outcomes[0]).toMatchObject({ state: 'edited-stale', action: 'kept-edit' });
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect(text.calls).toHaveLength(1);
    const forced = await runJobs(
      articleJobs([makeOutline('a', ['One', 'Two'])]),
      settingsFor(root, providersWith(text), { force: new Set(['content/generated/articles/a.md']) }),
    );
    expect(forced.outcomes[0]!.action).toBe('generated');
    expect(await readFile(file, 'utf8')).not.toContain('A sentence a person added.');
  });

  it('--frozen fails with the list of what is missing, and calls nothing', async () => {
    const root = await tempRoot();
    const text = countingText();
    await runJobs(articleJobs([makeOutline('a', ['One'])]), settingsFor(root, providersWith(text)));
    const jobs = articleJobs([makeOutline('a', ['One']), makeOutline('b', ['Two']), makeOutline('c', ['Three'])]);
    const run = runJobs(jobs, settingsFor(root, providersWith(text), { frozen: true }));
    await expect(run).rejects.toBeInstanceOf(FrozenError);
    await expect(runJobs(jobs, settingsFor(root, providersWith(text), { frozen: true }))).rejects.toThrow(
      /2 artifact\(s\) would need generating:\n\s+new\s+content\/generated\/articles\/b\.md[\s\S]*content\/generated\/articles\/c\.md/,
    );
    expect(text.calls).toHaveLength(1);
  });

  it('the budget stops new calls before it is exceeded', async () => {
    const root = await tempRoot();
    const text = countingText();
    const jobs = articleJobs(['a', 'b', 'c', 'd', 'e'].map((s) => makeOutline(s, ['One'])));
    // gpt-5.4-mini ($0.75 in, $4.50 out): each call costs $0.00525 (1000 in + 1000 out); a call is
    // estimated at ≈ $0.0092 before it is made, so $0.016 allows two calls and stops the third before it starts.
    const report = await runJobs(
      jobs,
      settingsFor(root, providersWith(text), {
        concurrency: 1,
        meter: { ...settingsFor(root, providersWith(text)).meter, budgetUsd: 0.016 },
      }),
    );
    const generated = report.outcomes.filter((o) => o.action === 'generated');
    const skipped = report.outcomes.filter((o) => o.action === 'skipped');
    expect(generated.length).toBe(2);
    expect(skipped.length).toBe(3);
    expect(text.calls).toHaveLength(2);
    expect(report.costUsd).toBeLessThanOrEqual(0.016);
    expect(skipped[0]!.error?.message).toMatch(/budget/);
  });

  it('dry run reports states and an estimated cost without calling', async () => {
    const root = await tempRoot();
    const text = countingText();
    const report = await runJobs(
      articleJobs([makeOutline('a', ['One'])]),
      settingsFor(root, providersWith(text), { dryRun: true }),
    );
    expect(report.pending).toHaveLength(1);
    expect(report.estimatedUsd).toBeGreaterThan(0);
    expect(text.calls).toHaveLength(0);
    expect(await readdir(root)).not.toContain('content');
  });

  it('finishes an interrupted write: a pending hash that matches the file counts as ours', async () => {
    const root = await tempRoot();
    const text = countingText();
    const jobs = articleJobs([makeOutline('a', ['One'])]);
    await runJobs(jobs, settingsFor(root, providersWith(text)));
    const lockPath = join(root, 'aigc.lock');
    const lock = await readLock(lockPath);
    const entry = lock.artifacts['content/generated/articles/a.md']!;
    // As if killed after the file moved in but before the lock was finalised.
    lock.artifacts['content/generated/articles/a.md'] = {
      ...entry,
      hash: 'old',
      key: 'old',
      pending: { key: entry.key, hash: entry.hash },
    };
    await writeFile(lockPath, serializeLock(lock));
    const report = await runJobs(jobs, settingsFor(root, providersWith(text)));
    expect(report.outcomes[0]!.action).toBe('reused');
    expect(text.calls).toHaveLength(1);
    const healed = (await readLock(lockPath)).artifacts['content/generated/articles/a.md']!;
    expect(healed.pending).toBeUndefined();
    expect(healed.hash).toBe(entry.hash);
  });

  it('writes the lock deterministically: sorted paths and keys, one block per artifact', async () => {
    const text = serializeLock({
      version: 1,
      artifacts: {
        'b.md': {
          kind: 'article',
          outline: 'o',
          key: 'k',
          hash: 'h',
          provider: 'offline',
          model: 'm',
          generatedAt: 't',
          usage: { outputTokens: 2, inputTokens: 1 },
          costUsd: 0,
        },
        'a.md': {
          kind: 'article',
          outline: 'o',
          key: 'k',
          hash: 'h',
          provider: 'offline',
          model: 'm',
          generatedAt: 't',
          usage: { inputTokens: 1, outputTokens: 2 },
          costUsd: 0,
        },
      },
    });
    expect(text.indexOf('"a.md"')).toBeLessThan(text.indexOf('"b.md"'));
    expect(text).toContain('"usage": {\n        "inputTokens": 1,\n        "outputTokens": 2\n      }');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('a lock with merge conflict markers gets an error with the line and what to do', async () => {
    const root = await tempRoot();
    await writeFile(join(root, 'aigc.lock'), '{\n<<<<<<< HEAD\n"x": 1\n=======\n"y": 2\n>>>>>>> other\n}\n');
    await expect(readLock(join(root, 'aigc.lock'), 'aigc.lock')).rejects.toThrow(
      /aigc\.lock:2:1: the lock has a merge conflict/,
    );
  });
});

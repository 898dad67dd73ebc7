/**
 * The engine's invariants on a job list, on lists built by hand (not by planJobs): what a
 * planner bug or a new generator could hand the engine. Each must stop the run before any
 * job starts, with one error naming the jobs, instead of crashing mid-run.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { produceOutput, UncheckedOutputError } from '../../integrations/aigc/src/engine/checks.ts';
import { JobGraphError } from '../../integrations/aigc/src/engine/job-graph.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import type { Job, JobContext } from '../../integrations/aigc/src/engine/types.ts';
import { countingText, providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';

let ran: string[] = [];

/** A deterministic job (no model): writes its name. */
function job(path: string, dependsOn: string[] = [], extra: Partial<Job> = {}): Job {
  return {
    path: `content/generated/${path}`,
    kind: 'article',
    capability: 'none',
    outline: 'content/outlines/x.md',
    dependsOn: dependsOn.map((d) => `content/generated/${d}`),
    inputs: { path },
    version: '1',
    estimate: { inputTokens: 0, outputTokens: 0 },
    run: async () => {
      ran.push(path);
      return { data: `${path}\n`, provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } };
    },
    ...extra,
  };
}

async function runFails(jobs: Job[]): Promise<JobGraphError> {
  ran = [];
  const root = await tempRoot();
  const error = await runJobs(jobs, settingsFor(root, providersWith(countingText()))).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobGraphError);
  expect(ran).toEqual([]); // nothing started
  expect(await readdir(root)).not.toContain('content'); // nothing written
  return error as JobGraphError;
}

describe('job list invariants', () => {
  it('runs a well-ordered list', async () => {
    ran = [];
    const report = await runJobs(
      [job('a.md'), job('b.md', ['a.md'])],
      settingsFor(await tempRoot(), providersWith(countingText())),
    );
    expect(report.outcomes.map((o) => o.action)).toEqual(['generated', 'generated']);
    expect(ran).toEqual(['a.md', 'b.md']);
  });

  it('rejects a job listed before the job it reads (the old `outcomes.get(dep)!` crash)', async () => {
    const error = await runFails([job('b.md', ['a.md']), job('a.md')]);
    expect(error.problems).toEqual([
      'content/generated/b.md (#1) depends on content/generated/a.md (#2), which is listed after it: list a job after what it reads.',
    ]);
  });

  it('rejects an unknown dependency, naming both paths', async () => {
    const error = await runFails([job('a.md', ['missing.md'])]);
    expect(error.message).toContain(
      'content/generated/a.md depends on content/generated/missing.md, which no job produces.',
    );
  });

  it('rejects cycles, naming every job around them', async () => {
    const error = await runFails([job('a.md', ['c.md']), job('b.md', ['a.md']), job('c.md', ['b.md'])]);
    expect(error.problems).toContain(
      'dependency cycle: content/generated/a.md → content/generated/c.md → content/generated/b.md → content/generated/a.md.',
    );
    const self = await runFails([job('a.md', ['a.md'])]);
    expect(self.problems).toEqual(['content/generated/a.md depends on itself.']);
  });

  it('rejects two jobs writing one file', async () => {
    const error = await runFails([job('a.md'), job('a.md')]);
    expect(error.problems[0]).toMatch(/two jobs write content\/generated\/a\.md \(#1 and #2\)/);
  });

  it('reports every problem at once', async () => {
    const error = await runFails([
      job('b.md', ['a.md']),
      job('a.md', ['nowhere.md']),
      job('c.md', [], { capability: 'text' }),
    ]);
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/3 problems/);
  });

  it('refuses a model job that declares no checker, before running anything', async () => {
    const error = await runFails([job('a.md', [], { capability: 'text' })]);
    expect(error.problems).toEqual([
      'content/generated/a.md (article) calls the text model but declares no `check`: the engine writes no unchecked model output.',
    ]);
  });
});

describe('the chokepoint', () => {
  const context = {} as JobContext;

  it('never returns the output of a model job without a checker', async () => {
    await expect(produceOutput(job('a.md', [], { capability: 'image' }), context)).rejects.toThrow(
      UncheckedOutputError,
    );
  });

  it('passes a model job through its checker, and cleans the model id a server reported', async () => {
    const hostile = job('a.md', [], {
      capability: 'text',
      run: async () => ({
        data: '<script>x</script>',
        provider: 'openai',
        model: 'gpt"><script>alert(1)</script>',
        usage: { inputTokens: 0, outputTokens: 0 },
      }),
      check: { name: 'test', check: async (draft) => ({ ...draft, data: String(draft.data).replace(/<[^>]*>/g, '') }) },
    });
    const output = await produceOutput(hostile, context);
    expect(output.data).toBe('x');
    expect(output.model).toBe('gptscriptalert1/script');
  });
});

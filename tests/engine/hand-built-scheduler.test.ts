/** The scheduler on hand-built jobs: how many run at once, what waits for what, what the budget stops. */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../integrations/aigc/src/engine/retry.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';
import { echoText, handJob, modelJob, priced } from '../support/hand-jobs.ts';

const OUT = 'content/generated';
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the scheduler', () => {
  it('runs at most `concurrency` jobs at once, and as many as that when it can', async () => {
    const root = await tempRoot();
    let active = 0;
    let most = 0;
    let finished = 0;
    const total = 6;
    const jobs = Array.from({ length: total }, (_, i) =>
      handJob(`${OUT}/${i}.md`, {
        make: async () => {
          active++;
          most = Math.max(most, active);
          // Hold the slot until two jobs share the run (or the last ones are left), then give
          // a scheduler that let more in every chance to show it, before letting go.
          while (active < 2 && finished + active < total) await turns(1);
          await turns(50);
          active--;
          finished++;
          return { data: `${i}\n`, provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } };
        },
      }),
    );
    const report = await runJobs(jobs, settingsFor(root, providersWith(echoText()), { concurrency: 2 }));
    expect(report.outcomes.every((o) => o.action === 'generated')).toBe(true);
    expect(most).toBe(2);
  });

  it('starts a job only once every job it depends on has finished', async () => {
    const root = await tempRoot();
    const events: string[] = [];
    const step = (path: string, dependsOn: string[] = [], waitFor?: string) =>
      handJob(`${OUT}/${path}`, {
        dependsOn: dependsOn.map((d) => `${OUT}/${d}`),
        make: async () => {
          events.push(`start ${path}`);
          // a holds on until b has started: free jobs run side by side, or this never ends.
          while (waitFor && !events.includes(`start ${waitFor}`)) await turns(1);
          await turns(20);
          events.push(`end ${path}`);
          return { data: path, provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } };
        },
      });
    await runJobs(
      [step('a', [], 'b'), step('b'), step('c', ['a', 'b']), step('d', ['c'])],
      settingsFor(root, providersWith(echoText()), { concurrency: 4 }),
    );
    const at = (event: string) => events.indexOf(event);
    expect(at('start c')).toBeGreaterThan(Math.max(at('end a'), at('end b')));
    expect(at('start d')).toBeGreaterThan(at('end c'));
    // a and b depend on nothing: they run side by side.
    expect(at('start b')).toBeLessThan(at('end a'));
  });

  it('a budget too small for one call skips the model jobs without calling, and says why', async () => {
    const root = await tempRoot();
    const text = echoText();
    const settings = settingsFor(root, providersWith(text), { concurrency: 1 });
    const report = await runJobs([modelJob(`${OUT}/a.md`), modelJob(`${OUT}/b.md`)], priced(settings, 0.000_001));
    expect(report.outcomes.map((o) => o.action)).toEqual(['skipped', 'skipped']);
    expect(text.calls).toBe(0);
    expect(report.outcomes[0]!.error?.message).toMatch(
      /^not generated: the budget would be exceeded \(estimated \$0\.0002\)\.$/,
    );
    expect(report.failed).toHaveLength(2);
  });

  it('a budget reached inside a call stops that job and every later one', async () => {
    const root = await tempRoot();
    const text = echoText();
    const settings = settingsFor(root, providersWith(text), { concurrency: 1 });
    // Enough for the job's own estimate ($0.000225), not for the call's (2,000 output tokens ≈ $0.004).
    const report = await runJobs([modelJob(`${OUT}/a.md`), modelJob(`${OUT}/b.md`)], priced(settings, 0.001));
    expect(report.outcomes.map((o) => o.action)).toEqual(['skipped', 'skipped']);
    // Whichever takes the slot first is stopped by the meter; the other by the run, after it.
    const messages = report.outcomes.map((o) => o.error?.message).sort();
    expect(messages[0]).toMatch(
      /^budget of \$0\.001 reached \(\$0\.0000 spent; the next call would cost about \$0\.00\d+\)\. Raise --budget or the budget option\.$/,
    );
    expect(messages[1]).toBe('not generated: the budget would be exceeded (estimated $0.0002).');
    expect(text.calls).toBe(0);
  });
});

describe('sleep (the waits of retries and rate limits)', () => {
  it('ends, and ends early with the reason when the run is aborted, before or during the wait', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    await expect(sleep(60_000, before.signal)).rejects.toThrow('stopped before');
    const during = new AbortController();
    const waiting = sleep(60_000, during.signal);
    during.abort(new Error('stopped during'));
    await expect(waiting).rejects.toThrow('stopped during');
    const finished = new AbortController();
    await sleep(1, finished.signal);
    finished.abort(new Error('too late'));
  });
});

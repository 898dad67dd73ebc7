import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';
import {
  countingText,
  makeOutline,
  options,
  providersWith,
  settingsFor,
  tempRoot,
} from '../support/engine-fixtures.ts';

const child = fileURLToPath(new URL('../support/engine-child.ts', import.meta.url));
const COUNT = 12;

async function finishedPaths(root: string): Promise<string[]> {
  if (!existsSync(join(root, 'aigc.lock'))) return [];
  try {
    const lock = await readLock(join(root, 'aigc.lock'));
    return Object.entries(lock.artifacts)
      .filter(([, e]) => !e.pending)
      .map(([p]) => p);
  } catch {
    return [];
  }
}

describe('a run killed with SIGKILL', () => {
  it('resumes without repeating a finished job and leaves no half-written file', async () => {
    const root = await tempRoot();
    const proc = spawn(process.execPath, [child, root, String(COUNT), '150'], { stdio: 'inherit' });
    // Kill it once some, but not all, pages are finished.
    for (let i = 0; i < 2400; i++) {
      if ((await finishedPaths(root)).length >= 3) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    const finishedBefore = await finishedPaths(root);
    expect(finishedBefore.length).toBeGreaterThanOrEqual(3);
    expect(finishedBefore.length).toBeLessThan(COUNT);

    // Every file that exists is complete: it is one the lock recorded (or pending), never a torn write.
    const lockBefore = await readLock(join(root, 'aigc.lock'));
    const dir = join(root, 'content/generated/articles');
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.md'))) {
      const entry = lockBefore.artifacts[`content/generated/articles/${name}`];
      const hash = sha256(await readFile(join(dir, name)));
      expect([entry?.hash, entry?.pending?.hash]).toContain(hash);
    }

    const text = countingText();
    const outlines = Array.from({ length: COUNT }, (_, i) => makeOutline(`page-${i}`, ['One', 'Two']));
    const jobs = planJobs(outlines, { ...options, narration: false, covers: false }).filter(
      (j) => j.kind === 'article',
    );
    const report = await runJobs(jobs, settingsFor(root, providersWith(text)));
    const called = text.calls.map((c) =>
      c.brief.task === 'article' ? `content/generated/articles/${c.brief.outline.slug}.md` : '',
    );
    for (const path of finishedBefore) expect(called).not.toContain(path);
    expect(called.length).toBe(COUNT - report.outcomes.filter((o) => o.action === 'reused').length);
    expect(report.outcomes.every((o) => o.action === 'reused' || o.action === 'generated')).toBe(true);
    // No temp file survives the resumed run.
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

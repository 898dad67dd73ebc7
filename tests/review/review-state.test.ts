/**
 * Human review in the lock: `review()` records who read which bytes; the record survives
 * reuse, and a hand edit or a regeneration drops the page back to unreviewed, saying why.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { isReviewed, pageReviews, review, ReviewError } from '../../integrations/aigc/src/review.ts';
import {
  countingText,
  makeOutline,
  options,
  providersWith,
  settingsFor,
  tempRoot,
} from '../support/engine-fixtures.ts';

const page = 'content/generated/articles/a.md';
const articleJobs = (sections: string[]) =>
  planJobs([makeOutline('a', sections)], { ...options, narration: false, covers: false }).filter(
    (j) => j.kind === 'article',
  );
const at = new Date('2026-12-01T10:00:00Z');

async function generated() {
  const root = await tempRoot();
  const text = countingText();
  await runJobs(articleJobs(['One']), settingsFor(root, providersWith(text)));
  return { root, text };
}

async function standing(root: string) {
  const pages = await pageReviews(root, await readLock(join(root, 'aigc.lock')));
  return pages.find((p) => p.path === page)!;
}

describe('aigc review', () => {
  it('records the reviewer, the date and the hash of the file they read', async () => {
    const { root } = await generated();
    expect((await standing(root)).summary).toBe('unreviewed');
    const [reviewed] = await review({ root, options, paths: [page], by: 'Ada Lovelace', at });
    expect(reviewed!.summary).toBe('reviewed by Ada Lovelace on 2026-12-01');
    const entry = (await readLock(join(root, 'aigc.lock'))).artifacts[page]!;
    expect(entry.review).toEqual({ by: 'Ada Lovelace', at: at.toISOString(), hash: entry.hash });
  });

  it('survives a run that reuses the page', async () => {
    const { root, text } = await generated();
    await review({ root, options, paths: [page], by: 'Ada', at });
    const report = await runJobs(articleJobs(['One']), settingsFor(root, providersWith(text)));
    expect(report.outcomes[0]!.action).toBe('reused');
    expect(isReviewed(await standing(root))).toBe(true);
  });

  it('drops on a hand edit, and says so', async () => {
    const { root } = await generated();
    await review({ root, options, paths: [page], by: 'Ada', at });
    await writeFile(join(root, page), `${await readFile(join(root, page), 'utf8')}\nA sentence nobody reviewed.\n`);
    const now = await standing(root);
    expect(isReviewed(now)).toBe(false);
    expect(now.summary).toBe('unreviewed: edited since Ada reviewed it on 2026-12-01');
  });

  it('drops on regeneration, and says so', async () => {
    const { root, text } = await generated();
    await review({ root, options, paths: [page], by: 'Ada', at });
    const report = await runJobs(articleJobs(['One', 'Two']), settingsFor(root, providersWith(text)));
    expect(report.outcomes[0]!.action).toBe('generated');
    const now = await standing(root);
    expect(isReviewed(now)).toBe(false);
    expect(now.summary).toBe('unreviewed: regenerated since Ada reviewed it on 2026-12-01');
  });

  it('a review of the edited page holds, and reviewing by outline path covers its pages', async () => {
    const { root } = await generated();
    await writeFile(join(root, page), `${await readFile(join(root, page), 'utf8')}\nAn editor's fix.\n`);
    const reviewed = await review({ root, options, paths: ['content/outlines/articles/a.md'], by: 'Grace', at });
    expect(reviewed.map((p) => p.path)).toEqual([page]);
    expect(isReviewed(await standing(root))).toBe(true);
  });

  it('`reviewed: true` in the frontmatter stays a manual override', async () => {
    const { root } = await generated();
    const file = join(root, page);
    await writeFile(file, (await readFile(file, 'utf8')).replace('reviewed: false', 'reviewed: true'));
    const now = await standing(root);
    expect(now.standing.state).toBe('unreviewed');
    expect(isReviewed(now)).toBe(true);
  });

  it('refuses an unknown path and a missing reviewer, naming the fix', async () => {
    const { root } = await generated();
    await expect(review({ root, options, paths: ['content/generated/articles/nope.md'], by: 'Ada' })).rejects.toThrow(
      /not a generated page or an outline.*aigc status/,
    );
    await expect(review({ root, options, paths: [page], by: '  ' })).rejects.toThrow(ReviewError);
    await expect(review({ root, options, paths: [page], by: '  ' })).rejects.toThrow(/--by/);
  });
});

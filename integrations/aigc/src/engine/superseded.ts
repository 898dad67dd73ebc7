import { resolve } from 'node:path';
import { LockStore, readLock } from './lock.ts';
import type { Job } from './types.ts';

/** A lock entry the current plan no longer makes, and what replaced it. */
export interface Superseded {
  path: string;
  /** The current job's output in its place (a `.webp` cover for an old `.svg` one), if any. */
  by: string | null;
}

/**
 * Mark in the lock which entries of the planned outlines the current plan no longer makes
 * (a cover drawn as `.svg` offline, then as `.webp` by a model), and unmark those it makes
 * again. Pages take their assets from entries that are not superseded, so they show what
 * the current plan made, whatever the lock's order; `aigc clean` removes the files.
 * Entries of outlines outside the plan (a parse error, `--only`) are left alone.
 */
export async function markSuperseded(root: string, lockPath: string, jobs: readonly Job[]): Promise<Superseded[]> {
  const lock = new LockStore(resolve(root, lockPath), await readLock(resolve(root, lockPath), lockPath));
  const planned = new Set(jobs.map((job) => job.path));
  for (const job of jobs) for (const sidecar of lock.get(job.path)?.sidecars ?? []) planned.add(sidecar);
  const outlines = new Set(jobs.map((job) => job.outline));
  const stem = (path: string) => path.replace(/\.[^./]+$/, '');
  const superseded: Superseded[] = [];
  let changed = false;
  for (const [path, entry] of Object.entries(lock.lock.artifacts)) {
    if (planned.has(path)) {
      if (entry.supersededBy !== undefined) {
        delete entry.supersededBy;
        changed = true;
      }
      continue;
    }
    if (!outlines.has(entry.outline)) continue;
    const by =
      jobs.find((job) => job.outline === entry.outline && job.kind === entry.kind && stem(job.path) === stem(path))
        ?.path ?? null;
    superseded.push({ path, by });
    if (entry.supersededBy !== by) {
      entry.supersededBy = by;
      changed = true;
    }
  }
  if (changed) await lock.flush();
  return superseded.sort((a, b) => a.path.localeCompare(b.path));
}

/** One line for the build log naming the superseded files, or nothing. */
export function supersededMessage(superseded: readonly Superseded[]): string | undefined {
  if (superseded.length === 0) return undefined;
  const shown = superseded
    .slice(0, 5)
    .map((s) => (s.by ? `${s.path} (replaced by ${s.by})` : `${s.path} (no longer planned)`));
  const more = superseded.length > shown.length ? `, and ${superseded.length - shown.length} more` : '';
  return `${superseded.length} superseded file(s) are no longer shown on pages: ${shown.join(', ')}${more}. Run \`aigc clean\` to remove them (files edited by hand are kept).`;
}

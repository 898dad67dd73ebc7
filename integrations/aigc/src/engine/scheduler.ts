/**
 * Slots for the run: a pool for network requests and a pool for CPU work, each serving the
 * waiter with the longest chain of work behind it first (the critical path), so a slow chain
 * (article → narration) starts early and leaf jobs fill the gaps.
 */
import { availableParallelism } from 'node:os';
import type { Job } from './types.ts';

/** A counting semaphore whose waiters are served highest priority first (then in arrival order). */
export class PrioritySemaphore {
  private available: number;
  private readonly waiters: { priority: number; order: number; wake: () => void }[] = [];
  private arrivals = 0;

  constructor(size: number) {
    this.available = Math.max(1, size);
  }

  async acquire(priority = 0): Promise<() => void> {
    if (this.available > 0) this.available--;
    else {
      await new Promise<void>((wake) => {
        const waiter = { priority, order: this.arrivals++, wake };
        // Insert in order: few waiters, and this keeps `release` O(1).
        let at = this.waiters.findIndex((w) => w.priority < priority);
        if (at === -1) at = this.waiters.length;
        this.waiters.splice(at, 0, waiter);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.wake();
      else this.available++;
    };
  }
}

/** CPU slots: one per core the process may use (cards, audio encoding, Graphviz, TypeDoc). */
export function cpuPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Each job's priority: how many jobs lie on the longest chain from it through its dependents
 * (1 for a job nothing depends on). Jobs are in dependency order (assertRunnableJobs).
 */
export function criticalPath(jobs: readonly Job[]): Map<string, number> {
  const dependents = new Map<string, string[]>();
  for (const job of jobs)
    for (const dep of job.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), job.path]);
  const length = new Map<string, number>();
  for (let i = jobs.length - 1; i >= 0; i--) {
    const job = jobs[i]!;
    const below = (dependents.get(job.path) ?? []).map((path) => length.get(path) ?? 1);
    length.set(job.path, 1 + Math.max(0, ...below));
  }
  return length;
}

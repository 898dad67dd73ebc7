/**
 * What the engine holds every job list to before it runs anything: each output written by
 * one job, each dependency produced by a job listed before its reader (so no cycle can
 * exist), and every job that calls a model declares the checker its output passes.
 * Planners keep these by construction; hand-built lists and new generators are held to them
 * here, with one error naming every offending job.
 */
import type { Job } from './types.ts';

export class JobGraphError extends Error {
  override name = 'JobGraphError';
  /** One line per problem, each naming the jobs involved. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `The job list cannot run (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Each job must come after the jobs it reads, with no cycles, and a job that calls a model must declare a `check`. This is a bug in the planner that produced the list.',
    );
    this.problems = problems;
  }
}

/** Throw a JobGraphError listing every problem of the job list; return when it can run. */
export function assertRunnableJobs(jobs: readonly Job[]): void {
  const problems: string[] = [];
  const index = new Map<string, number>();
  jobs.forEach((job, i) => {
    if (index.has(job.path))
      problems.push(
        `two jobs write ${job.path} (#${index.get(job.path)! + 1} and #${i + 1}); outlines must not produce the same file twice.`,
      );
    else index.set(job.path, i);
  });

  jobs.forEach((job, i) => {
    for (const dep of job.dependsOn) {
      const at = index.get(dep);
      if (dep === job.path) problems.push(`${job.path} depends on itself.`);
      else if (at === undefined) problems.push(`${job.path} depends on ${dep}, which no job produces.`);
      else if (at > i)
        problems.push(
          `${job.path} (#${i + 1}) depends on ${dep} (#${at + 1}), which is listed after it: list a job after what it reads.`,
        );
    }
    if (job.capability !== 'none' && !job.check) {
      problems.push(
        `${job.path} (${job.kind}) calls the ${job.capability} model but declares no \`check\`: the engine writes no unchecked model output.`,
      );
    }
  });

  for (const cycle of findCycles(jobs, index)) problems.push(`dependency cycle: ${cycle.join(' → ')}.`);
  if (problems.length > 0) throw new JobGraphError(problems);
}

/** Each cycle once, as the paths around it (first path repeated at the end). */
function findCycles(jobs: readonly Job[], index: ReadonlyMap<string, number>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (path: string): void => {
    state.set(path, 'open');
    stack.push(path);
    for (const dep of jobs[index.get(path)!]!.dependsOn) {
      if (dep === path || !index.has(dep)) continue; // reported above
      const seen = state.get(dep);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (seen === undefined) visit(dep);
    }
    stack.pop();
    state.set(path, 'done');
  };
  for (const job of jobs) if (!state.has(job.path) && index.get(job.path) !== undefined) visit(job.path);
  return cycles;
}

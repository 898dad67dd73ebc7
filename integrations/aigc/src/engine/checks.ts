/**
 * The chokepoint: a job's output reaches the disk only as `CheckedOutput`, and only
 * `produceOutput` makes one — by running the job, then the checker it declares. A job that
 * calls a model and declares no checker is refused; deterministic jobs (`capability: 'none'`)
 * are written as made, or through their checker when they declare one. Code outside this
 * module cannot name the brand, so it cannot make a `CheckedOutput` without a cast.
 */
import { modelId } from '../utils/model-id.ts';
import type { Job, JobContext, JobResult } from './types.ts';

const checked: unique symbol = Symbol('checked by');

/** A job's output after its checker: the only thing the engine's write path accepts. */
export type CheckedOutput = Omit<JobResult, 'finishReason'> & { readonly [checked]: string };

export class UncheckedOutputError extends Error {
  override name = 'UncheckedOutputError';
}

/** Run a job and pass its draft through its checker: what the engine (and a test) writes. */
export async function produceOutput(job: Job, context: JobContext): Promise<CheckedOutput> {
  if (job.capability !== 'none' && !job.check) {
    throw new UncheckedOutputError(
      `${job.path} (${job.kind}) calls the ${job.capability} model but declares no \`check\`: its output is not written.`,
    );
  }
  const draft = await job.run(context);
  const result = job.check ? await job.check.check(draft, context) : draft;
  const { finishReason: _dropped, ...output } = result;
  return { ...output, model: modelId(output.model), [checked]: job.check?.name ?? 'deterministic' };
}

/** Which checker passed an output (`deterministic` for jobs that call no model). */
export function checkedBy(output: CheckedOutput): string {
  return output[checked];
}

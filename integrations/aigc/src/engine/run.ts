import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BudgetExceededError } from '../providers/errors.ts';
import type { Providers, Usage } from '../providers/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../utils/atomic-write.ts';
import { sha256 } from '../utils/hash.ts';
import { resolveInside } from '../utils/paths.ts';
import { roundCost } from './cost.ts';
import { produceOutput } from './checks.ts';
import { assertRunnableJobs } from './job-graph.ts';
import { jobKey } from './key.ts';
import { LockStore, readLock } from './lock.ts';
import { Meter, type JobTally, type MeterSettings } from './meter.ts';
import { Progress } from './progress.ts';
import { jobState, needsGeneration } from './state.ts';
import type { Job, JobOutcome, Logger } from './types.ts';
import { keyBasis } from './basis.ts';
import { promptCacheKey } from './prompt-cache-key.ts';
import { BatchDeferred, describeBatch, type BatchSession, type BatchSummary } from './batch.ts';
import { PrioritySemaphore, cpuPoolSize, criticalPath } from './scheduler.ts';
import { readFile } from '../utils/read-ledger.ts';

export interface RunSettings {
  root: string;
  /** Folder every job output must stay inside (project-relative). */
  outputDir: string;
  /** Lock file path (project-relative). */
  lockPath: string;
  cacheDir: string;
  providers: Providers;
  /** Provider and model deciding each capability (part of job keys). */
  producers: Record<'text' | 'image' | 'speech', { provider: string; model: string }>;
  concurrency: number;
  meter: Omit<MeterSettings, 'logger'>;
  logger: Logger;
  /** Fail if anything needs generating. */
  frozen?: boolean;
  /** Plan only: report states and estimated cost, call nothing. */
  dryRun?: boolean;
  /** Project-relative paths (or `all`) to regenerate even if fresh or edited. */
  force?: ReadonlySet<string> | 'all';
  /**
   * Model-made outputs to keep while their provider is unavailable (no key): path → the
   * provider and model their key was made with. Such a job, fresh under that producer, is
   * kept instead of being redone by the fallback (see keep.ts).
   */
  keep?: ReadonlyMap<string, { provider: string; model: string }>;
  signal?: AbortSignal;
  /** Batch mode, or Batches in flight to collect and wait for (engine/batch.ts). */
  batch?: BatchSession;
}

export type { JobOutcome } from './types.ts';

/** One run of the jobs: what happened to each, and what it cost. */
export interface RunReport {
  /** One per job, in plan order: its state before the run and what the run did. */
  outcomes: JobOutcome[];
  /** Provider requests made, retries included. */
  calls: number;
  retries: number;
  usage: Usage;
  /** Measured cost in US dollars. */
  costUsd: number;
  /** Estimated cost of the jobs that would need generating (dry runs, status). */
  estimatedUsd: number;
  /** Jobs that would need generating (frozen runs fail on these). */
  pending: JobOutcome[];
  failed: JobOutcome[];
  /** Batches collected, waiting or submitted by this run (batch mode). */
  batches?: BatchSummary[];
}

export class FrozenError extends Error {
  override name = 'FrozenError';
}

/**
 * Run the jobs graph: each job waits for its dependencies, computes its key from its inputs
 * and their current bytes, and is reused, kept (edited by a person) or regenerated. Each
 * finished job is written at once, atomically, and recorded in the lock.
 */
export async function runJobs(jobs: Job[], settings: RunSettings): Promise<RunReport> {
  // Unknown, misordered or cyclic dependencies and unchecked model jobs stop the run here.
  assertRunnableJobs(jobs);
  const byPath = new Map(jobs.map((job) => [job.path, job]));

  const lockFile = resolve(settings.root, settings.lockPath);
  // Opening compacts what a killed run journalled (engine/lock-journal.ts).
  const lock =
    settings.dryRun || settings.frozen
      ? new LockStore(lockFile, await readLock(lockFile, settings.lockPath))
      : await LockStore.open(lockFile, settings.lockPath);
  const meter = new Meter({ ...settings.meter, logger: settings.logger });
  const signal = settings.signal ?? new AbortController().signal;
  const cacheDir = resolve(settings.root, settings.cacheDir);
  await mkdir(cacheDir, { recursive: true });
  if (!settings.dryRun) await removeStaleTempFiles(resolve(settings.root, settings.outputDir));
  const progress = new Progress(jobs.length, settings.logger, meter.totals, () => meter.knownWaitMs());
  // Jobs that call a provider wait for a request slot only around each request (in the
  // meter), never through rate-limit waits, retries or their own CPU work; this cap only
  // bounds how many are in flight. Jobs that call nothing share a pool sized to the cores.
  const requests = new PrioritySemaphore(settings.concurrency);
  const networkJobs = new PrioritySemaphore(settings.concurrency * 4);
  const cpuJobs = new PrioritySemaphore(cpuPoolSize());
  const priority = criticalPath(jobs);
  const outcomes = new Map<string, Promise<JobOutcome>>();
  let budgetStop = false;
  // Finished Batches are collected first, so their jobs run on this pass (status collects too).
  const batches = settings.batch && !settings.frozen ? await settings.batch.collect(lock) : [];
  for (const summary of batches) settings.logger.info(describeBatch(summary));

  const readOutput = async (path: string): Promise<Uint8Array | undefined> => {
    try {
      return await readFile(resolve(settings.root, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  const forced = (path: string) => settings.force === 'all' || (settings.force?.has(path) ?? false);

  const process = async (job: Job): Promise<JobOutcome> => {
    const known = { path: job.path, kind: job.kind, outline: job.outline };
    // Every dependency is listed (and so started) before this job: assertRunnableJobs.
    const deps = await Promise.all(job.dependsOn.map((dep) => outcomes.get(dep)!));
    const failedDep = deps.find((d) => d.action === 'failed' || d.action === 'skipped');
    const producer =
      job.capability === 'none' ? { provider: 'none', model: 'none' } : settings.producers[job.capability];
    const estimateUsd = meter.costOf(producer.model, job.estimate);
    if (failedDep) {
      return finish({
        ...known,
        state: 'new',
        action: 'skipped',
        estimateUsd,
        error: new Error(`not generated: its input ${failedDep.path} was not generated`),
      });
    }

    const batchedDep = deps.find((d) => d.action === 'batched');
    if (batchedDep) {
      return finish({
        ...known,
        state: 'new',
        action: 'declined',
        estimateUsd,
        error: new Error(`waits for its input ${batchedDep.path}, which is in a batch`),
      });
    }

    const declinedDep = deps.find((d) => d.action === 'declined');
    if (declinedDep) {
      return finish({
        ...known,
        state: 'new',
        action: 'declined',
        estimateUsd,
        error: new Error(
          `not made: its input ${declinedDep.path} was not made (${declinedDep.error?.message ?? 'declined'})`,
        ),
      });
    }

    const digests: Record<string, string> = {};
    const inputs = new Map<string, Uint8Array>();
    for (const dep of job.dependsOn) {
      const bytes = await readOutput(dep);
      if (bytes) inputs.set(dep, bytes);
      // In a dry run a new dependency has no bytes yet; its dependants are new too.
      digests[dep] = bytes ? (job.digestDependency?.(dep, bytes) ?? sha256(bytes)) : 'missing';
    }
    // Decided before any key or call, so a dry run and a frozen check see it too.
    const reason = job.declines?.(inputs);
    if (reason) return finish({ ...known, state: 'new', action: 'declined', estimateUsd, error: new Error(reason) });
    const current = await readOutput(job.path);
    const entry = lock.get(job.path);
    const hashNow = current ? sha256(current) : undefined;
    // A dry run reads dependencies as they are now; one that will be regenerated first makes
    // this job stale too (narration follows its article), so forecasts count it.
    const regenerated =
      settings.dryRun || settings.frozen ? deps.filter((d) => d.action === 'planned' && needsGeneration(d.state)) : [];
    const staleThrough = regenerated
      .filter((d) => {
        const made = byPath.get(d.path)!;
        const predicted = job.forecastDigest?.(
          d.path,
          made.capability === 'none' ? { provider: 'none', model: 'none' } : settings.producers[made.capability],
        );
        return predicted === undefined || predicted !== digests[d.path];
      })
      .map((d) => d.path);
    // A model-made output whose provider is unavailable is judged by the producer that made it.
    const keptBy = settings.keep?.get(job.path);
    if (
      keptBy &&
      staleThrough.length === 0 &&
      !forced(job.path) &&
      jobState(entry, hashNow, jobKey(job, keptBy, digests)) === 'fresh'
    ) {
      return finish({
        ...known,
        basis: keyBasis(job, keptBy, digests),
        state: 'fresh',
        action: 'kept-unavailable',
        estimateUsd: 0,
      });
    }
    const key = jobKey(job, producer, digests);
    const basis = keyBasis(job, producer, digests);
    let state = jobState(entry, hashNow, key);
    if (staleThrough.length > 0) state = state === 'fresh' ? 'stale' : state === 'edited' ? 'edited-stale' : state;
    // From here on every outcome says what its key is made of (for `aigc diff`).
    const base = { ...known, basis, ...(staleThrough.length > 0 ? { staleThrough } : {}) };

    if (!forced(job.path)) {
      if (state === 'fresh') {
        // Finish an interrupted write: the file made it, the lock entry did not.
        if (
          entry?.pending &&
          current &&
          sha256(current) === entry.pending.hash &&
          !settings.dryRun &&
          !settings.frozen
        ) {
          const { pending, ...rest } = entry;
          await lock.set(job.path, { ...rest, key: pending.key, hash: pending.hash, basis });
        } else if (entry && !entry.basis && !settings.dryRun && !settings.frozen) {
          // Entries written before the lock kept the basis get it on their next run.
          await lock.set(job.path, { ...entry, basis });
        }
        return finish({ ...base, state, action: 'reused', estimateUsd });
      }
      if (state === 'edited' || state === 'edited-stale')
        return finish({ ...base, state, action: 'kept-edit', estimateUsd });
    }
    if (settings.frozen || settings.dryRun) return finish({ ...base, state, action: 'planned', estimateUsd });
    // Offline producers are local CPU work too.
    const pool = job.capability === 'none' || producer.provider === 'offline' ? cpuJobs : networkJobs;
    const release = await pool.acquire(priority.get(job.path));
    try {
      // Checked once a slot is free (and again before each request, in the meter).
      if (
        budgetStop ||
        (job.capability !== 'none' && producer.provider !== 'offline' && meter.wouldExceed(estimateUsd))
      ) {
        budgetStop = true;
        return finish({
          ...base,
          state,
          action: 'skipped',
          estimateUsd,
          error: new BudgetExceededError(
            `not generated: the budget would be exceeded (estimated $${estimateUsd.toFixed(4)}).`,
          ),
        });
      }
      const tally: JobTally = { calls: 0, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 };
      // Run, then the job's checker: only checked output is written (engine/checks.ts).
      const cacheKey = promptCacheKey(job);
      const metered = meter.wrap(settings.providers, tally, signal, cacheKey, () =>
        requests.acquire(priority.get(job.path)),
      );
      const answered: { usage: Usage; costUsd: number }[] = [];
      const result = await produceOutput(job, {
        providers: settings.batch
          ? settings.batch.wrap(metered, job.path, cacheKey, (model, usage, tier) =>
              answered.push(meter.record(model, usage, tally, tier)),
            )
          : metered,
        readDependency: async (path) => {
          if (!job.dependsOn.includes(path))
            throw new Error(`${job.path} read ${path}, which is not in its dependsOn.`);
          return (await readOutput(path)) ?? new Uint8Array();
        },
        root: settings.root,
        cacheDir,
        signal,
        logger: settings.logger,
      });
      const data = typeof result.data === 'string' ? Buffer.from(result.data, 'utf8') : result.data;
      const hash = sha256(data);
      const target = resolveInside(settings.root, settings.outputDir, job.path);
      const sidecars = result.sidecars ?? [];
      for (const sidecar of sidecars)
        await writeFileAtomic(resolveInside(settings.root, settings.outputDir, sidecar.path), sidecar.data);
      // A sidecar the last run wrote and this one does not (a reference page renamed) would be
      // published as a stale page: remove it.
      const written = new Set(sidecars.map((s) => s.path));
      for (const old of entry?.sidecars ?? [])
        if (!written.has(old)) await rm(resolveInside(settings.root, settings.outputDir, old), { force: true });
      // Record the new hash as pending before moving the file in: a kill between the two
      // steps leaves a file the next run recognises as ours.
      const previous = entry ?? {
        kind: job.kind,
        outline: job.outline,
        key,
        hash: '',
        provider: 'none' as const,
        model: 'none',
        generatedAt: '',
        usage: tally.usage,
        costUsd: 0,
      };
      await lock.set(job.path, { ...previous, pending: { key, hash } });
      await writeFileAtomic(target, data);
      await lock.set(job.path, {
        kind: job.kind,
        outline: job.outline,
        key,
        hash,
        provider: result.provider,
        model: result.model,
        generatedAt: new Date().toISOString(),
        usage: tally.usage,
        costUsd: roundCost(tally.costUsd),
        basis,
        ...(sidecars.length > 0 ? { sidecars: sidecars.map((s) => s.path) } : {}),
        ...(result.meta ? { meta: result.meta } : {}),
        // Kept so status can say a review no longer holds: its hash no longer matches the file.
        ...(entry?.review ? { review: entry.review } : {}),
      });
      meter.settle(answered);
      await settings.batch?.written(job.path);
      return finish({ ...base, state, action: 'generated', estimateUsd });
    } catch (error) {
      if (error instanceof BatchDeferred) return finish({ ...base, state, action: 'batched', estimateUsd, error });
      if (error instanceof BudgetExceededError) budgetStop = true;
      return finish({
        ...base,
        state,
        action: error instanceof BudgetExceededError ? 'skipped' : 'failed',
        estimateUsd,
        error: error as Error,
      });
    } finally {
      release();
    }
  };

  const finish = (outcome: JobOutcome): JobOutcome => {
    progress.done(outcome);
    return outcome;
  };

  for (const job of jobs) outcomes.set(job.path, process(job));
  const results = await Promise.all(jobs.map((job) => outcomes.get(job.path)!));
  if (settings.batch && !settings.dryRun && !settings.frozen) {
    const submitted = await settings.batch.submit(lock);
    for (const summary of submitted) settings.logger.info(describeBatch(summary));
    batches.push(...submitted);
  }
  // A dry run or a frozen check writes nothing, not even an empty lock.
  if (!settings.dryRun && !settings.frozen) await lock.flush();

  const pending = results.filter((o) => o.action === 'planned' && needsGeneration(o.state));
  const report: RunReport = {
    outcomes: results,
    calls: meter.totals.calls,
    retries: meter.totals.retries,
    usage: meter.totals.usage,
    costUsd: roundCost(meter.totals.costUsd),
    estimatedUsd: roundCost(pending.reduce((sum, o) => sum + o.estimateUsd, 0)),
    pending,
    failed: results.filter((o) => o.action === 'failed' || o.action === 'skipped'),
    ...(batches.length > 0 ? { batches } : {}),
  };
  if (settings.frozen && pending.length > 0) {
    throw new FrozenError(
      `--frozen: ${pending.length} artifact(s) would need generating:\n${pending.map((o) => `  ${o.state.padEnd(6)} ${o.path}  (from ${o.outline})`).join('\n')}\nRun \`aigc generate\` locally and commit ${settings.outputDir}/ and ${settings.lockPath}.`,
    );
  }
  return report;
}

/**
 * Paid output is never downgraded silently. `auto` falls back to the offline providers when
 * no key is set; the provider is part of every key, so without this a keyless build (a
 * teammate's laptop, a CI job) would replace every model-made article, image and narration
 * with an offline draft. Instead, a model-made artifact whose other inputs are unchanged is
 * kept as it is, judged by the producer that made it; only new or changed work falls back.
 */
import { resolve } from 'node:path';
import { readLock } from './engine/lock.ts';
import { planJobs } from './plan.ts';
import { runJobs, type RunSettings } from './engine/run.ts';
import type { Job } from './engine/types.ts';
import type { AigcOptions } from './options.ts';
import type { Outline } from './outline/types.ts';
import { chooseProvider, describeProviders } from './resolve-providers.ts';
import type { Capability } from './providers/types.ts';

const CAPABILITIES: readonly Capability[] = ['text', 'image', 'speech'];

export interface PlannedRun {
  /** The jobs to run: the fallback's, except where a model-made output is kept. */
  jobs: Job[];
  /** Paths kept while their provider is unavailable → the producer their key was made with. */
  keep: Map<string, { provider: string; model: string }>;
  /** Capabilities that fall back to offline only because no key is set. */
  unavailable: Capability[];
}

/** Capabilities whose provider is `auto` and resolves to offline for want of a key. */
export function unavailableCapabilities(options: AigcOptions, env: NodeJS.ProcessEnv): Capability[] {
  return CAPABILITIES.filter((c) => options[c].provider === 'auto' && chooseProvider('auto', env) === 'offline');
}

export interface PlanRunSettings {
  root: string;
  env: NodeJS.ProcessEnv;
  /** Only the jobs of these outline files. */
  only?: readonly string[] | undefined;
  /** Where collections are served (see `GenerateSettings.collectionBase`). */
  collectionBase?: Readonly<Record<string, string>> | undefined;
  /** The run this plan is for: its lock, folders and force list (a forced path is never kept). */
  run: Omit<RunSettings, 'producers' | 'dryRun' | 'frozen' | 'keep'>;
}

/**
 * Plan the jobs of a run. When a capability is unavailable and the lock holds model-made
 * outputs, plan again as if its provider were there, ask the engine (a dry run, no calls)
 * which of those outputs are still fresh under the producer that made them, and put those
 * jobs in place of their fallbacks (an image keeps its `.webp` path rather than the
 * offline `.svg`). Jobs that read a kept output (the card reads the cover) follow it.
 */
export async function planRun(
  outlines: Outline[],
  options: AigcOptions,
  settings: PlanRunSettings,
): Promise<PlannedRun> {
  const filter = (jobs: Job[]) => (settings.only ? jobs.filter((job) => settings.only!.includes(job.outline)) : jobs);
  const jobs = filter(
    planJobs(outlines, options, { root: settings.root, env: settings.env, collectionBase: settings.collectionBase }),
  );
  const unavailable = unavailableCapabilities(options, settings.env);
  const keep = new Map<string, { provider: string; model: string }>();
  if (unavailable.length === 0) return { jobs, keep, unavailable };

  const lock = await readLock(resolve(settings.root, settings.run.lockPath), settings.run.lockPath);
  const modelMade = (path: string) => {
    const provider = lock.artifacts[path]?.provider;
    return provider !== undefined && provider !== 'offline' && provider !== 'none';
  };
  if (!Object.keys(lock.artifacts).some(modelMade)) return { jobs, keep, unavailable };

  const asIf: AigcOptions = { ...options };
  for (const capability of unavailable) asIf[capability] = { ...options[capability], provider: 'openai' } as never;
  const modelJobs = filter(
    planJobs(outlines, asIf, { root: settings.root, env: settings.env, collectionBase: settings.collectionBase }),
  );
  const producers = describeProviders(asIf, settings.env);
  const candidates = new Map<string, { provider: string; model: string }>();
  for (const job of modelJobs) {
    if (job.capability === 'none' || !unavailable.includes(job.capability) || !modelMade(job.path)) continue;
    const entry = lock.artifacts[job.path]!;
    candidates.set(
      job.path,
      recordedProducer(entry.basis?.producer) ?? { provider: entry.provider, model: producers[job.capability].model },
    );
  }
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const forecast = await runJobs(modelJobs, {
    ...settings.run,
    producers,
    keep: candidates,
    dryRun: true,
    frozen: false,
    logger: silent,
  });
  for (const outcome of forecast.outcomes) {
    if (outcome.action === 'kept-unavailable') keep.set(outcome.path, candidates.get(outcome.path)!);
  }
  if (keep.size === 0) return { jobs, keep, unavailable };

  // Pair each job with its model-plan twin: same outline, kind and file name but for the extension.
  const slot = (job: Job) => `${job.outline}\0${job.kind}\0${job.path.replace(/\.[^./]+$/, '')}`;
  const twins = new Map(modelJobs.map((job) => [slot(job), job]));
  const chosen = new Set<string>();
  const merged: Job[] = [];
  const planned = new Set<string>();
  // A job that reads a kept output follows it, but only when everything it reads is in the
  // plan: a card whose page was kept but whose cover was not keeps its offline form.
  const follows = (twin: Job) =>
    keep.has(twin.path) ||
    ((twin.capability === 'none' || !unavailable.includes(twin.capability)) &&
      twin.dependsOn.some((dep) => chosen.has(dep)) &&
      twin.dependsOn.every((dep) => planned.has(dep)));
  const paired = new Set<Job>();
  for (const job of jobs) {
    const twin = twins.get(slot(job));
    if (twin) paired.add(twin);
    const next = twin && follows(twin) ? twin : job;
    if (next === twin) chosen.add(twin.path);
    planned.add(next.path);
    merged.push(next);
  }
  // Jobs only a model plans (translations) are kept when fresh, and left out otherwise.
  for (const twin of modelJobs) {
    if (!paired.has(twin) && keep.has(twin.path)) merged.push(twin);
  }
  return { jobs: inDependencyOrder(merged), keep, unavailable };
}

/** `openai/gpt-5.4-mini` (a key basis' producer) → its parts; model ids may hold slashes. */
function recordedProducer(producer: string | undefined): { provider: string; model: string } | undefined {
  const slash = producer?.indexOf('/') ?? -1;
  if (!producer || slash <= 0) return undefined;
  return { provider: producer.slice(0, slash), model: producer.slice(slash + 1) };
}

/** Jobs appended out of place (kept translations) go after what they read. */
function inDependencyOrder(jobs: Job[]): Job[] {
  const byPath = new Map(jobs.map((job) => [job.path, job]));
  const ordered: Job[] = [];
  const placed = new Set<string>();
  const place = (job: Job) => {
    if (placed.has(job.path)) return;
    placed.add(job.path);
    for (const dep of job.dependsOn) {
      const before = byPath.get(dep);
      if (before) place(before);
    }
    ordered.push(job);
  };
  for (const job of jobs) place(job);
  return ordered;
}

/** One line for the build log: what was kept, and how to update or replace it. */
export function keptMessage(count: number, unavailable: readonly Capability[]): string {
  return (
    `kept: provider unavailable: ${count} model-made artifact(s) kept as they are, because OPENAI_API_KEY is not set and ${unavailable.join(', ')} would fall back to offline drafts. ` +
    'Set the key to update them, or replace them with offline drafts on purpose: `aigc generate --provider offline` (or `provider: "offline"` in the options).'
  );
}

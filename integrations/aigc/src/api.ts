/**
 * The programmatic API: what the Astro integration and the `aigc` CLI both call.
 * outline → plan → jobs → lock; nothing here knows about Astro.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readLock, LockStore } from './engine/lock.ts';
import { runJobs, type RunReport, type RunSettings } from './engine/run.ts';
import { markSuperseded, supersededMessage, type Superseded } from './engine/superseded.ts';
import { keptMessage, planRun } from './keep.ts';
import type { Job, Logger } from './engine/types.ts';
import { translationSkipReason } from './generators/translation.ts';
import { loadOutlines } from './outline/load.ts';
import type { OutlineError } from './outline/error.ts';
import type { Outline } from './outline/types.ts';
import { DEFAULT_PRICING, parseOptions, type AigcOptions, type AigcUserOptions } from './options.ts';
import { createBatchTransport, createProviders, describeProviders, openAIModels } from './resolve-providers.ts';
import { checkModelLifecycle } from './engine/lifecycle.ts';
import type { Capability } from './providers/types.ts';
import { BatchSession } from './engine/batch.ts';
import type { Providers } from './providers/types.ts';
import { sha256 } from './utils/hash.ts';
import { toProjectPath } from './utils/paths.ts';
import { listFiles } from './utils/list-files.ts';
import { explainBasisChange } from './engine/basis.ts';
import { readFile } from './utils/read-ledger.ts';

export type { AigcOptions, AigcUserOptions, Logger, RunReport, Outline, OutlineError };

/** What `generate()` needs: the project, the options, a logger, and how to run. */
export interface GenerateSettings {
  /** Project root (where astro.config.* and aigc.lock live). */
  root: string;
  options: AigcOptions | AigcUserOptions;
  logger: Logger;
  /** Fail if anything would need generating. */
  frozen?: boolean;
  /** Print the jobs and the estimated cost; call nothing. */
  dryRun?: boolean;
  /** Project-relative output paths to regenerate even when fresh or edited, or `all`. */
  force?: ReadonlySet<string> | 'all';
  /** Overrides the budget option (US dollars). */
  budget?: number;
  /** Only the jobs of these outline files (project-relative); the rest are left alone. */
  only?: readonly string[];
  /**
   * Use this provider for every capability (the CLI's `--provider`): `offline` replaces
   * model-made output with offline drafts on purpose, where `auto` without a key keeps it.
   */
  provider?: 'auto' | 'openai' | 'offline';
  /** Environment to read OPENAI_API_KEY / OPENAI_BASE_URL from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Batch mode (`aigc generate --batch`): submit new text and image requests as Batches at
   * half price and return; a later run collects them. Batches in flight are collected and
   * waited for by every run, with or without it.
   */
  batch?: boolean;
  /** Providers to use instead of the ones the options choose (tests, embedding). */
  providers?: Providers;
  signal?: AbortSignal;
  /**
   * URL prefix per collection when one is not served at `/<collection>/` (Starlight serves
   * `docs` at `/`: `{ docs: '/' }`). Links between generated pages follow it. The integration
   * and the CLI read it from the Astro config.
   */
  collectionBase?: Readonly<Record<string, string>>;
}

/** What a run did: its report, the outlines it read, the outline errors it found and the jobs it planned. */
export interface GenerateResult {
  report: RunReport;
  outlines: Outline[];
  /** Outlines that failed to parse, each with file:line:column and the fix; their jobs were not planned. */
  outlineErrors: OutlineError[];
  jobs: Job[];
  /** Lock entries of the planned outlines that the plan no longer makes (reported, hidden from pages, removed by `clean`). */
  superseded: Superseded[];
}

/**
 * Load outlines, plan the jobs, and run them against the lock.
 *
 * @param settings - The project root, the options, a logger, and how to run.
 * @returns The run's report, the outlines read, their errors and the jobs planned.
 */
export async function generate(settings: GenerateSettings): Promise<GenerateResult> {
  const options = withProvider(parseOptions(settings.options), settings.provider);
  const env = settings.env ?? process.env;
  const { outlines, errors } = await loadOutlines(settings.root, options.outlines, options.lang);
  if (outlines.length === 0 && errors.length === 0)
    settings.logger.warn(`No outlines found in ${options.outlines}/: nothing to generate.`);
  const dryRun = settings.dryRun ?? false;
  const frozen = settings.frozen ?? (options.frozen || env.AIGC_FROZEN === '1');
  const run = runSettings(settings, options, env);
  const { jobs, keep, unavailable } = await planRun(outlines, options, {
    root: settings.root,
    env,
    only: settings.only,
    run,
    collectionBase: settings.collectionBase,
  });
  const skipped = translationSkipReason(outlines, options, env);
  if (skipped && !dryRun && !jobs.some((job) => job.kind === 'translation')) settings.logger.warn(skipped);
  if (!dryRun && !frozen) {
    // Before any work: a retired or unknown model stops the run, one retiring soon is a warning.
    const { models, lookup, service } = openAIModels(
      options,
      new Set(jobs.map((job) => job.capability).filter((c): c is Capability => c !== 'none')),
      env,
    );
    if (models.length > 0)
      await checkModelLifecycle({
        models,
        lookup,
        service,
        cacheDir: resolve(settings.root, options.cacheDir),
        logger: settings.logger,
      });
  }
  const transport = createBatchTransport(options, env);
  const batch = transport
    ? new BatchSession({
        transport,
        cacheDir: resolve(settings.root, options.cacheDir),
        submit: settings.batch ?? false,
        logger: settings.logger,
      })
    : undefined;
  if (settings.batch && !batch)
    settings.logger.warn(
      '--batch: neither text nor images go to the openai provider, so there is nothing to batch; running as usual.',
    );
  const report = await runJobs(jobs, {
    ...run,
    producers: describeProviders(options, env),
    keep,
    dryRun,
    frozen,
    ...(batch ? { batch } : {}),
  });
  const kept = report.outcomes.filter((o) => o.action === 'kept-unavailable').length;
  if (kept > 0 && !dryRun) settings.logger.warn(keptMessage(kept, unavailable));
  // Which entries the plan no longer makes: marked in the lock after a real run, so pages skip them.
  const superseded = dryRun || frozen ? [] : await markSuperseded(settings.root, options.lock, jobs);
  const message = supersededMessage(superseded);
  if (message) settings.logger.warn(message);
  return { report, outlines, outlineErrors: errors, jobs, superseded };
}

/** The run settings every command shares (the producers and the mode are each command's). */
function runSettings(
  settings: GenerateSettings,
  options: AigcOptions,
  env: NodeJS.ProcessEnv,
): Omit<RunSettings, 'producers' | 'dryRun' | 'frozen' | 'keep'> {
  return {
    root: settings.root,
    outputDir: options.output,
    lockPath: options.lock,
    cacheDir: options.cacheDir,
    providers: settings.providers ?? createProviders(options, env),
    concurrency: options.limits.concurrency,
    meter: {
      policy: {
        maxRetries: options.limits.maxRetries,
        baseDelayMs: 500,
        maxBackoffMs: 30_000,
        maxRetryAfterMs: options.limits.maxRetryDelaySeconds * 1000,
      },
      requestsPerMinute: options.limits.requestsPerMinute,
      tokensPerMinute: options.limits.tokensPerMinute,
      perCapability: { text: options.limits.text, image: options.limits.image, speech: options.limits.speech },
      budgetUsd: settings.budget ?? options.budget,
      // The defaults the options table names, under the user's own prices.
      pricing: { ...DEFAULT_PRICING, ...options.pricing },
    },
    logger: settings.logger,
    force: settings.force ?? new Set(),
    ...(settings.signal ? { signal: settings.signal } : {}),
  };
}

/** The options with every capability's provider set to `provider`, when one is given. */
function withProvider(options: AigcOptions, provider: GenerateSettings['provider']): AigcOptions {
  if (!provider) return options;
  return {
    ...options,
    text: { ...options.text, provider },
    image: { ...options.image, provider },
    speech: { ...options.speech, provider },
  };
}

/**
 * What a run would do, without doing it: states and the estimated cost of what is pending.
 *
 * @param settings - As for `generate`, without `dryRun`, `frozen` and `batch` (a status run is always dry).
 */
export function status(settings: Omit<GenerateSettings, 'dryRun' | 'frozen' | 'batch'>): Promise<GenerateResult> {
  return generate({ ...settings, dryRun: true, frozen: false });
}

/** One artifact that is not fresh, and why. */
export interface DiffEntry {
  path: string;
  kind: string;
  state: 'new' | 'stale' | 'edited' | 'edited-stale';
  /** In words: what changed since it was generated (inputs, model, version, dependencies), or that a person edited it. */
  reasons: string[];
}

/**
 * Why each artifact that is not fresh would change (or was changed by hand): the lock's
 * record of what each key was made of, compared with what it is made of now. Calls nothing.
 *
 * @param settings - As for `generate`, without `dryRun` and `frozen`.
 */
export async function diff(settings: Omit<GenerateSettings, 'dryRun' | 'frozen'>): Promise<DiffEntry[]> {
  const options = parseOptions(settings.options);
  const result = await status({ ...settings, options });
  const lockFile = resolve(settings.root, options.lock);
  const lock = await readLock(lockFile, options.lock);
  const entries: DiffEntry[] = [];
  for (const outcome of result.report.outcomes) {
    if (outcome.state === 'fresh') continue;
    const through = (outcome.staleThrough ?? []).map((path) => `reads ${path}, which will be regenerated first`);
    const recorded = lock.artifacts[outcome.path]?.basis;
    const changes =
      outcome.state === 'new'
        ? ['not generated yet']
        : outcome.state === 'edited'
          ? []
          : recorded && outcome.basis
            ? explainBasisChange(recorded, outcome.basis)
            : ['its inputs changed (generated before the lock recorded what its key was made of)'];
    const edited =
      outcome.state === 'edited' || outcome.state === 'edited-stale'
        ? ['edited by hand: the file differs from what was generated (`git diff` shows how); it is kept']
        : [];
    // Stale only through a dependency: its own recorded basis has not changed yet.
    const own =
      through.length > 0 && !(recorded && outcome.basis && explainBasisChange(recorded, outcome.basis).length > 0)
        ? []
        : changes;
    entries.push({
      path: outcome.path,
      kind: outcome.kind,
      state: outcome.state as DiffEntry['state'],
      reasons: [...edited, ...through, ...own],
    });
  }
  return entries;
}

/** What `clean()` removed (or would remove, in a dry run) and the orphans it kept because a person edited them. */
export interface CleanResult {
  /** Project-relative paths of removed files and lock entries. */
  removed: string[];
  /** Project-relative paths of orphans edited by hand (removed only with `force`). */
  keptEdited: string[];
}

/**
 * Remove generated files that no outline produces any more (and their lock entries).
 * A person's edits are kept unless `force`.
 *
 * @param settings - The project root and options; `force` removes edited files too, `dryRun` only lists them.
 * @throws When an outline has errors or no outline is found (unless `force`): its files would be taken for orphans.
 */
export async function clean(settings: {
  root: string;
  options: AigcOptions | AigcUserOptions;
  force?: boolean;
  dryRun?: boolean;
  /** As for `generate`: decides which outputs the plan makes (a model-made one kept without a key is wanted). */
  provider?: GenerateSettings['provider'];
  env?: NodeJS.ProcessEnv;
  /** As for `generate`. */
  collectionBase?: Readonly<Record<string, string>>;
}): Promise<CleanResult> {
  const options = withProvider(parseOptions(settings.options), settings.provider);
  const env = settings.env ?? process.env;
  const { outlines, errors } = await loadOutlines(settings.root, options.outlines, options.lang);
  // An outline that fails to parse plans no jobs: its files would look orphaned and be lost.
  if (errors.length > 0) {
    throw new Error(
      `Not cleaning: ${errors.length} outline(s) have errors, and their generated files would be taken for orphans.\n${errors.map((e) => e.message).join('\n')}\nFix the outlines, then run \`aigc clean\` again.`,
    );
  }
  if (outlines.length === 0 && !settings.force) {
    throw new Error(
      `Not cleaning: no outlines found in ${options.outlines}/, so every generated file would be removed. Check the \`outlines\` option, or pass --force to remove them all.`,
    );
  }
  const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };
  const run = runSettings({ root: settings.root, options, logger: silent, env }, options, env);
  const { jobs } = await planRun(outlines, options, {
    root: settings.root,
    env,
    run,
    collectionBase: settings.collectionBase,
  });
  const wanted = new Set<string>();
  const lockFile = resolve(settings.root, options.lock);
  const lock = new LockStore(lockFile, await readLock(lockFile, options.lock));
  for (const job of jobs) {
    wanted.add(job.path);
    for (const sidecar of lock.get(job.path)?.sidecars ?? []) wanted.add(sidecar);
  }
  const removed: string[] = [];
  const keptEdited: string[] = [];
  const outputRoot = resolve(settings.root, options.output);
  for (const file of await listFiles(outputRoot)) {
    const path = toProjectPath(settings.root, file);
    if (wanted.has(path)) continue;
    const entry = lock.get(path);
    const owner = entry ?? Object.values(lock.lock.artifacts).find((e) => e.sidecars?.includes(path));
    const untouched = entry ? sha256(await readFile(file)) === entry.hash : owner !== undefined;
    if (!untouched && !settings.force) {
      keptEdited.push(path);
      continue;
    }
    removed.push(path);
    if (!settings.dryRun) await rm(file);
  }
  for (const path of Object.keys(lock.lock.artifacts)) {
    if (!wanted.has(path) && !keptEdited.includes(path)) {
      if (!removed.includes(path)) removed.push(path);
      if (!settings.dryRun) delete lock.lock.artifacts[path];
    }
  }
  if (!settings.dryRun) await lock.flush();
  return { removed: removed.sort(), keptEdited: keptEdited.sort() };
}

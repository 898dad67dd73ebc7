import type { Capability, FinishReason, ProviderId, Providers, Usage } from '../providers/types.ts';

/** JSON-serialisable value: what job inputs and lock metadata may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What an artifact is (`article`, `cover`…), for status lines, the lock and the disclosure
 * page: data a generator gives its jobs (generators/registry.ts); the engine only carries it.
 */
export type ArtifactKind = string;

/** Minimal logger: Astro's integration logger and the CLI's console both fit. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** What a running job may use. Providers are already wrapped with rate limits, retries and budget. */
export interface JobContext {
  providers: Providers;
  /** Current bytes of a dependency's output, as on disk (human edits included). */
  readDependency(path: string): Promise<Uint8Array>;
  /** Absolute path of the project root. */
  root: string;
  /** Absolute path of a folder for caches this job may keep between runs. */
  cacheDir: string;
  signal: AbortSignal;
  logger: Logger;
}

/** An extra file written next to a job's main output (captions next to audio, say). */
export interface SidecarFile {
  /** Project-relative path. */
  path: string;
  data: Uint8Array | string;
}

/**
 * What a job's `run` produces. For a job that calls a model this is a draft: untrusted until
 * the job's `check` turns it into what the engine writes (engine/checks.ts).
 */
export interface JobResult {
  data: Uint8Array | string;
  provider: ProviderId | 'none';
  model: string;
  usage: Usage;
  /** Cost in US dollars, as measured by the wrapped providers (filled by the engine). */
  costUsd?: number;
  sidecars?: SidecarFile[];
  /** Small facts the site needs without opening the file (duration, size, alt text). */
  meta?: Record<string, JsonValue>;
  /** How the model's last answer ended, for the checker's truncation rule; never written. */
  finishReason?: FinishReason;
}

/**
 * The checker a job declares for its output. It gets the draft (`run`'s result, model
 * bytes included) and returns what may be written: sanitised, validated, repaired with the
 * context's (metered) providers, or it throws. Findings it fixes or tolerates are logged
 * with the output's path. Required for every job whose `capability` is not `none`.
 */
export interface OutputCheck {
  /** Names the checker in logs, e.g. `page`, `image`, `narration`. */
  readonly name: string;
  check(draft: JobResult, context: JobContext): Promise<JobResult>;
}

/**
 * One artifact to produce. Its key is a hash of `kind`, `version`, `inputs`, the provider
 * and model of `capability`, and the current bytes of every dependency: anything that
 * decides the output, nothing that does not.
 */
export interface Job {
  /** Project-relative, `/`-separated path of the output file; unique across the run. */
  path: string;
  kind: ArtifactKind;
  /** Which provider decides the output; `none` for deterministic jobs. */
  capability: Capability | 'none';
  /** The outline this job comes from (project-relative path). */
  outline: string;
  /** Paths of jobs whose outputs this job reads. */
  dependsOn: string[];
  /** Everything except dependency outputs that decides the output. */
  inputs: JsonValue;
  /** Bump when the generator's prompt or pipeline changes, so old outputs are redone. */
  version: string;
  /**
   * The part of a dependency's bytes this job depends on, when not all of it: narration
   * hashes an article's body only, so editing its tags re-speaks nothing.
   */
  digestDependency?(path: string, bytes: Uint8Array): string;
  /**
   * Why there is nothing to make yet, from the dependencies' bytes (path → bytes of those that
   * exist), or undefined to go on: a page published as a draft gets no narration. A declined
   * job is no failure; it is asked again on the next run, and existing output is left alone.
   */
  declines?(dependencies: ReadonlyMap<string, Uint8Array>): string | undefined;
  /**
   * Dry runs: what `digestDependency` will give for a dependency that `producer` is about to
   * regenerate, when that can be told in advance (a card reads only whether its page is an
   * offline draft). Without it, a job whose dependency is regenerated is forecast stale.
   */
  forecastDigest?(path: string, producer: { provider: string; model: string }): string | undefined;
  /** Rough tokens for cost estimates in `--dry-run` and `status`. */
  estimate: Usage;
  run(context: JobContext): Promise<JobResult>;
  /** What the output passes before it is written; required when `capability` is not `none`. */
  check?: OutputCheck;
}

/** How a job stands against the lock and the file on disk. */
export type JobState =
  | 'new' // never generated (no file)
  | 'fresh' // key unchanged, file untouched: reuse
  | 'stale' // key changed, file untouched: regenerate
  | 'edited' // file changed by a person, inputs unchanged: keep
  | 'edited-stale'; // file changed by a person and inputs changed too: keep, report

/**
 * What a job's key was made of, part by part, in short hashes: recorded in the lock so that
 * `aigc diff` can say why an artifact is stale (which input, which model, which dependency),
 * the way a lockfile diff explains an upgrade. It decides nothing: the key does.
 */
export interface KeyBasis {
  version: string;
  /** `provider/model` of the job's capability (`none/none` for deterministic jobs). */
  producer: string;
  /** One short hash per top-level field of the job's inputs. */
  inputs: Record<string, string>;
  /** One short hash per dependency, of the bytes (or digest) the job read. */
  dependencies: Record<string, string>;
}

/** What a run did with one job, and how the job stood before it (engine/run.ts). */
export interface JobOutcome {
  path: string;
  kind: Job['kind'];
  outline: string;
  state: JobState;
  /** What the run did with it (`declined`: the job said, from its inputs, that there is nothing to make yet). */
  action:
    | 'reused'
    | 'generated'
    | 'kept-edit'
    | 'kept-unavailable'
    | 'planned'
    | 'failed'
    | 'skipped'
    | 'declined'
    | 'batched';
  error?: Error;
  estimateUsd: number;
  /** What its key is made of now (compare with the lock's to explain a change). */
  basis?: KeyBasis;
  /** Dry runs: dependencies that will be regenerated first, which make this job stale too. */
  staleThrough?: string[];
}

/** One entry of `aigc.lock`. */
export interface LockEntry {
  kind: ArtifactKind;
  outline: string;
  key: string;
  /** sha256 of the file as generated. */
  hash: string;
  provider: ProviderId | 'none';
  model: string;
  generatedAt: string;
  usage: Usage;
  costUsd: number;
  sidecars?: string[];
  meta?: Record<string, JsonValue>;
  /** Set while a new version is being moved into place; see engine/lock.ts. */
  pending?: { key: string; hash: string };
  /** What the key was made of, for `aigc diff` (engine/basis.ts). */
  basis?: KeyBasis;
  /** Set when the current plan no longer makes this file: the path made in its place, or null (engine/superseded.ts). */
  supersededBy?: string | null;
  /** A person's review of the file (`aigc review`); it holds while the file's hash is `review.hash` (engine/review.ts). */
  review?: ReviewRecord;
}

/** Who reviewed a generated file, when, and the sha256 of the file they read. */
export interface ReviewRecord {
  by: string;
  at: string;
  hash: string;
}

/**
 * A Batch this project submitted and has not collected yet (engine/batch.ts). Written before
 * the submission (`batchId` unset: an intent) and again once the service named the batch.
 */
export interface BatchRecord {
  /** The endpoint of every request, e.g. `/v1/chat/completions`. */
  url: string;
  model: string;
  createdAt: string;
  batchId?: string;
  /** Request id (`custom_id`, a hash of the request) → the artifact that asked for it. */
  requests: Record<string, string>;
}

export interface LockFile {
  version: 1;
  artifacts: Record<string, LockEntry>;
  /** Batches in flight, by intent id (`aigc generate --batch`). */
  batches?: Record<string, BatchRecord>;
}

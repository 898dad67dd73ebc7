/**
 * A warm build's shortcut. After a clean run, the build leaves a stamp: the settings that
 * decide the plan (options, environment, producers, the day) and the size and time of every
 * file and folder the run read (utils/read-ledger.ts), with this package's own files. The next
 * build stats those paths; when all match it reports the last run again without loading the
 * pipeline or planning, which is what keeps a warm build of a thousand pages close to Astro's
 * own. Anything that differs, or any doubt, runs the pipeline as usual.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerateResult } from './api.ts';
import type { Logger } from './engine/types.ts';
import type { AigcOptions } from './options.ts';
import { describeProviders } from './producers.ts';
import { canonicalJson, sha256 } from './utils/hash.ts';
import type { ReadLedger } from './utils/read-ledger.ts';

/** What a build reports of its run: the status line's figures and the warnings to repeat. */
export interface BuildSummary {
  generated: number;
  reused: number;
  kept: number;
  edited: number;
  failed: number;
  /** Outlines that failed to parse (a build stamped for its successor has none). */
  outlineErrors: number;
  calls: number;
  costUsd: number;
  /** Set when this is the last build's summary, reported again because nothing changed. */
  unchangedSinceLastBuild?: boolean;
  /** Warnings the run logged (superseded pages, translations skipped…): still true while nothing changed. */
  warnings: string[];
}

/** What decides a build's plan besides files: compared whole. */
export interface WarmBuildSettings {
  root: string;
  options: AigcOptions;
  env: NodeJS.ProcessEnv;
  collectionBase: Readonly<Record<string, string>>;
  command: string;
  today?: Date;
}

/** One path and how it stood: size and mtime, `null` when missing, and a hash when its time was too close to tell. */
type FileStamp = [path: string, size: number, mtimeMs: number, hash?: string] | [path: string, missing: null];

interface Stamp {
  version: 1;
  fingerprint: string;
  files: FileStamp[];
  summary: BuildSummary;
}

const STAMP_FILE = 'warm-build.json';
/**
 * A file changed within this long of its stat may keep the same mtime (coarse clocks, fast
 * writers): such files are recorded with their hash too (git's "racily clean" entries).
 */
const RACY_MS = 2000;
/** This package's own code: a new version plans differently. */
const PACKAGE_DIR = dirname(fileURLToPath(import.meta.url));

function stampPath(settings: WarmBuildSettings): string {
  return resolve(settings.root, settings.options.cacheDir, STAMP_FILE);
}

function fingerprint(settings: WarmBuildSettings): string {
  const { env } = settings;
  const today = settings.today ?? new Date();
  return sha256(
    canonicalJson({
      options: settings.options,
      collectionBase: settings.collectionBase,
      command: settings.command,
      // Whether a key is set decides the providers; its value is never written anywhere.
      key: Boolean(env.OPENAI_API_KEY),
      baseUrl: env.OPENAI_BASE_URL ?? null,
      aigc: Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('AIGC_'))),
      producers: describeProviders(settings.options, env, today),
      // Model defaults and lifecycle warnings move with the date: plan afresh each day.
      day: today.toISOString().slice(0, 10),
      node: process.version,
    }),
  );
}

/** Every file below `dir` (this package's own code; fonts are data and do not change a plan). */
function packageFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'fonts' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...packageFiles(path));
    else files.push(path);
  }
  return files;
}

/** Every folder at or below `dir`: a file added or removed anywhere below changes one of their stats. */
function foldersBelow(dir: string): string[] {
  const folders = [dir];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return folders;
  }
  for (const entry of entries) if (entry.isDirectory()) folders.push(...foldersBelow(join(dir, entry.name)));
  return folders;
}

function stampOf(path: string, now: number): FileStamp {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return [path, null];
  if (info.isFile() && info.mtimeMs > now - RACY_MS) return [path, info.size, info.mtimeMs, sha256(readFileSync(path))];
  return [path, info.size, info.mtimeMs];
}

function unchanged(recorded: FileStamp): boolean {
  const [path, size] = recorded;
  const info = statSync(path, { throwIfNoEntry: false });
  if (size === null) return info === undefined;
  if (!info || info.size !== size) return false;
  const hash = recorded[3];
  // A racy entry is compared by content; it is then as good as a plain one.
  if (hash !== undefined) return sha256(readFileSync(path)) === hash;
  return info.mtimeMs === recorded[2];
}

/**
 * The last build's summary when nothing it read has changed since, else undefined. Never
 * throws: a stamp that cannot be read is no stamp.
 */
export function unchangedSinceLastBuild(settings: WarmBuildSettings): BuildSummary | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(settings), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.version !== 1 || stamp.fingerprint !== fingerprint(settings)) return undefined;
  for (const file of stamp.files) if (!unchanged(file)) return undefined;
  return stamp.summary;
}

/** The status line's figures and the warnings of a run. */
export function summarise(result: GenerateResult, warnings: readonly string[]): BuildSummary {
  const count = (action: string) => result.report.outcomes.filter((o) => o.action === action).length;
  return {
    generated: count('generated'),
    reused: count('reused'),
    kept: count('kept-unavailable'),
    edited: count('kept-edit'),
    failed: result.report.failed.length,
    outlineErrors: result.outlineErrors.length,
    calls: result.report.calls,
    costUsd: result.report.costUsd,
    warnings: [...warnings],
  };
}

/**
 * Leave the stamp for the next build after a clean run: no outline error, nothing failed,
 * nothing waiting in a Batch. Otherwise remove any old one, so the next build plans again.
 */
export function stampBuild(
  settings: WarmBuildSettings,
  result: GenerateResult,
  ledger: ReadLedger,
  summary: BuildSummary,
  logger: Logger,
): void {
  const path = stampPath(settings);
  const clean =
    result.outlineErrors.length === 0 &&
    summary.failed === 0 &&
    !result.report.outcomes.some((o) => o.action === 'batched' || o.action === 'failed');
  try {
    if (!clean) {
      writeFileSync(path, '');
      return;
    }
    const now = Date.now();
    const paths = new Set(ledger.files);
    for (const tree of ledger.trees) for (const folder of foldersBelow(tree)) paths.add(folder);
    for (const file of packageFiles(PACKAGE_DIR)) paths.add(file);
    const stamp: Stamp = {
      version: 1,
      fingerprint: fingerprint(settings),
      files: [...paths].sort().map((file) => stampOf(file, now)),
      // Next time, what this run generated is reused.
      summary: { ...summary, reused: summary.reused + summary.generated, generated: 0, calls: 0, costUsd: 0 },
    };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(stamp));
  } catch (error) {
    // The stamp only saves time: a build that cannot leave one plans in full next time.
    logger.debug(`warm-build stamp not written: ${(error as Error).message}`);
  }
}

import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../utils/atomic-write.ts';
import type { BatchRecord, LockEntry, LockFile } from './types.ts';

export class LockError extends Error {
  override name = 'LockError';
}

/** Read `aigc.lock`; a missing file is an empty lock. */
export async function readLock(path: string, displayPath = path): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, artifacts: {} };
    throw error;
  }
  const conflict = text.split('\n').findIndex((line) => /^(<<<<<<<|>>>>>>>|=======$)/.test(line));
  if (conflict !== -1) {
    throw new LockError(
      `${displayPath}:${conflict + 1}:1: the lock has a merge conflict. Keep both sides' entries (each artifact is its own block), or delete the conflicting entries and run \`aigc generate\`.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LockError(`${displayPath}: not valid JSON (${(error as Error).message}). Restore it from git, or delete it and run \`aigc generate --force\`.`);
  }
  const lock = parsed as Partial<LockFile>;
  if (lock.version !== 1 || typeof lock.artifacts !== 'object' || lock.artifacts === null) {
    throw new LockError(`${displayPath}: unknown lock format (expected {"version": 1, "artifacts": {…}}). Restore it from git.`);
  }
  return { version: 1, artifacts: lock.artifacts, ...(lock.batches && typeof lock.batches === 'object' ? { batches: lock.batches } : {}) };
}

/**
 * Deterministic text: artifacts sorted by path, keys sorted, two-space indent. Each
 * artifact is its own block, so branches that generate different pages merge cleanly.
 */
export function serializeLock(lock: LockFile): string {
  const artifacts: Record<string, unknown> = {};
  for (const path of Object.keys(lock.artifacts).sort()) artifacts[path] = sortDeep(lock.artifacts[path]);
  // Batches in flight come after the artifacts, only while there are any.
  const batches = lock.batches && Object.keys(lock.batches).length > 0 ? { batches: sortDeep(lock.batches) } : {};
  return `${JSON.stringify({ version: 1, artifacts, ...batches }, null, 2)}\n`;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The lock in memory, written atomically after every change, one write at a time. */
export class LockStore {
  readonly lock: LockFile;
  private readonly path: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(path: string, lock: LockFile) {
    this.path = path;
    this.lock = lock;
  }

  get(path: string): LockEntry | undefined {
    return this.lock.artifacts[path];
  }

  set(path: string, entry: LockEntry): Promise<void> {
    this.lock.artifacts[path] = entry;
    return this.flush();
  }

  /** Record a batch in flight (an intent before it is submitted), or forget it (`undefined`) once collected. */
  setBatch(id: string, record: BatchRecord | undefined): Promise<void> {
    const batches = (this.lock.batches ??= {});
    if (record) batches[id] = record;
    else delete batches[id];
    return this.flush();
  }

  delete(path: string): Promise<void> {
    delete this.lock.artifacts[path];
    return this.flush();
  }

  /** Serialise writes: each one snapshots the lock when it starts. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => writeFileAtomic(this.path, serializeLock(this.lock)));
    return this.writing;
  }
}

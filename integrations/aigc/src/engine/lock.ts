import { rm } from 'node:fs/promises';
import { writeFileAtomic } from '../utils/atomic-write.ts';
import { appendJournal, journalPath, readJournal } from './lock-journal.ts';
import { LockError } from './lock-error.ts';
import { sortKeys } from '../utils/hash.ts';
import type { BatchRecord, LockEntry, LockFile } from './types.ts';
import { existsSync, readFile } from '../utils/read-ledger.ts';

export { LockError } from './lock-error.ts';

/**
 * Read `aigc.lock`, with what a run still in progress (or killed) has journalled since it
 * was last compacted; a missing file is an empty lock.
 */
export async function readLock(path: string, displayPath = path): Promise<LockFile> {
  const lock = await readLockFile(path, displayPath);
  const changes = await readJournal(journalPath(path), `${displayPath}.journal`);
  for (const change of changes) {
    if (change.entry) lock.artifacts[change.path] = change.entry;
    else delete lock.artifacts[change.path];
  }
  return lock;
}

async function readLockFile(path: string, displayPath: string): Promise<LockFile> {
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
    throw new LockError(
      `${displayPath}: not valid JSON (${(error as Error).message}). Restore it from git, or delete it and run \`aigc generate --force\`.`,
    );
  }
  const lock = parsed as Partial<LockFile>;
  if (lock.version !== 1 || typeof lock.artifacts !== 'object' || lock.artifacts === null) {
    throw new LockError(
      `${displayPath}: unknown lock format (expected {"version": 1, "artifacts": {…}}). Restore it from git.`,
    );
  }
  return {
    version: 1,
    artifacts: lock.artifacts,
    ...(lock.batches && typeof lock.batches === 'object' ? { batches: lock.batches } : {}),
  };
}

/**
 * Deterministic text: artifacts sorted by path, keys sorted, two-space indent. Each
 * artifact is its own block, so branches that generate different pages merge cleanly.
 */
export function serializeLock(lock: LockFile): string {
  const artifacts: Record<string, unknown> = {};
  for (const path of Object.keys(lock.artifacts).sort()) artifacts[path] = sortKeys(lock.artifacts[path]);
  // Batches in flight come after the artifacts, only while there are any.
  const batches = lock.batches && Object.keys(lock.batches).length > 0 ? { batches: sortKeys(lock.batches) } : {};
  return `${JSON.stringify({ version: 1, artifacts, ...batches }, null, 2)}\n`;
}

/**
 * The lock in memory. Each change is appended to a journal beside the lock and synced
 * (O(1) per finished job, crash-safe: `readLock` replays it); `flush` compacts the journal
 * into the sorted, merge-friendly `aigc.lock`, once at the end of a run (and on resume).
 */
/** The lock in memory, written atomically after every change, one write at a time. */
export class LockStore {
  readonly lock: LockFile;
  private readonly path: string;
  private readonly journal: string;
  /** Lines waiting for the next append: one synced write carries all of them. */
  private queued: { line: string; done: () => void; failed: (error: unknown) => void }[] = [];
  private writing: Promise<void> = Promise.resolve();
  private appending = false;

  constructor(path: string, lock: LockFile) {
    this.path = path;
    this.journal = journalPath(path);
    this.lock = lock;
  }

  /**
   * Read the lock (replaying a killed run's journal) and compact it at once; a missing lock
   * is written empty, so the lock file exists from a run's start as it always did.
   */
  static async open(path: string, displayPath = path): Promise<LockStore> {
    const store = new LockStore(path, await readLock(path, displayPath));
    const journalled = (await readJournal(store.journal, `${displayPath}.journal`)).length > 0;
    if (journalled || !existsSync(path)) await store.flush();
    return store;
  }

  get(path: string): LockEntry | undefined {
    return this.lock.artifacts[path];
  }

  set(path: string, entry: LockEntry): Promise<void> {
    this.lock.artifacts[path] = entry;
    return this.append(JSON.stringify({ path, entry }));
  }

  /**
   * Record a batch in flight (an intent before it is submitted), or forget it (`undefined`)
   * once collected. Rare, so written whole (with the journal folded in), not journalled.
   */
  setBatch(id: string, record: BatchRecord | undefined): Promise<void> {
    const batches = (this.lock.batches ??= {});
    if (record) batches[id] = record;
    else delete batches[id];
    return this.flush();
  }

  delete(path: string): Promise<void> {
    delete this.lock.artifacts[path];
    return this.append(JSON.stringify({ path }));
  }

  /** Write the whole lock atomically, then drop the journal it now contains. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      await writeFileAtomic(this.path, serializeLock(this.lock));
      await rm(this.journal, { force: true });
    });
    return this.writing;
  }

  /** Group commit: while one append is syncing, later lines queue for the next. */
  private append(line: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.queued.push({ line, done: resolve, failed: reject }));
    if (!this.appending) this.drain();
    return done;
  }

  private drain(): void {
    this.appending = true;
    this.writing = this.writing.then(async () => {
      while (this.queued.length > 0) {
        const batch = this.queued;
        this.queued = [];
        try {
          await appendJournal(
            this.journal,
            batch.map((b) => b.line),
          );
          for (const b of batch) b.done();
        } catch (error) {
          for (const b of batch) b.failed(error);
        }
      }
      this.appending = false;
    });
  }
}

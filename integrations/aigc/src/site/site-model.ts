/**
 * The site's view of the lock, read once per build and shared: the loader and every injected
 * route used to re-read `aigc.lock` and scan all its entries for each page (pages × artifacts).
 * Kept on `globalThis` because the loader and the prerendered routes are bundled apart; keyed
 * by the lock's (and journal's) size and mtime, so `astro dev` sees a new lock at once.
 */
import { stat } from 'node:fs/promises';
import { journalPath } from '../engine/lock-journal.ts';
import { readLock } from '../engine/lock.ts';
import type { LockEntry, LockFile } from '../engine/types.ts';

interface Cached {
  stamp: string;
  lock: Promise<LockFile>;
}

const SHARED = Symbol.for('astro-aigc.site-model');
type Shared = { locks: Map<string, Cached>; memo: Map<string, { stamp: string; value: Promise<unknown> }> };
const shared: Shared = ((globalThis as Record<symbol, unknown>)[SHARED] as Shared | undefined) ?? {
  locks: new Map(),
  memo: new Map(),
};
(globalThis as Record<symbol, unknown>)[SHARED] = shared;

async function stampOf(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** What identifies a lock's contents cheaply: the lock's and its journal's size and mtime. */
export async function lockStamp(lockFile: string): Promise<string> {
  return `${await stampOf(lockFile)}|${await stampOf(journalPath(lockFile))}`;
}

/** The lock (with its journal), read once while it stays unchanged on disk. Treat it as read-only. */
export async function siteLock(lockFile: string): Promise<LockFile> {
  const stamp = await lockStamp(lockFile);
  const cached = shared.locks.get(lockFile);
  if (cached?.stamp === stamp) return cached.lock;
  const lock = readLock(lockFile);
  shared.locks.set(lockFile, { stamp, lock });
  lock.catch(() => shared.locks.delete(lockFile));
  return lock;
}

/**
 * A value computed once per `stamp` (a build's inputs) and shared by every caller, e.g. the
 * page list all feeds and Markdown routes read.
 */
export function memoByStamp<T>(name: string, stamp: string, compute: () => Promise<T>): Promise<T> {
  const cached = shared.memo.get(name);
  if (cached?.stamp === stamp) return cached.value as Promise<T>;
  const value = compute();
  shared.memo.set(name, { stamp, value });
  value.catch(() => shared.memo.delete(name));
  return value;
}

const indexes = new WeakMap<LockFile, Map<string, Record<string, LockEntry>>>();

/**
 * Lock entries below a folder (`<page>/`, with its trailing slash), from an index of every
 * entry by each of its ancestor folders, built once per lock: O(assets of the page) per call.
 */
export function entriesUnder(lock: LockFile, folder: string): Record<string, LockEntry> {
  let index = indexes.get(lock);
  if (!index) {
    index = new Map();
    for (const [path, entry] of Object.entries(lock.artifacts)) {
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        const ancestor = path.slice(0, slash + 1);
        let bucket = index.get(ancestor);
        if (!bucket) index.set(ancestor, (bucket = {}));
        bucket[path] = entry;
      }
    }
    indexes.set(lock, index);
  }
  return index.get(folder) ?? {};
}

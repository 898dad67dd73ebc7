/**
 * A value computed once per stamp and kept on disk between builds, for derived data that is
 * slow to make and cheap to read back (the page list all feeds read: a thousand pages parsed
 * and sanitized each build otherwise). A file that cannot be read or written is no cache.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sha256 } from '../utils/hash.ts';

interface Stored<T> {
  stamp: string;
  value: T;
}

/** `compute()`, or what it gave last time for the same `stamp`, kept as JSON in `file`. */
export async function memoOnDisk<T>(file: string, stamp: string, compute: () => Promise<T>): Promise<T> {
  const key = sha256(stamp);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Stored<T>;
    if (stored.stamp === key) return stored.value;
  } catch {
    // Missing or unreadable: compute it.
  }
  const value = await compute();
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ stamp: key, value } satisfies Stored<T>));
  } catch {
    // A read-only cache folder only costs time.
  }
  return value;
}

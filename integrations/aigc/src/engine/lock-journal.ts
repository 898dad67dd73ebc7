import { appendFile } from 'node:fs/promises';
import type { LockEntry } from './types.ts';
import { LockError } from './lock-error.ts';
import { readFile } from '../utils/read-ledger.ts';

/** One journalled change: the entry a path now has, or none (deleted). */
export interface JournalChange {
  path: string;
  entry?: LockEntry;
}

/** The journal lives beside the lock: `aigc.lock.journal`. */
export function journalPath(lockPath: string): string {
  return `${lockPath}.journal`;
}

/** Append lines (JSON, one change each) and sync them to disk before resolving. */
export async function appendJournal(path: string, lines: readonly string[]): Promise<void> {
  await appendFile(path, `${lines.join('\n')}\n`, { flush: true });
}

/**
 * The changes in a journal, oldest first; a missing journal has none. A process killed
 * mid-append leaves a torn last line, which never finished syncing: it is dropped.
 */
export async function readJournal(path: string, displayPath = path): Promise<JournalChange[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const changes: JournalChange[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    let change: JournalChange;
    try {
      change = JSON.parse(line) as JournalChange;
    } catch (error) {
      // Only the last line can be torn (appends are whole lines, synced in order).
      if (index === lines.length - 1) break;
      throw new LockError(
        `${displayPath}:${index + 1}:1: not valid JSON (${(error as Error).message}). Delete it, then run \`aigc generate --force\` to remake what it recorded.`,
      );
    }
    if (typeof change?.path !== 'string') {
      throw new LockError(
        `${displayPath}:${index + 1}:1: a journal line without a path. Delete it, then run \`aigc generate --force\` to remake what it recorded.`,
      );
    }
    changes.push(change);
  }
  return changes;
}

import type { JobState, LockEntry } from './types.ts';

/**
 * How a job stands, from its lock entry, the hash of the file on disk and the key its
 * inputs give now. A file whose hash is not the one we wrote was edited by a person.
 */
export function jobState(entry: LockEntry | undefined, fileHash: string | undefined, key: string): JobState {
  if (fileHash === undefined) return 'new';
  if (!entry) return 'edited'; // a file we never wrote: a person's
  const ours = fileHash === entry.hash || fileHash === entry.pending?.hash;
  const sameKey = fileHash === entry.pending?.hash ? entry.pending.key === key : entry.key === key;
  if (ours) return sameKey ? 'fresh' : 'stale';
  return sameKey ? 'edited' : 'edited-stale';
}

/** States that need a provider call (unless forced otherwise). */
export function needsGeneration(state: JobState): boolean {
  return state === 'new' || state === 'stale';
}

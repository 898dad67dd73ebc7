/** A lock (or its journal) that cannot be read: the message names the file, line and fix. */
export class LockError extends Error {
  override name = 'LockError';
}

/**
 * The files and folders a run read, so that the next build can tell from their stats alone
 * that nothing it depends on changed (see warm-build.ts). Modules that read project files
 * while planning import their `fs` functions from here: outside a recording they are the
 * plain `node:fs` ones, and inside one they also note the path.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** What a recording noted: files (read, or looked for) and folders whose listing was read. */
export interface ReadLedger {
  readonly files: Set<string>;
  /** Folders listed with everything below them (a glob over `**`). */
  readonly trees: Set<string>;
}

let active: ReadLedger | undefined;

/**
 * Run `work` while noting every path read through this module. Runs do not overlap in a
 * build (Astro awaits each hook), so one ledger at a time is enough.
 */
export async function recordReads<T>(work: () => Promise<T>): Promise<{ result: T; ledger: ReadLedger }> {
  const ledger: ReadLedger = { files: new Set(), trees: new Set() };
  const outer = active;
  active = ledger;
  try {
    return { result: await work(), ledger };
  } finally {
    active = outer;
  }
}

function note(path: fs.PathLike | fs.promises.FileHandle | number): void {
  if (active && (typeof path === 'string' || path instanceof URL)) active.files.add(resolve(String(path)));
}

/** Note that `dir` was listed recursively: any file added, removed or renamed below it counts. */
export function noteTree(dir: string): void {
  active?.trees.add(resolve(dir));
}

/** Note a file found by a listing (its folder's listing is covered by `noteTree`). */
export function noteFile(path: string): void {
  if (active) {
    active.files.add(resolve(path));
    active.trees.add(dirname(resolve(path)));
  }
}

export const readFileSync = ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
  note(path as fs.PathLike);
  return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fs.readFileSync;

export const readFile = ((path: fs.PathLike | fsp.FileHandle, ...rest: unknown[]) => {
  note(path);
  return (fsp.readFile as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fsp.readFile;

export const existsSync = (path: fs.PathLike): boolean => {
  note(path);
  return fs.existsSync(path);
};

export const statSync = ((path: fs.PathLike, ...rest: unknown[]) => {
  note(path);
  return (fs.statSync as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fs.statSync;

export const stat = ((path: fs.PathLike, ...rest: unknown[]) => {
  note(path);
  return (fsp.stat as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fsp.stat;

export const realpathSync = ((path: fs.PathLike, ...rest: unknown[]) => {
  note(path);
  return (fs.realpathSync as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fs.realpathSync;

export const realpath = ((path: fs.PathLike, ...rest: unknown[]) => {
  note(path);
  return (fsp.realpath as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fsp.realpath;

/** A listing of one folder: its entries added or removed change the folder's own stat. */
export const readdir = ((path: fs.PathLike, ...rest: unknown[]) => {
  note(path);
  return (fsp.readdir as (...args: unknown[]) => unknown)(path, ...rest);
}) as typeof fsp.readdir;

/**
 * Generated assets (covers, figures, narration, captions) served as plain files at
 * `/_aigc/<path below the output folder>`: copied into the built site once the build is done,
 * and served from the output folder by the dev server. (A prerendered endpoint per file cost
 * Astro a route render each: seconds at a thousand pages.)
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { listFiles } from '../utils/list-files.ts';
import { ASSET_BASE, listAssets, mediaTypeOf } from './assets.ts';

/** The record of the last copy, and the last build's output to move its copies back from. */
export interface AssetReuse {
  /** JSON record of the last copy: each source's and each copy's size and mtime. */
  manifest: string;
  /** The last build's output folder, set aside (set-aside-output.ts). */
  previousOutput?: string | undefined;
}

type Stamps = [path: string, size: number, mtimeMs: number][];

interface Manifest {
  sources: Stamps;
  copies: Stamps;
}

/**
 * Every asset into `<dir>/_aigc/`; returns how many. When the sources are as they were at the
 * last copy and the last build's copies are untouched, that folder is moved back in one rename
 * instead (thousands of files at a thousand pages).
 */
export async function copyAssets(outputAbsolute: string, dir: string, reuse?: AssetReuse): Promise<number> {
  const files = await listAssets(outputAbsolute);
  const target = join(dir, ASSET_BASE.slice(1));
  const sources = await stampsOf(outputAbsolute, files);
  if (reuse?.previousOutput && (await moveBack(reuse.manifest, reuse.previousOutput, target, sources)))
    return files.length;
  const folders = new Set(files.map((path) => dirname(join(target, path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  // A few at a time: a thousand pages have thousands of files.
  for (let i = 0; i < files.length; i += 32) {
    await Promise.all(
      files
        .slice(i, i + 32)
        // A copy-on-write clone where the filesystem has them; never a hard link, which a
        // post-processing step writing into the build would write into the sources through.
        .map((path) => copyFile(join(outputAbsolute, path), join(target, path), constants.COPYFILE_FICLONE)),
    );
  }
  if (reuse) {
    const manifest: Manifest = { sources, copies: await stampsOf(target, files) };
    await mkdir(dirname(reuse.manifest), { recursive: true });
    await writeFile(reuse.manifest, JSON.stringify(manifest)).catch(() => {});
  }
  return files.length;
}

async function stampsOf(base: string, files: readonly string[]): Promise<Stamps> {
  return Promise.all(
    files.map(async (path): Promise<Stamps[number]> => {
      const info = await stat(join(base, path));
      return [path, info.size, info.mtimeMs];
    }),
  );
}

/** Move the last build's assets back when nothing about them changed; false to copy instead. */
async function moveBack(
  manifestFile: string,
  previousOutput: string,
  target: string,
  sources: Stamps,
): Promise<boolean> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  } catch {
    return false;
  }
  const old = join(previousOutput, ASSET_BASE.slice(1));
  const same = (a: Stamps, b: Stamps) =>
    a.length === b.length && a.every((entry, i) => entry.join('\0') === b[i]!.join('\0'));
  if (!same(manifest.sources, sources)) return false;
  try {
    const files = await listFiles(old);
    if (files.length !== manifest.copies.length) return false;
    // The copies as they were written: a step that changed one in the last build's output does not come back.
    if (
      !same(
        await stampsOf(
          old,
          manifest.copies.map(([path]) => path),
        ),
        manifest.copies,
      )
    )
      return false;
    await mkdir(dirname(target), { recursive: true });
    await rename(old, target);
    return true;
  } catch {
    return false;
  }
}

/** Dev-server middleware answering `/_aigc/…` from the output folder. */
export function assetMiddleware(outputAbsolute: string) {
  const prefix = `${ASSET_BASE}/`;
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const url = req.url ?? '';
    if (!url.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let path: string;
    try {
      path = decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0]!);
    } catch {
      return next();
    }
    const file = resolve(outputAbsolute, path);
    // Never outside the output folder, never a page's Markdown (pages have routes of their own).
    if (
      path.split('/').includes('..') ||
      !file.startsWith(`${outputAbsolute}/`) ||
      path.endsWith('.md') ||
      path.split('/').some((p) => p.startsWith('.'))
    )
      return next();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': mediaTypeOf(path), 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      next();
    }
  };
}

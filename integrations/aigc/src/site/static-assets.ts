/**
 * Generated assets (covers, figures, narration, captions) served as plain files at
 * `/_aigc/<path below the output folder>`: copied into the built site once the build is done,
 * and served from the output folder by the dev server. (A prerendered endpoint per file cost
 * Astro a route render each: seconds at a thousand pages.)
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { ASSET_BASE, listAssets, mediaTypeOf } from './assets.ts';

/** Copy every asset into `<dir>/_aigc/`; returns how many. */
export async function copyAssets(outputAbsolute: string, dir: string): Promise<number> {
  const files = await listAssets(outputAbsolute);
  const target = join(dir, ASSET_BASE.slice(1));
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
  return files.length;
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

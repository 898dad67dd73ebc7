import { constants } from 'node:fs';
import { access, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { glob } from 'tinyglobby';

export interface SearchIndexResult {
  pages: number;
  languages: string[];
  /** Set when another tool (Starlight) already indexed the site and we left its index alone. */
  skipped?: string;
}

/**
 * A static Pagefind index of the built site in `<dir>/pagefind/`: no server, one index per
 * page language; Pagefind's extended binary segments Chinese and Japanese words. The index
 * is kept in `cacheDir` by a hash of every HTML file it reads: an unchanged site copies it
 * back instead of indexing again (seconds at a thousand pages).
 */
export async function writeSearchIndex(
  dir: string,
  cacheDir?: string,
  previousOutput?: string,
): Promise<SearchIndexResult> {
  const output = join(dir, 'pagefind');
  if (await exists(join(output, 'pagefind-entry.json'))) {
    return { pages: 0, languages: [], skipped: 'the site already has a Pagefind index (Starlight builds its own)' };
  }
  if (!cacheDir) return indexSite(dir, output);
  const cached = join(cacheDir, await htmlDigest(dir));
  if (await exists(join(cached, 'pagefind-entry.json'))) {
    // The last build's own index, when it is the kept one untouched, moves back in one rename.
    const previous = previousOutput && join(previousOutput, 'pagefind');
    if (
      !(
        previous &&
        (await sameFiles(previous, cached)) &&
        (await rename(previous, output).then(
          () => true,
          () => false,
        ))
      )
    )
      await cp(cached, output, { recursive: true, mode: constants.COPYFILE_FICLONE });
    return summaryOf(output, Number(await readFile(`${cached}.pages`, 'utf8')));
  }
  const result = await indexSite(dir, output);
  try {
    // One index kept: the last site's. Written aside, then moved in whole.
    await rm(cacheDir, { recursive: true, force: true });
    await mkdir(cacheDir, { recursive: true });
    const partial = `${cached}.partial`;
    await cp(output, partial, { recursive: true, mode: constants.COPYFILE_FICLONE });
    await writeFile(`${cached}.pages`, String(result.pages));
    await rename(partial, cached);
  } catch {
    // The cache only saves time; the site has its index.
  }
  return result;
}

/** Whether two folders hold the same files with the same sizes and bytes. */
async function sameFiles(a: string, b: string): Promise<boolean> {
  try {
    const [left, right] = await Promise.all([glob('**', { cwd: a, dot: true }), glob('**', { cwd: b, dot: true })]);
    if (left.length !== right.length) return false;
    left.sort();
    right.sort();
    for (let i = 0; i < left.length; i++) {
      if (left[i] !== right[i]) return false;
      const [x, y] = await Promise.all([readFile(join(a, left[i]!)), readFile(join(b, right[i]!))]);
      if (!x.equals(y)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** sha256 over every HTML file of the built site, path and bytes. */
async function htmlDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await glob('**/*.html', { cwd: dir, dot: false })).sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function summaryOf(output: string, pages: number): Promise<SearchIndexResult> {
  const entry = JSON.parse(await readFile(join(output, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return { pages, languages: Object.keys(entry.languages).sort() };
}

async function indexSite(dir: string, output: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${dir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${output}: ${written.errors.join('; ')}`);
    return summaryOf(output, added.page_count);
  } finally {
    await pagefind.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

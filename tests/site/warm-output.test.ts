/**
 * What a warm build does with its output folder: the old build moved aside (never a linked or
 * outside folder), and the search index reused only for the same HTML.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../integrations/aigc/src/site/search-index.ts';
import { setAsideOutput } from '../../integrations/aigc/src/site/set-aside-output.ts';
import { waitFor } from '../support/wait.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aigc-output-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function page(dir: string, path: string, text: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(
    join(dir, path),
    `<!doctype html><html lang="en"><head><title>${text}</title></head><body><main><h1>${text}</h1><p>${text} body text.</p></main></body></html>`,
  );
}

describe('setting the old output aside', () => {
  it('moves the output folder out of the way and deletes it in the background', async () => {
    const dist = join(root, 'dist');
    await page(dist, 'a/index.html', 'Old page');
    const trash = join(root, 'node_modules/.aigc/trash');
    await setAsideOutput(root, dist, trash);
    expect(existsSync(dist)).toBe(false);
    await waitFor(async () => ((await readdir(trash)).length === 0 ? true : undefined), 'the old output deleted');
  });

  it('leaves a linked output folder, and one outside the project, where they are', async () => {
    const real = join(root, 'www');
    await page(real, 'index.html', 'Served');
    const project = join(root, 'project');
    await mkdir(project);
    await symlink(real, join(project, 'dist'));
    await setAsideOutput(project, join(project, 'dist'), join(project, 'node_modules/.aigc/trash'));
    expect(existsSync(join(project, 'dist/index.html'))).toBe(true);
    await setAsideOutput(project, real, join(project, 'node_modules/.aigc/trash'));
    expect(existsSync(join(real, 'index.html'))).toBe(true);
  });
});

describe('the search index of an unchanged site', () => {
  it('is copied from the cache for the same HTML, and made anew when a page changes', async () => {
    const dist = join(root, 'dist');
    const cache = join(root, 'cache');
    await page(dist, 'a/index.html', 'Alpha');
    await page(dist, 'b/index.html', 'Beta');
    const first = await writeSearchIndex(dist, cache);
    expect(first).toMatchObject({ pages: 2, languages: ['en'] });
    // Mark the cached copy: a reused index carries the mark into the site.
    const [kept] = (await readdir(cache)).filter((name) => !name.endsWith('.pages'));
    await writeFile(join(cache, kept!, 'cache-mark.txt'), 'from the cache');

    await rm(join(dist, 'pagefind'), { recursive: true });
    const second = await writeSearchIndex(dist, cache);
    expect(second).toMatchObject({ pages: 2, languages: ['en'] });
    expect(await readFile(join(dist, 'pagefind/cache-mark.txt'), 'utf8')).toBe('from the cache');

    await rm(join(dist, 'pagefind'), { recursive: true });
    await page(dist, 'b/index.html', 'Beta, edited');
    const third = await writeSearchIndex(dist, cache);
    expect(third).toMatchObject({ pages: 2 });
    expect(existsSync(join(dist, 'pagefind/cache-mark.txt'))).toBe(false);
  });
});

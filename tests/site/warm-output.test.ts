/**
 * What a warm build does with its output folder: the old build moved aside (never a linked or
 * outside folder), and the search index reused only for the same HTML.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../integrations/aigc/src/site/search-index.ts';
import { discard, setAsideOutput } from '../../integrations/aigc/src/site/set-aside-output.ts';
import { copyAssets } from '../../integrations/aigc/src/site/static-assets.ts';
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
  it('moves the output folder out of the way and deletes it in the background, but what it is told to keep', async () => {
    const dist = join(root, 'dist');
    await page(dist, 'a/index.html', 'Old page');
    await page(dist, '_aigc/card.html', 'Kept asset');
    const trash = join(root, 'node_modules/.aigc/trash');
    const aside = await setAsideOutput(root, dist, trash, ['_aigc']);
    expect(existsSync(dist)).toBe(false);
    expect(aside).toBeDefined();
    await waitFor(async () => ((await readdir(aside!)).join() === '_aigc' ? true : undefined), 'the pages deleted');
    discard(aside!);
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

describe('the generated assets of an unchanged site', () => {
  it('move back from the last build when sources and copies are as recorded, and are copied otherwise', async () => {
    const output = join(root, 'content/generated');
    await mkdir(join(output, 'posts/hello'), { recursive: true });
    await writeFile(join(output, 'posts/hello.md'), '# Hello\n');
    await writeFile(join(output, 'posts/hello/card.png'), 'png bytes');
    await writeFile(join(output, 'posts/hello/cover.svg'), '<svg/>');
    const manifest = join(root, 'cache/assets-copied.json');
    const dist = join(root, 'dist');
    const build = async () => {
      const aside = join(root, `aside-${Date.now()}`);
      if (existsSync(dist)) await rename(dist, aside);
      await mkdir(dist);
      expect(await copyAssets(output, dist, { manifest, previousOutput: existsSync(aside) ? aside : undefined })).toBe(
        2,
      );
      return aside;
    };

    await build();
    expect(await readFile(join(dist, '_aigc/posts/hello/card.png'), 'utf8')).toBe('png bytes');
    // Unchanged: the last build's folder is moved, not copied (it is gone from where it was set aside).
    let aside = await build();
    expect(existsSync(join(aside, '_aigc'))).toBe(false);
    expect(await readFile(join(dist, '_aigc/posts/hello/cover.svg'), 'utf8')).toBe('<svg/>');

    // A step that rewrote a copy in the built site: the copy is not trusted, the source is copied.
    await writeFile(join(dist, '_aigc/posts/hello/cover.svg'), '<svg>minified</svg>');
    aside = await build();
    expect(existsSync(join(aside, '_aigc'))).toBe(true);
    expect(await readFile(join(dist, '_aigc/posts/hello/cover.svg'), 'utf8')).toBe('<svg/>');

    // A source changed: copied again.
    await writeFile(join(output, 'posts/hello/card.png'), 'new png bytes');
    aside = await build();
    expect(existsSync(join(aside, '_aigc'))).toBe(true);
    expect(await readFile(join(dist, '_aigc/posts/hello/card.png'), 'utf8')).toBe('new png bytes');
  });

  it('the search index moves back from the last build for the same HTML', async () => {
    const dist = join(root, 'dist');
    const cache = join(root, 'cache');
    await page(dist, 'a/index.html', 'Alpha');
    await writeSearchIndex(dist, cache);
    const aside = join(root, 'aside');
    await rename(dist, aside);
    await page(dist, 'a/index.html', 'Alpha');
    expect(await writeSearchIndex(dist, cache, aside)).toMatchObject({ pages: 1 });
    expect(existsSync(join(aside, 'pagefind'))).toBe(false);
    expect(existsSync(join(dist, 'pagefind/pagefind-entry.json'))).toBe(true);
  });
});

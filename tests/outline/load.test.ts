import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOutlines } from '../../integrations/aigc/src/outline/load.ts';

const good = (title: string): string => `---\ntitle: ${title}\n---\n\n## Section\n- a point\n`;

let root: string;
let outside: string;

async function write(path: string, text: string): Promise<void> {
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, text);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aigc-load-'));
  outside = await mkdtemp(join(tmpdir(), 'aigc-outside-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('loadOutlines', () => {
  it('reads collections and nested slugs, sorted, with project-relative files', async () => {
    await write('content/outlines/guides/setup/install.md', good('Install'));
    await write('content/outlines/articles/what-is-aigc.md', good('What'));
    await write('content/outlines/articles/applications.md', good('Apps'));
    await write('content/outlines/articles/notes.txt', 'not an outline');
    await write('content/outlines/articles/.draft.md', 'hidden, skipped');

    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(errors).toEqual([]);
    expect(outlines.map((o) => [o.collection, o.slug, o.file])).toEqual([
      ['articles', 'applications', 'content/outlines/articles/applications.md'],
      ['articles', 'what-is-aigc', 'content/outlines/articles/what-is-aigc.md'],
      ['guides', 'setup/install', 'content/outlines/guides/setup/install.md'],
    ]);
    expect(outlines[0]!.data.lang).toBe('en');
  });

  it('accepts an absolute outlines folder', async () => {
    await write('content/outlines/articles/a.md', good('A'));
    const { outlines } = await loadOutlines(root, join(root, 'content/outlines'), 'en');
    expect(outlines.map((o) => o.file)).toEqual(['content/outlines/articles/a.md']);
  });

  it('returns nothing, without error, when the folder does not exist yet', async () => {
    expect(await loadOutlines(root, 'content/outlines', 'en')).toEqual({ outlines: [], errors: [] });
  });

  it('keeps going past bad files and reports each one', async () => {
    await write('content/outlines/articles/a-good.md', good('Good'));
    await write('content/outlines/articles/b-bad.md', '---\ndescription: no title\n---\n## A\n');
    await write('content/outlines/articles/c-good.md', good('Also good'));
    await write('content/outlines/loose.md', good('Loose'));

    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(outlines.map((o) => o.slug)).toEqual(['a-good', 'c-good']);
    expect(errors.map((e) => [e.file, e.ruleId])).toEqual([
      ['content/outlines/articles/b-bad.md', 'missing-title'],
      ['content/outlines/loose.md', 'outline-outside-collection'],
    ]);
    expect(errors[1]!.hint).toContain('content/outlines/articles/loose.md');
  });

  it('rejects names that are not URL-safe and suggests one', async () => {
    await write('content/outlines/articles/My Intro.md', good('Intro'));
    await write('content/outlines/Blog Posts/post.md', good('Post'));
    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(outlines).toEqual([]);
    expect(errors.map((e) => [e.file, e.ruleId, e.hint])).toEqual([
      ['content/outlines/Blog Posts/post.md', 'invalid-slug', 'rename it to `blog-posts`'],
      ['content/outlines/articles/My Intro.md', 'invalid-slug', 'rename it to `my-intro`'],
    ]);
  });

  it('reports two files that become the same page, naming both, and loads neither', async () => {
    await write('content/outlines/articles/Intro.md', good('Upper'));
    await write('content/outlines/articles/intro.md', good('Lower'));
    await write('content/outlines/articles/other.md', good('Other'));
    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(outlines.map((o) => o.slug)).toEqual(['other']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.ruleId).toBe('duplicate-slug');
    expect(errors[0]!.message).toContain('content/outlines/articles/Intro.md');
    expect(errors[0]!.message).toContain('content/outlines/articles/intro.md');
    expect(errors[0]!.message).toContain('articles/intro');
  });

  it('treats intro.md and intro.MD as the same page', async () => {
    await write('content/outlines/articles/intro.md', good('a'));
    await write('content/outlines/articles/intro.MD', good('b'));
    const { errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(errors.map((e) => e.ruleId)).toEqual(['duplicate-slug']);
  });

  it('refuses symbolic links that lead outside the outlines folder', async () => {
    await writeFile(join(outside, 'secret.md'), good('Secret'));
    await mkdir(join(outside, 'folder'));
    await writeFile(join(outside, 'folder', 'x.md'), good('X'));
    await write('content/outlines/articles/fine.md', good('Fine'));
    await symlink(join(outside, 'secret.md'), join(root, 'content/outlines/articles/secret.md'));
    await symlink(join(outside, 'folder'), join(root, 'content/outlines/articles/folder'));
    await symlink(join(outside, 'missing.md'), join(root, 'content/outlines/articles/broken.md'));

    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(outlines.map((o) => o.slug)).toEqual(['fine']);
    expect(errors.map((e) => [e.file, e.ruleId])).toEqual([
      ['content/outlines/articles/broken.md', 'broken-link'],
      ['content/outlines/articles/folder', 'path-escape'],
      ['content/outlines/articles/secret.md', 'path-escape'],
    ]);
  });

  it('follows links inside the folder and survives a link loop', async () => {
    await write('content/outlines/articles/real.md', good('Real'));
    await symlink(join(root, 'content/outlines/articles/real.md'), join(root, 'content/outlines/articles/alias.md'));
    await symlink(join(root, 'content/outlines'), join(root, 'content/outlines/articles/loop'));
    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');
    expect(errors).toEqual([]);
    expect(outlines.map((o) => [o.slug, o.file])).toEqual([
      ['alias', 'content/outlines/articles/alias.md'],
      ['real', 'content/outlines/articles/real.md'],
    ]);
  });

  it('never yields an id whose output path leaves the output folder', async () => {
    const names = [
      'a..b.md',
      '..md',
      '...md',
      '-dash.md',
      'ok.md',
      'ünïcode.md',
      '%2e%2e.md',
      'con.md',
      'UPPER.md',
      'a b.md',
    ];
    for (const name of names) await write(`content/outlines/articles/${name}`, good(name));
    await write('content/outlines/articles/deep/er/slug.md', good('deep'));
    const { outlines, errors } = await loadOutlines(root, 'content/outlines', 'en');

    const output = resolve(root, 'content/generated');
    for (const outline of outlines) {
      const target = resolve(output, outline.collection, `${outline.slug}.md`);
      const rel = relative(output, target);
      expect(rel.startsWith('..') || isAbsolute(rel)).toBe(false);
    }
    expect(outlines.map((o) => o.slug)).toEqual(['con', 'deep/er/slug', 'ok']);
    // Every other visible name is reported, not silently dropped (dot-files are skipped).
    expect(errors.map((e) => e.ruleId)).toEqual(Array(6).fill('invalid-slug'));
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, listMarkdown, listMarkdownSync } from '../../integrations/aigc/src/utils/list-files.ts';

const root = mkdtempSync(join(tmpdir(), 'aigc-list-files-'));
const outside = mkdtempSync(join(tmpdir(), 'aigc-list-outside-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('listing generated files', () => {
  mkdirSync(join(root, 'b/deep'), { recursive: true });
  mkdirSync(join(root, '.hidden'), { recursive: true });
  for (const file of ['b/deep/z.md', 'a.md', 'b/cover.png', '.hidden/x.md', 'b/.draft.md'])
    writeFileSync(join(root, file), 'x');
  writeFileSync(join(outside, 'secret.md'), 'x');
  symlinkSync(join(outside, 'secret.md'), join(root, 'link.md'));
  symlinkSync(outside, join(root, 'linked-folder'));

  it('lists files below a folder, sorted, without hidden ones or symbolic links', async () => {
    expect(await listFiles(root)).toEqual([join(root, 'a.md'), join(root, 'b/cover.png'), join(root, 'b/deep/z.md')]);
    expect(await listMarkdown(root)).toEqual([join(root, 'a.md'), join(root, 'b/deep/z.md')]);
    expect(listMarkdownSync(root)).toEqual(await listMarkdown(root));
    expect(await listFiles(root, (name) => !name.endsWith('.md'))).toEqual([join(root, 'b/cover.png')]);
  });

  it('finds nothing in a folder that does not exist yet', async () => {
    expect(await listFiles(join(root, 'missing'))).toEqual([]);
    expect(listMarkdownSync(join(root, 'missing'))).toEqual([]);
  });
});

/** `aigc clean`: removes what no outline produces any more, keeps a person's edits, and refuses when it cannot tell. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clean, generate } from '../../integrations/aigc/src/api.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';

const options = { narration: false, covers: false };
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const outline = (title: string) =>
  `---\ntitle: ${title}\n---\n\n## First part\n- one point about ${title}\n\n## Second part\n- another point\n`;

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aigc-clean-'));
  await mkdir(join(root, 'content/outlines/notes'), { recursive: true });
  await writeFile(join(root, 'content/outlines/notes/kept.md'), outline('Kept'));
  await writeFile(join(root, 'content/outlines/notes/dropped.md'), outline('Dropped'));
  const { report } = await generate({ root, options, logger: quiet, env: {} });
  expect(report.failed).toHaveLength(0);
});

const lockPaths = async () => Object.keys(JSON.parse(await readFile(join(root, 'aigc.lock'), 'utf8')).artifacts);

describe('clean', () => {
  it('removes the files and lock entries of a deleted outline, and nothing else', async () => {
    await rm(join(root, 'content/outlines/notes/dropped.md'));
    const dry = await clean({ root, options, dryRun: true });
    expect(dry.removed).toContain('content/generated/notes/dropped.md');
    expect(existsSync(join(root, 'content/generated/notes/dropped.md'))).toBe(true);

    const result = await clean({ root, options });
    expect(result.removed).toEqual(expect.arrayContaining(['content/generated/notes/dropped.md']));
    expect(result.removed.every((path) => path.includes('dropped'))).toBe(true);
    expect(existsSync(join(root, 'content/generated/notes/dropped.md'))).toBe(false);
    expect(existsSync(join(root, 'content/generated/notes/kept.md'))).toBe(true);
    expect(await lockPaths()).toEqual(expect.arrayContaining(['content/generated/notes/kept.md']));
    expect((await lockPaths()).some((path) => path.includes('dropped'))).toBe(false);
  });

  it('keeps an orphan a person edited, unless forced', async () => {
    await writeFile(join(root, 'content/generated/notes/dropped.md'), 'A person rewrote this.\n');
    await rm(join(root, 'content/outlines/notes/dropped.md'));
    const result = await clean({ root, options });
    expect(result.keptEdited).toEqual(['content/generated/notes/dropped.md']);
    expect(await readFile(join(root, 'content/generated/notes/dropped.md'), 'utf8')).toBe('A person rewrote this.\n');
    const forced = await clean({ root, options, force: true });
    expect(forced.removed).toContain('content/generated/notes/dropped.md');
    expect(existsSync(join(root, 'content/generated/notes/dropped.md'))).toBe(false);
  });

  it('refuses while an outline has an error, naming it, and deletes nothing', async () => {
    await writeFile(
      join(root, 'content/outlines/notes/dropped.md'),
      '---\ntitel: Dropped\n---\n\n## First part\n- x\n',
    );
    await expect(clean({ root, options })).rejects.toThrow(
      /Not cleaning: 1 outline\(s\) have errors[\s\S]*content\/outlines\/notes\/dropped\.md:2:1/,
    );
    expect(existsSync(join(root, 'content/generated/notes/dropped.md'))).toBe(true);
  });

  it('refuses when no outline is found at all, instead of deleting everything', async () => {
    await rm(join(root, 'content/outlines'), { recursive: true });
    await expect(clean({ root, options })).rejects.toThrow(/no outlines found in content\/outlines/);
    expect(existsSync(join(root, 'content/generated/notes/kept.md'))).toBe(true);
  });
});

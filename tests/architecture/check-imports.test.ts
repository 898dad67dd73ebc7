import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImports, findCycles, readLayers } from '../../scripts/check-imports.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const script = join(repo, 'scripts/check-imports.ts');

const TABLE = `# Layers

| Layer | Files | Its one job | May import |
| --- | --- | --- | --- |
| \`base\` | \`base/\` | helpers | nothing |
| \`middle\` | \`middle/\` | the work | \`base\` |
| \`top\` | \`top/\`, \`main.ts\` | wiring | \`middle\` |
`;

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A source tree and its ARCHITECTURE.md in a fresh folder. */
async function tree(files: Record<string, string>, table = TABLE): Promise<{ src: string; architecture: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'check-imports-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, 'src', path)), { recursive: true });
    await writeFile(join(dir, 'src', path), text);
  }
  await writeFile(join(dir, 'ARCHITECTURE.md'), table);
  return { src: join(dir, 'src'), architecture: join(dir, 'ARCHITECTURE.md') };
}

const CLEAN = {
  'base/hash.ts': 'export const hash = (s: string) => s.length;\n',
  'middle/job.ts': "import { hash } from '../base/hash.ts';\nexport const key = (s: string) => hash(s);\n",
  'top/api.ts': "import { key } from '../middle/job.ts';\nexport { key };\n",
  'main.ts': "export * from './top/api.ts';\n",
};

describe('check-imports', () => {
  it('reads the layers, lowest first, with what each may import', () => {
    expect(readLayers(TABLE)).toEqual([
      { name: 'base', files: ['base/'], mayImport: [] },
      { name: 'middle', files: ['middle/'], mayImport: ['base'] },
      { name: 'top', files: ['top/', 'main.ts'], mayImport: ['middle'] },
    ]);
  });

  it('passes a tree that keeps to its layers', async () => {
    const { src, architecture } = await tree(CLEAN);
    expect(checkImports(src, architecture)).toEqual([]);
  });

  it('fails on an upward import, naming the file, the line and both layers', async () => {
    const { src, architecture } = await tree({
      ...CLEAN,
      'base/hash.ts':
        "\nimport type { key } from '../middle/job.ts';\nexport const hash = (s: string) => s.length;\nexport type Key = typeof key;\n",
    });
    const problems = checkImports(src, architecture);
    expect(problems).toContainEqual({
      file: 'base/hash.ts',
      line: 2,
      message: expect.stringMatching(/^type import of middle\/job\.ts runs up from base to middle\./),
    });
  });

  it('fails on an import past what a layer may import, though it runs down', async () => {
    const { src, architecture } = await tree({
      ...CLEAN,
      'top/api.ts': "import { hash } from '../base/hash.ts';\nexport { hash };\n",
    });
    expect(checkImports(src, architecture)).toEqual([
      {
        file: 'top/api.ts',
        line: 1,
        message: expect.stringMatching(/^import of base\/hash\.ts: top may import middle, not base\./),
      },
    ]);
  });

  it('fails on a cycle inside one layer, type-only imports included', async () => {
    const { src, architecture } = await tree({
      ...CLEAN,
      'middle/run.ts': "import type { Outcome } from './progress.ts';\nexport const run = (o: Outcome) => o;\n",
      'middle/progress.ts':
        "import { run } from './run.ts';\nexport type Outcome = string;\nexport const again = run;\n",
    });
    const problems = checkImports(src, architecture);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(
      /^import cycle: middle\/progress\.ts -> middle\/run\.ts -> middle\/progress\.ts\./,
    );
  });

  it('fails on a file in no layer, and on a table whose layer imports upwards', async () => {
    const upside = TABLE.replace('| helpers | nothing |', '| helpers | `top` |');
    const { src, architecture } = await tree({ ...CLEAN, 'stray.ts': 'export const stray = 1;\n' }, upside);
    const messages = checkImports(src, architecture).map((p) => p.message);
    expect(messages).toContainEqual(expect.stringMatching(/^is in no layer\./));
    expect(messages).toContainEqual(
      'layer base may import top, which is not below it. List layers lowest first; a layer imports only lower ones.',
    );
  });

  it('follows re-exports, dynamic import() and the scripts of .astro files', async () => {
    const { src, architecture } = await tree({
      ...CLEAN,
      'middle/lazy.ts': "export const load = () => import('../top/api.ts');\n",
      'base/Card.astro':
        "---\nimport { key } from '../middle/job.ts';\n---\n<p>{key('a')}</p>\n<script>\nimport '../top/api.ts';\n</script>\n",
    });
    const found = checkImports(src, architecture).map((p) => `${p.file}:${p.line}`);
    expect(found.sort()).toEqual(['base/Card.astro:2', 'base/Card.astro:6', 'middle/lazy.ts:1']);
  });

  it('finds every cycle of a graph, and none in a chain', () => {
    const edge = (from: string, to: string) => ({ from, to, line: 1, typeOnly: false });
    expect(findCycles([edge('a', 'b'), edge('b', 'c')])).toEqual([]);
    expect(findCycles([edge('a', 'b'), edge('b', 'a'), edge('c', 'c'), edge('d', 'a')])).toEqual([['a', 'b'], ['c']]);
  });

  it('exits non-zero from the command line on a broken tree, and zero on this repository', async () => {
    const { src, architecture } = await tree({
      ...CLEAN,
      'base/hash.ts': "import '../top/api.ts';\nexport const hash = (s: string) => s.length;\n",
    });
    const failed = await run(process.execPath, [script, '--src', src, '--architecture', architecture], {
      cwd: repo,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/base\/hash\.ts:1: import of top\/api\.ts runs up from base to top\./);
    expect(failed?.stderr).toMatch(/import cycle: /);

    const ok = await run(process.execPath, [script], { cwd: repo });
    expect(ok.stdout).toMatch(/^check-imports: \d+ files, no cycles/);
  });
});

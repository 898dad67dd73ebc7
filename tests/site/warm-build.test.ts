/**
 * The warm build's shortcut (warm-build.ts): a build that finds nothing changed since the
 * last clean one reports it again without planning. Every way a user or a teammate changes
 * what a build would make must defeat it; and every file planning reads must be noted.
 */
import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../integrations/aigc/src/api.ts';
import { parseOptions, type AigcUserOptions } from '../../integrations/aigc/src/options.ts';
import { recordReads } from '../../integrations/aigc/src/utils/read-ledger.ts';
import {
  stampBuild,
  summarise,
  unchangedSinceLastBuild,
  type WarmBuildSettings,
} from '../../integrations/aigc/src/warm-build.ts';
import { repoRoot, templateRoot } from '../support/build-site.ts';

// The CommonJS object: its properties can be patched (an ESM namespace's cannot).
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const OPTIONS: AigcUserOptions = { narration: false, covers: false, limits: { requestsPerMinute: 0 } };

let root: string;

function settings(user: AigcUserOptions = OPTIONS, env: NodeJS.ProcessEnv = {}): WarmBuildSettings {
  return { root, options: parseOptions(user), env, collectionBase: {}, command: 'build' };
}

/** One build as the integration runs it: plan and run while noting reads, then leave the stamp. */
async function build(current = settings()): Promise<void> {
  const { result, ledger } = await recordReads(() =>
    generate({ root, options: current.options, env: current.env, logger: silent }),
  );
  stampBuild(current, result, ledger, summarise(result, []), silent);
}

/** Move a file's times back, as if it were written long ago (so its stat is trusted alone). */
async function age(path: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(join(root, path), past, past);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aigc-warm-'));
  await cp(join(templateRoot('basic'), 'content'), join(root, 'content'), { recursive: true });
  await mkdir(join(root, 'content/sources'), { recursive: true });
  await writeFile(join(root, 'content/sources/facts.md'), '# Facts\n\nThe sky is blue.\n');
  const second = join(root, 'content/outlines/posts/second.md');
  await writeFile(
    second,
    (await readFile(second, 'utf8')).replace(
      /^---\n/,
      '---\nsources:\n  - src: content/sources/facts.md\n    title: Facts\n',
    ),
  );
  await build();
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a build after a clean one', () => {
  it('is told nothing changed, with the last run figures as reused', async () => {
    const summary = unchangedSinceLastBuild(settings());
    expect(summary).toMatchObject({ generated: 0, reused: 4, failed: 0, outlineErrors: 0, calls: 0 });
  });

  it('plans again after an outline is edited, even to the same size and mtime when the stamp was racy', async () => {
    const path = join(root, 'content/outlines/posts/hello.md');
    const before = fs.statSync(path);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('warmly', 'WARMLY'));
    await utimes(path, before.atime, before.mtime);
    expect(fs.statSync(path).size).toBe(before.size);
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
  });

  it('plans again when an outline is added, or a generated file is deleted or edited by hand', async () => {
    await writeFile(join(root, 'content/outlines/posts/third.md'), '---\ntitle: Third\n---\n\n## One\n- a\n');
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
    await rm(join(root, 'content/outlines/posts/third.md'));
    await build();
    expect(unchangedSinceLastBuild(settings())).toBeDefined();

    await rm(join(root, 'content/generated/posts/hello/card.png'));
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
    await build();

    await writeFile(join(root, 'content/generated/posts/hello.md'), 'edited by a person\n', { flag: 'a' });
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
  });

  it('plans again when a source an outline cites changes', async () => {
    await age('content/sources/facts.md');
    await build();
    expect(unchangedSinceLastBuild(settings())).toBeDefined();
    await writeFile(join(root, 'content/sources/facts.md'), '# Facts\n\nThe sky is green.\n');
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
  });

  it('plans again for other options, a key, another server, or another day', () => {
    expect(unchangedSinceLastBuild(settings({ ...OPTIONS, lang: 'de' }))).toBeUndefined();
    expect(unchangedSinceLastBuild(settings(OPTIONS, { OPENAI_API_KEY: 'sk-teammate' }))).toBeUndefined();
    expect(unchangedSinceLastBuild(settings(OPTIONS, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }))).toBeUndefined();
    const tomorrow = { ...settings(), today: new Date(Date.now() + 86_400_000) };
    expect(unchangedSinceLastBuild(tomorrow)).toBeUndefined();
  });

  it('never writes the key into the stamp', async () => {
    const keyed = settings(OPTIONS, { OPENAI_API_KEY: 'sk-secret-in-env', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const { result, ledger } = await recordReads(() =>
      generate({ root, options: keyed.options, env: keyed.env, logger: silent, dryRun: true }),
    );
    stampBuild(keyed, result, ledger, summarise(result, []), silent);
    const stamp = await readFile(join(root, 'node_modules/.aigc/warm-build.json'), 'utf8');
    expect(stamp).not.toContain('sk-secret-in-env');
  });

  it('is not stamped after a run with an outline error', async () => {
    await writeFile(join(root, 'content/outlines/posts/broken.md'), '---\ntitle: [unclosed\n---\n');
    await build();
    await rm(join(root, 'content/outlines/posts/broken.md'));
    // Even with the bad file gone, the next build plans (and reports) in full.
    expect(unchangedSinceLastBuild(settings())).toBeUndefined();
  });
});

/**
 * Audit a run with node:fs itself patched: whatever the pipeline reads, by any import, is
 * seen here. Returns the project files read that the ledger did not note.
 */
async function unnotedReads(
  project: string,
  run: () => Promise<unknown>,
): Promise<{ read: number; unnoted: string[] }> {
  const seen = new Set<string>();
  const targets = [
    [
      fs as unknown as Record<string, unknown>,
      ['readFileSync', 'existsSync', 'statSync', 'realpathSync', 'readdirSync'],
    ],
    [fs.promises as unknown as Record<string, unknown>, ['readFile', 'stat', 'realpath', 'readdir']],
  ] as const;
  const restore: (() => void)[] = [];
  for (const [target, names] of targets)
    for (const name of names) {
      const original = target[name] as (...args: unknown[]) => unknown;
      restore.push(() => {
        target[name] = original;
      });
      target[name] = (path: unknown, ...rest: unknown[]) => {
        if (typeof path === 'string') seen.add(resolve(path));
        return original.call(target, path, ...rest);
      };
    }
  syncBuiltinESMExports();
  let ledger: Awaited<ReturnType<typeof recordReads>>['ledger'];
  try {
    ({ ledger } = await recordReads(run));
  } finally {
    for (const undo of restore) undo();
    syncBuiltinESMExports();
  }
  // Files only: module resolution (the test runner's own) stats folders and probes for package.json files.
  const read = [...seen].filter(
    (path) =>
      path.startsWith(project + sep) &&
      !path.includes(`${sep}node_modules${sep}`) &&
      fs.statSync(path, { throwIfNoEntry: false })?.isFile() === true,
  );
  const covered = (path: string) =>
    ledger.files.has(path) || [...ledger.trees].some((tree) => path === tree || path.startsWith(tree + sep));
  return { read: read.length, unnoted: read.filter((path) => !covered(path)) };
}

describe('the read ledger', () => {
  it('notes every project file that planning and a fresh run read through node:fs', async () => {
    const { read, unnoted } = await unnotedReads(root, () =>
      generate({ root, options: settings().options, env: {}, logger: silent }),
    );
    expect(read).toBeGreaterThan(4);
    expect(unnoted).toEqual([]);
  });

  it('notes every file planning the demo reads: style, lexicon, glossary, sources, the API reference source', async () => {
    const config = (await import('../../astro.config.mjs')).default as {
      integrations: { name: string; aigcOptions?: AigcUserOptions }[];
    };
    const options = config.integrations.find((integration) => integration.name === 'astro-aigc')?.aigcOptions;
    expect(options).toBeDefined();
    // A dry run plans and reads like a build, and writes nothing into the repository.
    const { read, unnoted } = await unnotedReads(repoRoot.replace(/[\\/]$/, ''), () =>
      generate({ root: repoRoot, options: options ?? {}, env: {}, logger: silent, dryRun: true }),
    );
    expect(read).toBeGreaterThan(50);
    expect(unnoted).toEqual([]);
  });
});

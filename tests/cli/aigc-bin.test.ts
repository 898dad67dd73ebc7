/**
 * The `aigc` command as users run it: the real bin in a child process, on the "basic"
 * fixture project (offline), and once from a copy installed inside node_modules, where
 * Node refuses to strip TypeScript types by itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv, fixtureRoot, repoRoot, resetFixture } from '../support/build-site.ts';

const BIN = join(repoRoot, 'integrations/aigc/bin/aigc.mjs');

function aigc(args: string[], root: string, bin = BIN) {
  const run = spawnSync(process.execPath, [bin, ...args, '--root', root], {
    cwd: root,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('aigc, offline, on a fixture project', () => {
  let root: string;
  const page = 'content/generated/posts/hello.md';

  beforeAll(async () => {
    root = await resetFixture('basic', 'cli');
  });

  it('prints its usage', () => {
    const run = aigc(['--help'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: aigc <command> \[options\]/);
    expect(run.stdout).toContain('--frozen');
  });

  it('--dry-run lists what is new and writes nothing', () => {
    const run = aigc(['generate', '--dry-run'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`new\\s+article\\s+${page}`));
    expect(existsSync(join(root, page))).toBe(false);
    expect(existsSync(join(root, 'aigc.lock'))).toBe(false);
  });

  it('--frozen fails on a project with nothing generated, naming what is missing', () => {
    const run = aigc(['generate', '--frozen'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(page);
  });

  it('generate writes the pages and the lock; status then shows everything fresh', () => {
    const run = aigc(['generate'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(root, page))).toBe(true);
    const status = aigc(['status', '--json'], root);
    expect(status.code).toBe(0);
    const states = JSON.parse(status.stdout) as { path: string; state: string }[];
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['fresh']));
  });

  it('status shows a hand edit as edited and an outline edit as stale', () => {
    writeFileSync(join(root, page), `${readFileSync(join(root, page), 'utf8')}\nA line a person added.\n`);
    const outline = join(root, 'content/outlines/posts/second.md');
    writeFileSync(outline, readFileSync(outline, 'utf8').replace(/^title: .*$/m, 'title: A retitled second page'));
    const states = JSON.parse(aigc(['status', '--json'], root).stdout) as { path: string; state: string }[];
    expect(states.find((s) => s.path === page)?.state).toBe('edited');
    expect(states.find((s) => s.path === 'content/generated/posts/second.md')?.state).toBe('stale');
  });

  it('diff says why: the hand edit is kept, the retitled outline changed its title', () => {
    const run = aigc(['diff'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`edited\\s+article\\s+${page}\\n\\s+- edited by hand`));
    expect(run.stdout).toMatch(
      /stale\s+article\s+content\/generated\/posts\/second\.md\n\s+- outline or options changed: title/,
    );
  });

  it('clean removes what a deleted outline produced and keeps the rest', () => {
    rmSync(join(root, 'content/outlines/posts/second.md'));
    const run = aigc(['clean'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('removed content/generated/posts/second.md');
    expect(existsSync(join(root, 'content/generated/posts/second.md'))).toBe(false);
    expect(existsSync(join(root, page))).toBe(true);
  });

  it('a usage mistake exits 2 with the reason', () => {
    const run = aigc(['generate', '--budget', 'lots'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--budget takes an amount in US dollars');
  });
});

describe('aigc installed inside node_modules', () => {
  it('runs its TypeScript there too (the load hook strips the types Node would refuse to)', async () => {
    // A copy of the package in a node_modules folder inside the repo, so its dependencies resolve.
    const modules = join(fixtureRoot('cli-installed'), 'node_modules');
    rmSync(fixtureRoot('cli-installed'), { recursive: true, force: true });
    mkdirSync(modules, { recursive: true });
    const copy = join(modules, 'astro-aigc');
    cpSync(join(repoRoot, 'integrations/aigc'), copy, {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
    const root = await resetFixture('basic', 'cli-installed-project');
    const run = aigc(['status'], root, join(copy, 'bin/aigc.mjs'));
    expect(run.stderr).not.toContain('ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/new\s+article\s+content\/generated\/posts\/hello\.md/);
    expect(run.stderr).not.toContain('ExperimentalWarning');
  });
});

describe('aigc on a project whose aigc() options are wrong', () => {
  it('prints every problem with its "did you mean" and the fix, and exits 1 without a stack trace', async () => {
    const root = await resetFixture('options', 'cli-options');
    const env = {
      ...childEnv(),
      AIGC_FIXTURE_OPTIONS: JSON.stringify({ narations: true, speech: { provider: 'ofline' } }),
    };
    const run = spawnSync(process.execPath, [BIN, 'status', '--root', root], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        'aigc: Invalid astro-aigc options (2 problems):',
        '- `speech.provider`: "ofline" is not one of "auto", "openai", "offline". Did you mean "offline"?',
        '- `narations`: unknown option. Did you mean `narration`?',
        'Fix them in aigc({ … }) in your Astro config. Every option, its default and its meaning: the options table in the astro-aigc README.',
        '',
      ].join('\n'),
    );
  });
});

/** Build a fixture site for real with `astro build` in a child process, as expressive-code's tests do. */
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(repoRoot, 'node_modules/astro/bin/astro.mjs');

/** Templates live in tests/fixtures/sites/<name>; each test builds its own copy, so test files can run in parallel. */
export function templateRoot(name: string): string {
  return join(repoRoot, 'tests/fixtures/sites', name);
}

/** The working copy a test builds (inside the repo, so `astro` and `astro-aigc` resolve). */
export function fixtureRoot(copy: string): string {
  return join(repoRoot, 'tests/fixtures/sites/.work', copy);
}

/** A fresh copy of a fixture template: its config, pages and outlines, nothing generated. */
export async function resetFixture(template: string, copy: string = template): Promise<string> {
  const root = fixtureRoot(copy);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await cp(templateRoot(template), root, {
    recursive: true,
    filter: (source) =>
      !/[\\/](dist|\.astro|node_modules|generated)([\\/]|$)|aigc\.lock$/.test(
        source.slice(templateRoot(template).length),
      ),
  });
  return root;
}

/**
 * The environment for an Astro child process: this one's, without vitest's variables
 * (Vite changes behaviour under VITEST, and a dev server would not listen) and without
 * any real OpenAI settings.
 */
export function childEnv(): NodeJS.ProcessEnv {
  // NO_COLOR: tests read the output as text, and CI=true makes Astro colour it.
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST' || key.startsWith('OPENAI_')) delete env[key];
  }
  return env;
}

export interface BuildResult {
  code: number | null;
  output: string;
  dist: string;
}

/** `astro build` on a fixture site; env adds to (or with undefined, removes from) the environment. */
export async function buildFixture(name: string, env: Record<string, string | undefined> = {}): Promise<BuildResult> {
  const root = fixtureRoot(name);
  const vars = childEnv();
  for (const [key, value] of Object.entries(env)) vars[key] = value;
  for (const key of Object.keys(vars)) if (vars[key] === undefined) delete vars[key];
  const child = spawn(process.execPath, [astroBin, 'build', '--root', root], { cwd: root, env: vars });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // Astro colours its output when it thinks a terminal or CI wants it (CI=true does): assert on text.
  return { code, output: stripVTControlCharacters(output), dist: join(root, 'dist') };
}

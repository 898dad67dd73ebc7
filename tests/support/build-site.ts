/** Build a fixture site for real with `astro build` in a child process, as expressive-code's tests do. */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(repoRoot, 'node_modules/astro/bin/astro.mjs');

export function fixtureRoot(name: string): string {
  return join(repoRoot, 'tests/fixtures/sites', name);
}

/** Remove what a previous build generated, so the test starts cold. */
export async function resetFixture(name: string): Promise<void> {
  const root = fixtureRoot(name);
  for (const path of ['content/generated', 'aigc.lock', 'dist', '.astro', 'node_modules/.astro', 'node_modules/.aigc']) {
    await rm(join(root, path), { recursive: true, force: true });
  }
}

export interface BuildResult {
  code: number | null;
  output: string;
  dist: string;
}

/** `astro build` on a fixture site; env adds to (or with undefined, removes from) the environment. */
export async function buildFixture(name: string, env: Record<string, string | undefined> = {}): Promise<BuildResult> {
  const root = fixtureRoot(name);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const [key, value] of Object.entries(env)) childEnv[key] = value;
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [astroBin, 'build', '--root', root], { cwd: root, env: childEnv });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output, dist: join(root, 'dist') };
}

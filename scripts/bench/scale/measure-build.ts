/** One `astro build` in a child process: wall time and peak RSS (GNU time's %M, in KiB). */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const astroBin = join(repoRoot, 'node_modules/astro/bin/astro.mjs');

export interface BuildFigures {
  seconds: number;
  peakRssMb: number;
  output: string;
}

/** The build's environment: no key or base URL of the caller's (offline), unless `extra` gives them. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('OPENAI_') || key.startsWith('VITEST')) delete env[key];
  return { ...env, ...extra };
}

export async function measureBuild(root: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BuildFigures> {
  const timeFile = join(root, '.bench-time');
  await rm(timeFile, { force: true });
  const started = performance.now();
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%M', '-o', timeFile, process.execPath, astroBin, 'build', '--root', root],
    { cwd: root, env: childEnv(extraEnv) },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`astro build failed in ${root} (exit ${code}):\n${output.slice(-3000)}`);
  const kib = Number((await readFile(timeFile, 'utf8')).trim().split('\n').at(-1));
  return { seconds, peakRssMb: kib / 1024, output };
}

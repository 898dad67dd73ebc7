/**
 * Install footprint: node_modules of a fresh Astro site with astro-aigc (from `npm pack`)
 * against the same site with Astro alone, installed in the same run from the same npm cache.
 *
 *   npm run bench:install      prints both sizes, the ratio and the tarball's size
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageDir = join(repoRoot, 'integrations/aigc');

/** Bytes on disk under a folder (files' sizes; links not followed). */
async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await sizeOf(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

async function freshSite(work: string, name: string, installs: string[]): Promise<number> {
  const site = join(work, name);
  await mkdir(site);
  const astro = JSON.parse(await readFile(join(repoRoot, 'node_modules/astro/package.json'), 'utf8')).version as string;
  await writeFile(
    join(site, 'package.json'),
    JSON.stringify({ name, type: 'module', private: true, dependencies: { astro: `^${astro}` } }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...installs], {
    cwd: site,
    stdio: 'ignore',
  });
  return sizeOf(join(site, 'node_modules'));
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const work = await mkdtemp(join(tmpdir(), 'aigc-footprint-'));
try {
  execFileSync(process.execPath, [join(packageDir, 'scripts/build.mjs')], { stdio: 'inherit' });
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const [info] = JSON.parse(packed.slice(packed.indexOf('['))) as {
    filename: string;
    size: number;
    unpackedSize: number;
  }[];
  const astroOnly = await freshSite(work, 'astro-only', []);
  const withAigc = await freshSite(work, 'with-aigc', [join(work, info!.filename)]);
  console.log(
    `tarball: ${(info!.size / 1e3).toFixed(0)} kB packed, ${(info!.unpackedSize / 1e3).toFixed(0)} kB unpacked`,
  );
  console.log(`node_modules, Astro alone:      ${mb(astroOnly)}`);
  console.log(
    `node_modules, with astro-aigc:  ${mb(withAigc)}  (${(withAigc / astroOnly).toFixed(2)}× Astro's own; goal ≤ 1.6×)`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}

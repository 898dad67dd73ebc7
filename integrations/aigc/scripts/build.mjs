#!/usr/bin/env node
// Builds the package for npm: tsc compiles src/ to dist/ (JavaScript + .d.ts, one file per
// source file so lazy imports stay lazy), then the files tsc does not emit (.astro components
// and routes, ambient .d.ts) are copied beside them with their relative `.ts` imports
// rewritten to `.js`, as tsc's rewriteRelativeImportExtensions does for the rest.
// `--clean` starts from an empty dist/ (for packing). Without it, nothing is done when no
// input is newer than the last build (the repo's `npm run build` and `npm test` call this
// every time), and tsc is incremental otherwise.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

// The package's README and licence are the repository's (npm shows them on the package page).
for (const file of ['README.md', 'LICENSE'])
  await copyFile(join(root, '..', '..', file), join(root, file)).catch(() => {});

const stampFile = join(dist, '.built');
const inputs = [src, join(root, 'tsconfig.build.json'), fileURLToPath(import.meta.url)];

async function newestChange(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestChange(join(path, entry)));
  return newest;
}

if (process.argv.includes('--clean')) {
  await rm(dist, { recursive: true, force: true });
} else {
  const built = await stat(stampFile).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const changed = Math.max(...(await Promise.all(inputs.map(newestChange))));
  if (built > changed) process.exit(0);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

/** Relative imports of `.ts` files, in import statements, `import()` and `import('…')` types. */
const relativeTsImport = /(['"])(\.{1,2}\/[^'"\n]+?)\.ts\1/g;

async function* filesToCopy(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesToCopy(path);
    else if (entry.name.endsWith('.astro') || entry.name.endsWith('.d.ts')) yield path;
  }
}

let copied = 0;
for await (const file of filesToCopy(src)) {
  const target = join(dist, relative(src, file));
  await mkdir(dirname(target), { recursive: true });
  const text = await readFile(file, 'utf8');
  await writeFile(target, text.replace(relativeTsImport, '$1$2.js$1'));
  copied++;
}
// Fonts for cards and artwork: only the weights and format satori uses (WOFF, 400 and 700)
// are shipped inside the package, ~10 MB instead of the 81 MB the @fontsource packages
// install. src/generators/illustration/fonts.ts reads them from dist/fonts/.
const require = createRequire(import.meta.url);
let fontFiles = 0;
for (const name of ['@fontsource/inter', '@fontsource/noto-sans-sc']) {
  const from = dirname(require.resolve(`${name}/package.json`));
  const to = join(dist, 'fonts', name.split('/')[1]);
  await mkdir(join(to, 'files'), { recursive: true });
  await copyFile(join(from, 'LICENSE'), join(to, 'LICENSE'));
  for (const weight of [400, 700]) {
    const css = await readFile(join(from, `${weight}.css`), 'utf8');
    await writeFile(join(to, `${weight}.css`), css);
    for (const [, file] of css.matchAll(/url\(\.\/files\/([^)]+?-normal\.woff)\)/g)) {
      await copyFile(join(from, 'files', file), join(to, 'files', file));
      fontFiles++;
    }
  }
}

await writeFile(stampFile, `${new Date().toISOString()}\n`);
process.stdout.write(`astro-aigc: compiled to dist/ (+${copied} .astro/.d.ts files, ${fontFiles} font files)\n`);

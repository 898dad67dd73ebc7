/**
 * The user's door: astro-aigc as users get it. The package is packed with `npm pack`,
 * installed from the tarball into a fresh folder outside this repository (no workspace
 * link, no repo node_modules), the site is written from the README's "Use it in your site"
 * section word for word, and built offline with narration, covers, search and feeds on.
 * Then `astro dev` runs on it and regenerates an edited outline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, repoRoot } from '../support/build-site.ts';
import { freePort, waitFor } from '../support/wait.ts';
import { readmeInstalls, readmeSiteFiles } from './readme-site.ts';

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): Promise<Run> {
  const child = spawn(command, args, { cwd, env });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, output: stripVTControlCharacters(output) })),
  );
}

function ok(result: Run, what: string): Run {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  return result;
}

const packageDir = join(repoRoot, 'integrations/aigc');
let work: string;
let site: string;
let tarball: string;
let tarballFiles: string[];
let build: Run;

describe("the user's door: a fresh site installed from the packed tarball", () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'aigc-users-door-'));
    site = join(work, 'my-site');
    await mkdir(site);

    // The compiled package (a no-op when dist/ is fresh), then the tarball npm would publish.
    ok(await run(process.execPath, [join(packageDir, 'scripts/build.mjs')], packageDir), 'building the package');
    const packed = ok(
      await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], packageDir),
      'npm pack',
    );
    const [info] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(work, info!.filename);
    tarballFiles = info!.files.map((f) => f.path);

    // A new Astro site: package.json as `npm create astro` leaves it, then the README's install line.
    const astroVersion = JSON.parse(await readFile(join(repoRoot, 'node_modules/astro/package.json'), 'utf8'))
      .version as string;
    await writeFile(
      join(site, 'package.json'),
      `${JSON.stringify({ name: 'my-site', type: 'module', private: true, dependencies: { astro: `^${astroVersion}` } }, null, 2)}\n`,
    );
    const installs = (await readmeInstalls(repoRoot)).map((name) => (name === 'astro-aigc' ? tarball : name));
    expect(installs).toContain(tarball);
    ok(await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...installs], site), 'npm install');

    for (const file of await readmeSiteFiles(repoRoot)) {
      await mkdir(dirname(join(site, file.path)), { recursive: true });
      await writeFile(join(site, file.path), file.text);
    }
    build = await run(process.execPath, [join(site, 'node_modules/astro/bin/astro.mjs'), 'build'], site);
  }, 900_000);

  afterAll(async () => {
    if (work && !process.env.AIGC_KEEP_USERS_DOOR) await rm(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, types, the components and the notices, not the TypeScript source', () => {
    expect(tarballFiles).toContain('dist/index.js');
    expect(tarballFiles).toContain('dist/index.d.ts');
    expect(tarballFiles).toContain('dist/cli.js');
    expect(tarballFiles).toContain('dist/site/components/NarrationPlayer.astro');
    expect(tarballFiles).toContain('dist/site/routes/ai-disclosure.astro');
    expect(tarballFiles).toEqual(
      expect.arrayContaining(['README.md', 'LICENSE', 'NOTICE.md', 'package.json', 'bin/aigc.mjs']),
    );
    expect(tarballFiles.filter((f) => f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it('is installed as a package, not a link into this repository', async () => {
    const installed = JSON.parse(await readFile(join(site, 'node_modules/astro-aigc/package.json'), 'utf8'));
    expect(installed.name).toBe('astro-aigc');
    expect(existsSync(join(site, 'node_modules/astro-aigc/src'))).toBe(false);
  });

  it('builds the README site offline, with the page, its narration, captions, search and feeds', async () => {
    expect(build.code, build.output.slice(-4000)).toBe(0);
    expect(build.output).not.toMatch(/module runner has been closed/i);
    const dist = join(site, 'dist');
    const page = await readFile(join(dist, 'articles/first-post/index.html'), 'utf8');
    expect(page).toContain('Why static sites are fast');
    expect(page).toMatch(/<audio[^>]+src="\/_aigc\/articles\/first-post\/narration\.mp3"/);
    expect(page).toMatch(/<track[^>]+kind="captions"/);
    expect(page).toMatch(/property="og:image" content="https:\/\/example\.com\//);

    const mp3 = await readFile(join(dist, '_aigc/articles/first-post/narration.mp3'));
    expect(mp3.length).toBeGreaterThan(10_000);
    const track = /<track[^>]+src="([^"]+)"/.exec(page)?.[1];
    expect(track).toBeDefined();
    const captions = await readFile(join(dist, track!), 'utf8');
    expect(captions.startsWith('WEBVTT')).toBe(true);
    expect(captions).toMatch(/-->/);
    expect(existsSync(join(dist, '_aigc/articles/first-post/card.png'))).toBe(true);

    expect(existsSync(join(dist, 'pagefind/pagefind.js'))).toBe(true);
    expect((await readdir(join(dist, 'pagefind'))).some((f) => f.startsWith('pagefind-entry'))).toBe(true);

    const rss = await readFile(join(dist, 'rss.xml'), 'utf8');
    expect(rss).toContain('<title>My Site</title>');
    expect(rss).toContain('<link>https://example.com/articles/first-post/</link>');
    const podcast = await readFile(join(dist, 'podcast.xml'), 'utf8');
    expect(podcast).toContain('url="https://example.com/_aigc/articles/first-post/narration.mp3"');
    expect(await readFile(join(dist, 'sitemap-0.xml'), 'utf8')).toContain('https://example.com/articles/first-post/');
    expect(existsSync(join(dist, 'llms.txt'))).toBe(true);
    expect(existsSync(join(dist, 'ai-disclosure/index.html'))).toBe(true);
  });

  it('runs the aigc command from node_modules/.bin', async () => {
    const status = await run(process.execPath, [join(site, 'node_modules/astro-aigc/bin/aigc.mjs'), 'status'], site);
    expect(status.code, status.output).toBe(0);
    expect(status.output).toContain('articles/first-post');
  });

  it('regenerates an edited outline under astro dev', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let output = '';
    const dev: ChildProcess = spawn(
      process.execPath,
      [join(site, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'],
      {
        cwd: site,
        env: childEnv(),
      },
    );
    dev.stdout!.on('data', (d) => (output += d));
    dev.stderr!.on('data', (d) => (output += d));
    try {
      await waitFor(async () => {
        const res = await fetch(`${base}/articles/first-post/`);
        return res.ok ? true : undefined;
      }, 'the page under astro dev').catch((error) => {
        throw new Error(`${(error as Error).message}\n--- astro dev output ---\n${output}`);
      });
      const outline = join(site, 'content/outlines/articles/first-post.md');
      await writeFile(
        outline,
        `${(await readFile(outline, 'utf8')).trimEnd()}\n\n## Cheaper to host\n- object storage and a CDN are enough\n`,
      );
      const page = await waitFor(async () => {
        const text = await (await fetch(`${base}/articles/first-post/`)).text();
        return text.includes('Cheaper to host') ? text : undefined;
      }, 'the regenerated page').catch((error) => {
        throw new Error(`${(error as Error).message}\n--- astro dev output ---\n${output}`);
      });
      expect(page).toContain('Cheaper to host');
      expect(output).not.toMatch(/module runner has been closed/i);
    } finally {
      dev.kill('SIGTERM');
    }
  }, 300_000);
});

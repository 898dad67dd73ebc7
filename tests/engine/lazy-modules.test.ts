/**
 * Heavy modules load when a job needs them. Planning, and a run whose jobs are all fresh,
 * load none of the model SDK, the image, audio and diagram engines or the page checkers;
 * the first job that draws a card, a diagram or a narration, checks a page or asks a model
 * loads what it uses, so the hook is seen to record them. Each run is the built package
 * (`npm run build:package` first) in a child process with a resolve hook that records every
 * package resolved (tests/support/lazy-modules-child.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';

const child = fileURLToPath(new URL('../support/lazy-modules-child.mjs', import.meta.url));

/** What a fresh run must not load, by package name (scoped packages by scope where the scope is theirs). */
const HEAVY: readonly RegExp[] = [
  /^openai$/,
  /^ws$/,
  /^sharp$/,
  /^satori$/,
  /^@resvg\//,
  /^@hpcc-js\//,
  /^shiki$/,
  /^@shikijs\//,
  /^retext-/,
  /^nspell$/,
  /^dictionary-en$/,
  /^html-validate$/,
  /^typedoc$/,
  /^typescript$/,
  /^@libav\.js\//,
  /^wasm-media-encoders$/,
  /^mpg123-decoder$/,
  /^@echogarden\//,
];

/** An SVG is sanitised with DOMPurify on jsdom, which brings its own `ws` (not the SDK's). */
const SANITIZING = /^ws$/;
/** What drawing a card takes: satori lays it out, resvg (and its platform binary) rasterises, sharp encodes. */
const DRAWING = /^(satori|sharp|@resvg\/.*)$/;

const heavy = (packages: readonly string[]) => packages.filter((name) => HEAVY.some((pattern) => pattern.test(name)));

interface ChildRun {
  packages: string[];
  actions: Record<string, string>;
  error?: string;
}

interface ChildRequest {
  root: string;
  mode: 'run' | 'status';
  options: Record<string, unknown>;
  provider: 'offline' | 'openai';
  env: Record<string, string>;
  force?: string[];
}

function runChild(request: ChildRequest): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, JSON.stringify(request)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}:\n${stderr}`));
      else resolve(JSON.parse(stdout) as ChildRun);
    });
  });
}

const OUTLINE = `---
title: Lazy loading
description: Why a build with nothing to make should not load what makes things.
lang: en
cover: A quiet workshop where every tool hangs on the wall, unused
---

Explain the idea in a few short sections.

## Loading on demand
- A module is loaded the first time a job needs it
- A fresh run needs none of them

\`\`\`diagram
outline -> plan
plan -> jobs
jobs -> lock
\`\`\`

## Drawing
- Graphs are drawn from DOT

\`\`\`dot
digraph { plan -> run; run -> check }
\`\`\`
`;

const PAGE = 'content/generated/posts/hello.md';
const ASSETS = 'content/generated/posts/hello';

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'aigc-lazy-'));
  await mkdir(join(root, 'content/outlines/posts'), { recursive: true });
  await writeFile(join(root, 'content/outlines/posts/hello.md'), OUTLINE);
  return root;
}

describe('heavy modules, offline', () => {
  let root: string;
  let first: ChildRun;
  const offline = (mode: 'run' | 'status', force: string[] = []): ChildRequest => ({
    root,
    mode,
    force,
    provider: 'offline',
    env: {},
    options: { narration: true, video: false, limits: { requestsPerMinute: 0 } },
  });

  beforeAll(async () => {
    root = await project();
    first = await runChild(offline('run'));
  }, 600_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('are loaded by the run that makes the page, its images and its narration', () => {
    expect(first.error).toBeUndefined();
    expect(Object.keys(first.actions).sort()).toEqual(
      [
        PAGE,
        `${ASSETS}/cover.svg`,
        `${ASSETS}/diagram-1.svg`,
        `${ASSETS}/dot-1.svg`,
        `${ASSETS}/card.png`,
        `${ASSETS}/narration.mp3`,
      ].sort(),
    );
    expect(Object.values(first.actions).every((action) => action === 'generated')).toBe(true);
    // The hook sees what the jobs use: the checkers, the drawing and audio engines.
    expect(heavy(first.packages)).toEqual(
      expect.arrayContaining([
        'sharp',
        'satori',
        '@resvg/resvg-js',
        '@hpcc-js/wasm-graphviz',
        'shiki',
        'retext-spell',
        'nspell',
        'dictionary-en',
        'wasm-media-encoders',
        '@echogarden/espeak-ng-emscripten',
      ]),
    );
  });

  it('are not loaded to plan the run', async () => {
    const status = await runChild(offline('status'));
    expect(status.error).toBeUndefined();
    expect(Object.values(status.actions).every((action) => action === 'reused')).toBe(true);
    expect(heavy(status.packages)).toEqual([]);
  });

  it('are not loaded by a run where every job is fresh', async () => {
    const fresh = await runChild(offline('run'));
    expect(fresh.error).toBeUndefined();
    expect(Object.keys(fresh.actions).sort()).toEqual(Object.keys(first.actions).sort());
    expect(Object.values(fresh.actions).every((action) => action === 'reused')).toBe(true);
    expect(heavy(fresh.packages)).toEqual([]);
  });

  it('load for the one job that needs them: a card draws with satori, resvg and sharp, nothing else', async () => {
    const card = await runChild(offline('run', [`${ASSETS}/card.png`]));
    expect(card.error).toBeUndefined();
    expect(card.actions[`${ASSETS}/card.png`]).toBe('generated');
    expect(heavy(card.packages)).toEqual(expect.arrayContaining(['@resvg/resvg-js', 'satori', 'sharp']));
    expect(heavy(card.packages).filter((name) => !DRAWING.test(name) && !SANITIZING.test(name))).toEqual([]);
  });

  it('a DOT diagram loads Graphviz, and no other engine', async () => {
    const dot = await runChild(offline('run', [`${ASSETS}/dot-1.svg`]));
    expect(dot.error).toBeUndefined();
    expect(dot.actions[`${ASSETS}/dot-1.svg`]).toBe('generated');
    expect(heavy(dot.packages).filter((name) => !SANITIZING.test(name))).toEqual(['@hpcc-js/wasm-graphviz']);
  });

  it('a page made again loads the page checkers (Shiki, retext and its dictionary)', async () => {
    const page = await runChild(offline('run', [PAGE]));
    expect(page.error).toBeUndefined();
    expect(page.actions[PAGE]).toBe('generated');
    expect(heavy(page.packages)).toEqual(expect.arrayContaining(['shiki', 'retext-spell', 'nspell', 'dictionary-en']));
    expect(heavy(page.packages)).not.toContain('sharp');
  });
});

describe('heavy modules, with the openai provider', () => {
  let root: string;
  let server: TaskServer;
  const openai = (mode: 'run' | 'status'): ChildRequest => ({
    root,
    mode,
    provider: 'openai',
    env: { OPENAI_API_KEY: 'sk-test-lazy', OPENAI_BASE_URL: server.baseURL },
    options: { narration: false, video: false, limits: { requestsPerMinute: 0, maxRetries: 1 } },
  });
  const requests = () => Object.values(server.calls).reduce((sum, n) => sum + n, 0);

  beforeAll(async () => {
    root = await project();
    server = await startTaskServer();
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('load the SDK with the first request, and not for a run with nothing to ask', async () => {
    const planned = await runChild(openai('status'));
    expect(planned.error).toBeUndefined();
    expect(Object.values(planned.actions).every((action) => action === 'planned')).toBe(true);
    expect(heavy(planned.packages)).toEqual([]);
    expect(requests()).toBe(0);

    const made = await runChild(openai('run'));
    expect(made.error).toBeUndefined();
    expect(made.actions[PAGE]).toBe('generated');
    expect(server.calls['POST /v1/chat/completions']).toBeGreaterThan(0);
    expect(heavy(made.packages)).toEqual(expect.arrayContaining(['openai', 'sharp']));

    const asked = requests();
    const fresh = await runChild(openai('run'));
    expect(fresh.error).toBeUndefined();
    expect(Object.values(fresh.actions).every((action) => action === 'reused')).toBe(true);
    expect(requests()).toBe(asked);
    expect(heavy(fresh.packages)).toEqual([]);
  }, 600_000);
});

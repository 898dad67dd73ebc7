/**
 * The keyless teammate: a build through an OpenAI-compatible server (real HTTP, real SDK),
 * then a build without a key. `auto` falls back to offline, but every model-made artifact
 * is kept byte for byte and said to be kept; offline drafts replace them only on request,
 * and then the pages' assets follow the plan, not the lock's order.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, diff, generate, status } from '../../integrations/aigc/src/api.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';
import { mediaFromLock } from '../../integrations/aigc/src/site/embed-media.ts';
import { listFiles } from '../../integrations/aigc/src/utils/list-files.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';

const KEY = 'sk-keep-SECRET-4242';
const options = { limits: { requestsPerMinute: 0, maxRetries: 1 } };
const outline = `---
title: The lighthouse
cover: A lighthouse at dusk, painted in thick brush strokes
---

Describe the lighthouse.

## The tower
- It stands on a rock above the sea

\`\`\`figure
The lamp room at the top of the tower, seen from inside
\`\`\`

## The keeper
- The keeper climbs the stairs every evening
`;

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, info: push, warn: push, error: push, debug() {} };
}

async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of await listFiles(join(root, 'content/generated')))
    files[file.slice(root.length + 1)] = sha256(await readFile(file));
  return files;
}

let server: TaskServer;
let root: string;
let modelMade: Record<string, string>;
const withKey = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.baseURL });
const page = 'content/generated/posts/lighthouse.md';

beforeAll(async () => {
  server = await startTaskServer();
  root = await mkdtemp(join(tmpdir(), 'aigc-keep-'));
  await mkdir(join(root, 'content/outlines/posts'), { recursive: true });
  await writeFile(join(root, 'content/outlines/posts/lighthouse.md'), outline);
  const { report } = await generate({ root, options: { limits: options.limits }, logger: recorder(), env: withKey() });
  expect(report.failed.map((o) => o.error?.message)).toEqual([]);
  modelMade = await snapshot(root);
});
afterAll(() => server.close());

const calls = () => Object.values(server.calls).reduce((sum, n) => sum + n, 0);

describe('a keyless build after a build through a model', () => {
  it('made model output: text, a raster cover and figure, a narration', async () => {
    const lock = await readLock(join(root, 'aigc.lock'));
    expect(Object.keys(modelMade)).toEqual(
      expect.arrayContaining([
        page,
        'content/generated/posts/lighthouse/cover.webp',
        'content/generated/posts/lighthouse/figure-1.webp',
        'content/generated/posts/lighthouse/narration.mp3',
      ]),
    );
    for (const path of [
      page,
      'content/generated/posts/lighthouse/cover.webp',
      'content/generated/posts/lighthouse/narration.mp3',
    ])
      expect(lock.artifacts[path]?.provider).toBe('openai');
  });

  it('forecasts nothing to generate and says what it keeps', async () => {
    const result = await status({ root, options: { limits: options.limits }, logger: recorder(), env: {} });
    expect(result.report.pending).toEqual([]);
    const kept = result.report.outcomes.filter((o) => o.action === 'kept-unavailable').map((o) => o.path);
    expect(kept).toEqual(
      expect.arrayContaining([
        page,
        'content/generated/posts/lighthouse/cover.webp',
        'content/generated/posts/lighthouse/narration.mp3',
      ]),
    );
    expect(await diff({ root, options: { limits: options.limits }, logger: recorder(), env: {} })).toEqual([]);
  });

  it('keeps every model-made artifact byte for byte, calls nothing, and says so once', async () => {
    const before = calls();
    const logger = recorder();
    const { report } = await generate({ root, options: { limits: options.limits }, logger, env: {} });
    expect(calls()).toBe(before);
    expect(report.outcomes.filter((o) => o.action === 'generated').map((o) => o.path)).toEqual([]);
    expect(await snapshot(root)).toEqual(modelMade);
    expect(logger.lines.filter((line) => line.includes('kept: provider unavailable'))).toHaveLength(1);
    const lock = await readLock(join(root, 'aigc.lock'));
    expect(lock.artifacts[page]?.provider).toBe('openai');
    // The pages still show the model's pictures.
    expect(mediaFromLock(lock.artifacts, page).map((m) => m.url)).toEqual(['/_aigc/posts/lighthouse/figure-1.webp']);
    // Clean wants the kept files: nothing to remove.
    expect((await clean({ root, options: { limits: options.limits }, dryRun: true, env: {} })).removed).toEqual([]);
  });

  it('keeps the narration too when only its article was kept, and redoes only what changed', async () => {
    // A tag is not an input of the text, the images or the narration: nothing is redone.
    await writeFile(
      join(root, 'content/outlines/posts/lighthouse.md'),
      outline.replace('title: The lighthouse', 'title: The lighthouse\ntags: [sea]'),
    );
    const { report } = await generate({ root, options: { limits: options.limits }, logger: recorder(), env: {} });
    const byPath = Object.fromEntries(report.outcomes.map((o) => [o.path, o.action]));
    expect(byPath['content/generated/posts/lighthouse/narration.mp3']).toBe('kept-unavailable');
    expect(byPath[page]).toBe('kept-unavailable');
    await writeFile(join(root, 'content/outlines/posts/lighthouse.md'), outline);
  });

  it('replaces them with offline drafts only when asked, and pages then show the offline assets', async () => {
    const logger = recorder();
    const result = await generate({ root, options: { limits: options.limits }, logger, env: {}, provider: 'offline' });
    expect(result.report.failed).toEqual([]);
    const generated = result.report.outcomes.filter((o) => o.action === 'generated').map((o) => o.path);
    expect(generated).toEqual(
      expect.arrayContaining([
        page,
        'content/generated/posts/lighthouse/cover.svg',
        'content/generated/posts/lighthouse/figure-1.svg',
        'content/generated/posts/lighthouse/narration.mp3',
      ]),
    );
    expect(result.superseded.map((s) => s.path)).toEqual([
      'content/generated/posts/lighthouse/cover.webp',
      'content/generated/posts/lighthouse/figure-1.webp',
    ]);
    expect(
      logger.lines.some(
        (line) =>
          line.includes('superseded') &&
          line.includes('cover.webp (replaced by content/generated/posts/lighthouse/cover.svg)'),
      ),
    ).toBe(true);
    const lock = await readLock(join(root, 'aigc.lock'));
    expect(mediaFromLock(lock.artifacts, page).map((m) => m.url)).toEqual(['/_aigc/posts/lighthouse/figure-1.svg']);
    // The superseded model files stay until clean, which removes them (untouched).
    expect(existsSync(join(root, 'content/generated/posts/lighthouse/cover.webp'))).toBe(true);
    const cleaned = await clean({ root, options: { limits: options.limits }, env: {}, provider: 'offline' });
    expect(cleaned.removed).toEqual([
      'content/generated/posts/lighthouse/cover.webp',
      'content/generated/posts/lighthouse/figure-1.webp',
    ]);
  });

  it('switches back to the model with the key: the new raster assets are shown, the offline ones superseded', async () => {
    const result = await generate({ root, options: { limits: options.limits }, logger: recorder(), env: withKey() });
    expect(result.report.failed).toEqual([]);
    expect(result.superseded.map((s) => s.path)).toEqual([
      'content/generated/posts/lighthouse/cover.svg',
      'content/generated/posts/lighthouse/figure-1.svg',
    ]);
    const lock = await readLock(join(root, 'aigc.lock'));
    expect(mediaFromLock(lock.artifacts, page).map((m) => m.url)).toEqual(['/_aigc/posts/lighthouse/figure-1.webp']);
    expect(lock.artifacts['content/generated/posts/lighthouse/cover.webp']?.supersededBy).toBeUndefined();
    expect(lock.artifacts['content/generated/posts/lighthouse/cover.svg']?.supersededBy).toBe(
      'content/generated/posts/lighthouse/cover.webp',
    );
  });

  it('never writes the key anywhere', async () => {
    for (const file of await listFiles(root)) expect((await readFile(file)).includes(KEY), file).toBe(false);
  });
});

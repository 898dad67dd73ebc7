import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, fixtureRoot, repoRoot, resetFixture } from '../support/build-site.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { freePort, waitFor } from '../support/wait.ts';

const COPY = 'basic-dev';
const outlineFile = join(fixtureRoot(COPY), 'content/outlines/posts/second.md');

describe('astro dev', () => {
  let server: FakeOpenAI;
  let dev: ChildProcess;
  let output = '';
  let original: string;
  let base: string;

  beforeAll(async () => {
    server = await startFakeOpenAI();
    server.on('POST /v1/chat/completions', (request) => {
      const user = String(request.body.messages.at(-1).content);
      const headings = [...user.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      return chatCompletionStream(headings.map((h) => `## ${h}\n\nText about ${h}.`).join('\n\n'));
    });
    await resetFixture('basic', COPY);
    original = await readFile(outlineFile, 'utf8');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn(
      process.execPath,
      [
        join(repoRoot, 'node_modules/astro/bin/astro.mjs'),
        'dev',
        '--root',
        fixtureRoot(COPY),
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: fixtureRoot(COPY),
        env: { ...childEnv(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL },
      },
    );
    dev.stdout!.on('data', (d) => (output += d));
    dev.stderr!.on('data', (d) => (output += d));
  });

  afterAll(async () => {
    dev?.kill('SIGTERM');
    await server?.close();
  });

  it('regenerates an edited outline without restarting the server', async () => {
    const first = await waitFor(async () => {
      const res = await fetch(`${base}/posts/second/`);
      const text = await res.text();
      return res.ok && text.includes('Only section') ? text : undefined;
    }, 'the first page').catch((error) => {
      throw new Error(`${(error as Error).message}\n--- astro dev output ---\n${output}`);
    });
    expect(first).not.toContain('Added in dev');
    const pid = dev.pid;

    await writeFile(outlineFile, `${original.trimEnd()}\n\n## Added in dev\n- A new point\n`);
    const second = await waitFor(async () => {
      const text = await (await fetch(`${base}/posts/second/`)).text();
      return text.includes('Added in dev') ? text : undefined;
    }, 'the regenerated page');
    expect(second).toContain('Text about Added in dev.');
    expect(dev.pid).toBe(pid);
    expect(dev.exitCode).toBeNull();
    expect(output).toContain('outline changed: content/outlines/posts/second.md');
    expect(output).not.toMatch(/server restarted|Restarting/i);
  });
});

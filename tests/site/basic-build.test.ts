import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { validateBuiltHtml } from '../support/html-validate.ts';
import { buildFixture, fixtureRoot, resetFixture, type BuildResult } from '../support/build-site.ts';
import { startFakeOpenAI, chatCompletionStream, type FakeOpenAI } from '../support/fake-openai.ts';
import { OFFLINE_MODELS } from '../../integrations/aigc/src/providers/offline/models.ts';

async function html(dist: string, path: string): Promise<string> {
  return readFile(join(dist, path), 'utf8');
}

describe('fixture site "basic", offline (no key, no network)', () => {
  let cold: BuildResult;
  let warm: BuildResult;

  beforeAll(async () => {
    await resetFixture('basic', 'basic-offline');
    cold = await buildFixture('basic-offline');
    warm = await buildFixture('basic-offline');
  });

  it('builds, generating every page', () => {
    expect(cold.code, cold.output).toBe(0);
    // Two articles and their social cards (covers and narration are off in this fixture).
    expect(cold.output).toMatch(/4 generated, 0 reused, 0 edited by hand, 0 failed/);
  });

  it('emits HTML that passes html-validate (recommended preset, the repo config)', async () => {
    expect(await validateBuiltHtml(cold.dist)).toEqual([]);
  });

  it('a second build reuses everything and makes no provider call', () => {
    expect(warm.code, warm.output).toBe(0);
    expect(warm.output).toMatch(/0 generated, 4 reused, 0 edited by hand, 0 failed · 0 calls/);
  });

  it('renders the article with its sections, the offline-draft label and machine-readable marking', async () => {
    const page = await html(cold.dist, 'posts/hello/index.html');
    expect(page).toContain('<h1>Hello generated world</h1>');
    expect(page).toMatch(/<h2[^>]*>Greeting<\/h2>[\s\S]*<h2[^>]*>Links<\/h2>/);
    expect(page).toContain('Offline draft');
    expect(page).toContain(OFFLINE_MODELS.text);
    expect(page).toMatch(/<meta name="ai-disclosure" content="ai-generated">/);
    expect(page).toContain('digitalsourcetype/algorithmicMedia');
  });

  it('lists every page on the index', async () => {
    const index = await html(cold.dist, 'index.html');
    expect(index).toContain('href="/posts/hello/"');
    expect(index).toContain('href="/posts/second/"');
  });

  it('records each page in the lock with the offline provider', async () => {
    const lock = await readLock(join(fixtureRoot('basic-offline'), 'aigc.lock'));
    expect(Object.keys(lock.artifacts).sort()).toEqual([
      'content/generated/posts/hello.md',
      'content/generated/posts/hello/card.png',
      'content/generated/posts/second.md',
      'content/generated/posts/second/card.png',
    ]);
    expect(lock.artifacts['content/generated/posts/hello.md']).toMatchObject({
      provider: 'offline',
      model: OFFLINE_MODELS.text,
      kind: 'article',
    });
  });
});

describe('fixture site "basic", through an OpenAI-compatible server', () => {
  let server: FakeOpenAI;
  let result: BuildResult;
  const SECRET = 'sk-test-SECRET-do-not-leak-42';

  beforeAll(async () => {
    server = await startFakeOpenAI();
    server.on('POST /v1/chat/completions', (request) => {
      const user = String(request.body.messages.at(-1).content);
      const headings = [...user.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      const body = headings
        .map((h) => `## ${h}\n\nThe server wrote this about ${h}. See [the docs](https://example.com/docs).`)
        .join('\n\n');
      return chatCompletionStream(body, { model: 'server-model-1' });
    });
    await resetFixture('basic', 'basic-openai');
    // Links to hosts nobody allowed are unlinked by the page checker; this site allows example.com.
    const config = join(fixtureRoot('basic-openai'), 'astro.config.mjs');
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace('aigc({', "aigc({ validation: { allowedHosts: ['example.com'] },"),
    );
    result = await buildFixture('basic-openai', { OPENAI_API_KEY: SECRET, OPENAI_BASE_URL: server.baseURL });
  });

  afterAll(async () => {
    await server.close();
  });

  it('builds with articles written by the server', async () => {
    expect(result.code, result.output).toBe(0);
    const page = await html(result.dist, 'posts/hello/index.html');
    expect(page).toContain('The server wrote this about Greeting.');
    expect(page).toContain('server-model-1');
    expect(page).not.toContain('Offline draft');
  });

  it('sends the configured model, the outline in the messages, and streams', () => {
    const calls = server.calls('POST /v1/chat/completions');
    // One article each; alt text and cards need no model here (no covers, no figures).
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.body.model).toBe('gpt-5.4-mini');
      expect(call.body.stream).toBe(true);
      expect(call.body.messages[0].role).toBe('system');
      expect(call.headers.authorization).toBe(`Bearer ${SECRET}`);
    }
    expect(calls.map((c) => c.body.messages.at(-1).content).join('\n')).toContain('## Greeting');
  });

  it('marks external links to allowed hosts nofollow (render plugin on the active processor)', async () => {
    const page = await html(result.dist, 'posts/hello/index.html');
    expect(page).toMatch(/<a href="https:\/\/example\.com\/docs" rel="nofollow noopener noreferrer">/);
  });

  it('never writes the API key into the lock, the generated files or the site', async () => {
    const root = fixtureRoot('basic-openai');
    const files = [join(root, 'aigc.lock')];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else files.push(full);
      }
    };
    await walk(join(root, 'content/generated'));
    await walk(result.dist);
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(SECRET);
    expect(result.output).not.toContain(SECRET);
  });
});

describe('fixture site "basic", with a hostile model', () => {
  let server: FakeOpenAI;
  let result: BuildResult;

  beforeAll(async () => {
    server = await startFakeOpenAI();
    // Every answer, first draft and repair alike, tries to smuggle script into the page.
    server.on('POST /v1/chat/completions', (request) => {
      const prompt = (request.body.messages as { content: string }[]).map((m) => m.content).join('\n');
      const headings = [...new Set([...prompt.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()))];
      const body = headings
        .map(
          (h) =>
            `## ${h}\n\nAbout ${h}. <script>alert('x')</script> <img src="/x.png" onerror="alert(1)" alt="x"> ` +
            `[click](javascript:alert(2)) <iframe src="https://evil.example"></iframe> <a href="#" onclick="alert(3)">here</a> ` +
            `<span style="background:url(javascript:alert(4))">styled</span> {alert(5)}\n\n<svg onload="alert(6)"></svg>`,
        )
        .join('\n\n');
      return chatCompletionStream(body, { model: 'hostile-1' });
    });
    await resetFixture('basic', 'basic-hostile');
    // Publish what still fails as a draft, so the test sees what reaches readers at worst.
    const config = join(fixtureRoot('basic-hostile'), 'astro.config.mjs');
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace('aigc({', "aigc({ validation: { onFailure: 'draft' },"),
    );
    result = await buildFixture('basic-hostile', { OPENAI_API_KEY: 'sk-hostile', OPENAI_BASE_URL: server.baseURL });
  });

  afterAll(async () => {
    await server.close();
  });

  it('builds, and no element or attribute of the generated pages can run script', async () => {
    expect(result.code, result.output).toBe(0);
    for (const path of ['posts/hello/index.html', 'posts/second/index.html']) {
      const page = await html(result.dist, path);
      expect(page).toContain('hostile-1');
      // A script's content goes with it; an MDX expression stays as visible text; nothing runs.
      expect(page, path).not.toContain("alert('x')");
      expect(page, path).not.toMatch(/<(script|iframe|svg|object|embed)\b(?![^>]*type="application\/ld\+json")/i);
      expect(page, path).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page, path).not.toMatch(/javascript:/i);
    }
  });
});

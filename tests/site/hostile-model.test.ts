/**
 * A model that is not on our side. The fixture site "hostile" has an outline for every
 * generator; an OpenAI-compatible server on 127.0.0.1 answers every request — first answers
 * and repairs alike — with script, event handlers, `javascript:` links, an iframe, invented
 * domains and MDX expressions (images: an SVG carrying the same). The site is built with
 * `onError: 'warn'` and failing pages published as drafts, so the test sees the worst a reader
 * could get. Which jobs call a model comes from the planner itself: a new generator is held
 * to this test without editing it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import type { AigcIntegration } from '../../integrations/aigc/src/index.ts';
import { loadOutlines } from '../../integrations/aigc/src/outline/load.ts';
import { listFiles } from '../../integrations/aigc/src/utils/list-files.ts';
import { buildFixture, fixtureRoot, resetFixture, type BuildResult } from '../support/build-site.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { fakeTranslate } from '../support/fake-translation.ts';

const INVENTED = /(evil|invented-docs|invented-cdn)\.example/i;

/** One paragraph of everything a model could smuggle into Markdown. */
function hostileParagraph(topic: string): string {
  return (
    `About ${topic}. <script>alert('script')</script> <img src="/x.png" onerror="alert('onerror')" alt="x"> ` +
    `[click](javascript:alert('link')) <iframe src="https://evil.example/frame"></iframe> <a href="#" onclick="alert('onclick')">here</a> ` +
    `Read [the manual](https://invented-docs.example/guide), load https://invented-cdn.example/lib.js and see ![chart](https://evil.example/chart.png). {alert('mdx')}\n\n` +
    `<svg onload="alert('svg')"></svg>\n\nexport const leak = 1`
  );
}

/** A page answer with the headings the prompt asks for (outline sections, or a repair's file). */
function hostilePage(prompt: string): string {
  const headings = [...new Set([...prompt.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()))];
  if (headings.length === 0) return hostileParagraph('the package');
  return headings.map((h) => `## ${h}\n\n${hostileParagraph(h)}`).join('\n\n');
}

/** A translation that keeps the source's structure (so it is published) and carries raw HTML and MDX. */
function hostileTranslation(source: string): string {
  const lines = fakeTranslate(source, []).split('\n');
  const title = lines.findIndex((l) => l.startsWith('# '));
  lines[title] = `# <script>alert('title')</script>你好<img src=x onerror="alert('title-onerror')">`;
  const prose = lines.findIndex((l, i) => i > title && /^[^#>`\s-]/.test(l));
  if (prose > -1)
    lines[prose] +=
      ` <script>alert('script')</script><iframe src="https://evil.example/"></iframe><b onmouseover="alert('hover')">粗</b> {alert('mdx')}`;
  return lines.join('\n');
}

const HOSTILE_DOT = `digraph { a [label="<script>alert('dot')</script>", URL="javascript:alert('dot-url')", href="https://evil.example/", image="/etc/passwd"]; b [label=<<b>bold</b>>, tooltip="x"]; a -> b [URL="https://invented-docs.example/"] }`;
const HOSTILE_ALT = `<img src=x onerror="alert('alt')"> A lighthouse [see](javascript:alert('alt-link')) https://invented-docs.example/alt {alert('alt-mdx')}`;
const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" onload="alert('image')"><script>alert('image-script')</script><rect width="1024" height="1024" fill="#369"/><a href="javascript:alert('image-link')"><text x="10" y="50">x</text></a><image href="https://evil.example/t.png" width="9" height="9"/><style>@import url(https://evil.example/x.css); rect{fill:\\75rl(https://evil.example/p)}</style></svg>`;

/** Files a reader can fetch or a person reviews, as text. */
const TEXT_FILE = /\.(html|md|txt|xml|svg|vtt|json|dot)$/;

describe('a hostile model: nothing unchecked or untrue reaches a reader', () => {
  let server: FakeOpenAI;
  let result: BuildResult;
  let root: string;
  let modelJobs: Job[];

  beforeAll(async () => {
    server = await startFakeOpenAI();
    server.on('POST /v1/chat/completions', (request) => {
      const messages = request.body.messages as { role: string; content: string }[];
      const system = messages[0]?.content ?? '';
      if (/Graphviz DOT/.test(system)) return chatCompletionStream(HOSTILE_DOT, { model: 'hostile-1' });
      if (/alt text/.test(system)) return chatCompletionStream(HOSTILE_ALT, { model: 'hostile-1' });
      if (/You translate Markdown/.test(system))
        return chatCompletionStream(hostileTranslation(messages[1]!.content), { model: 'hostile-1' });
      return chatCompletionStream(hostilePage(messages.map((m) => m.content).join('\n')), {
        model: '<script>alert("model")</script>',
      });
    });
    server.on('POST /v1/images/generations', () => ({
      type: 'json',
      body: {
        created: 1_790_000_000,
        data: [{ b64_json: Buffer.from(HOSTILE_SVG).toString('base64') }],
        usage: { input_tokens: 10, output_tokens: 10 },
      },
    }));
    root = await resetFixture('hostile');
    const env = { OPENAI_API_KEY: 'sk-hostile', OPENAI_BASE_URL: server.baseURL };
    // The jobs that call a text or image model, as the planner sees them with a key set.
    const config = (await import(pathToFileURL(join(root, 'astro.config.mjs')).href)) as {
      default: { integrations: AigcIntegration[] };
    };
    const options = config.default.integrations.find((i) => 'aigcOptions' in i)!.aigcOptions;
    const { outlines } = await loadOutlines(root, options.outlines, options.lang);
    modelJobs = planJobs(outlines, options, { root, env }).filter(
      (job) => job.capability === 'text' || job.capability === 'image',
    );
    result = await buildFixture('hostile', env);
  }, 240_000);

  afterAll(async () => {
    await server.close();
  });

  it('plans a job of every model-calling generator, and the server answered them', () => {
    expect(result.code, result.output).toBe(0);
    expect(new Set(modelJobs.map((j) => j.kind))).toEqual(
      new Set(['article', 'cover', 'figure', 'diagram', 'translation', 'reference']),
    );
    expect(server.calls('POST /v1/images/generations').length).toBeGreaterThan(0);
  });

  it('writes each model job through its checker, or names it as failed', async () => {
    for (const job of modelJobs) {
      expect(job.check?.name, job.path).toBeTruthy();
      const written = existsSync(join(root, job.path));
      if (!written) expect(result.output, `${job.path} neither written nor reported`).toContain(`${job.path}:`);
    }
    // The pages, the landing page's overview included, are written (as drafts at worst).
    for (const path of [
      'content/generated/posts/hello.md',
      'content/generated/docs/api.md',
      'content/generated/posts/hello.zh-CN.md',
    ]) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  it('logs what each checker removed, naming the file', () => {
    for (const job of modelJobs) {
      if (!existsSync(join(root, job.path))) continue;
      const escaped = job.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(result.output, `${job.path}: no finding logged`).toMatch(
        new RegExp(`${escaped}(?: \\([^)]*\\))?(?::\\d+:\\d+ +(?:warning|error) |: removed )`),
      );
    }
  });

  it('no built or generated file carries executable content or an invented link', async () => {
    const files = [
      ...(await listFiles(result.dist, (name) => TEXT_FILE.test(name))),
      ...(await listFiles(join(root, 'content/generated'), (name) => TEXT_FILE.test(name))),
    ];
    expect(files.some((f) => f.endsWith('llms-full.txt'))).toBe(true);
    expect(files.some((f) => f.endsWith('rss.xml'))).toBe(true);
    expect(files.some((f) => f.endsWith('.vtt'))).toBe(true);
    expect(files.some((f) => /docs\/api\.md$/.test(f))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const name = relative(root, file);
      // JSON-LD is data, not script (it names the model id, cleaned of markup).
      expect(text, name).not.toMatch(/<script\b(?![^>]*application\/ld\+json)[^>]*>[^<]*alert/i);
      expect(text, name).not.toMatch(/\son(error|load|click|mouseover|begin)\s*=/i);
      expect(text, name).not.toMatch(/javascript:/i);
      expect(text, name).not.toMatch(/<iframe\b/i);
      expect(text, name).not.toMatch(INVENTED);
      expect(text, name).not.toMatch(/^export const leak/m);
      if (/\.(md|txt|vtt|xml)$/.test(file)) expect(text, name).not.toMatch(/<(script|svg|iframe|object|embed)\b/i);
    }
  });
});

/**
 * The demo site as the e2e test builds it: a copy of the repository's site (config, pages,
 * outlines, generated output and lock) in tests/fixtures/sites/.work/e2e-demo, plus one
 * machine translation made by the real translation job through the real OpenAI SDK
 * against the fake OpenAI server, because offline no translation is ever produced.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JobContext } from '../../integrations/aigc/src/engine/types.ts';
import { planTranslation } from '../../integrations/aigc/src/generators/translation.ts';
import { parseGlossary } from '../../integrations/aigc/src/generators/translation/glossary.ts';
import { loadOutlines } from '../../integrations/aigc/src/outline/load.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { fixtureRoot, repoRoot } from '../support/build-site.ts';
import { providersWith } from '../support/engine-fixtures.ts';
import { chatCompletionStream, startFakeOpenAI } from '../support/fake-openai.ts';

export const DEMO_COPY = 'e2e-demo';

/** Copy the demo site; what it generated before is reused, so the build makes no new artifacts when the tree is current. */
export async function copyDemo(): Promise<string> {
  const root = fixtureRoot(DEMO_COPY);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  for (const path of ['astro.config.mjs', 'src', 'content', 'aigc.lock']) {
    await cp(join(repoRoot, path), join(root, path), { recursive: true, force: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  return root;
}

/**
 * A stand-in for a translating model: keeps every heading level, code block, inline code
 * span, link target and glossary term of the source, and writes Chinese prose around them.
 */
export function fakeTranslate(source: string, keep: string[]): string {
  let fence: string | undefined;
  let section = 0;
  const out: string[] = [];
  const keptTerms = keep.filter((term) => source.includes(term));
  let termsPlaced = false;
  for (const line of source.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      out.push(line);
      continue;
    }
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    if (/^# /.test(line)) {
      out.push('# 什么是 AIGC？（机器翻译）');
      continue;
    }
    const heading = /^(#{2,6}) /.exec(line);
    if (heading) {
      out.push(`${heading[1]} 第${++section}部分`);
      continue;
    }
    const prefix = /^(\s*(?:[-*+] |\d+\. |> )?)/.exec(line)?.[1] ?? '';
    const links = [...line.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => `${m[1]}[链接](${m[2]})`);
    const code = [...line.matchAll(/`[^`\n]+`/g)].map((m) => m[0]);
    // Glossary terms go into the body (the first line that is not the description quote).
    const terms = termsPlaced || prefix.startsWith('>') ? [] : keptTerms;
    if (!prefix.startsWith('>')) termsPlaced = true;
    out.push(`${prefix}这是人工智能生成内容的中文译文${[...terms, ...code, ...links].map((x) => ` ${x}`).join('')}。`);
  }
  return out.join('\n');
}

/**
 * Translate one demo article to Chinese with the real job (planTranslation → run) and the
 * OpenAI SDK against the fake server, writing the page where the engine would.
 */
export async function addTranslation(root: string, slug: string, to: string): Promise<string> {
  const options = parseOptions({ text: { provider: 'openai', model: 'gpt-test' } });
  const { outlines } = await loadOutlines(root, options.outlines, options.lang);
  const outline = outlines.find((o) => o.collection === 'articles' && o.slug === slug);
  if (!outline) throw new Error(`no outline articles/${slug} in the demo`);
  const articlePath = `${options.output}/articles/${slug}.md`;
  const [job] = planTranslation({ ...outline, data: { ...outline.data, translate: [to] } }, articlePath, options, { root, env: {} }).filter((j) => j.kind === 'translation');
  if (!job) throw new Error('no translation job planned');
  const glossary = parseGlossary(await readFile(join(root, 'content/glossary.yml'), 'utf8').catch(() => ''));
  const server = await startFakeOpenAI();
  try {
    server.on('POST /v1/chat/completions', (request) => chatCompletionStream(fakeTranslate(String(request.body.messages[1].content), glossary.keep)));
    const controller = new AbortController();
    const context: JobContext = {
      providers: providersWith(createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-test', maxOutputTokens: 8000 })),
      readDependency: async (path) => readFile(join(root, path)),
      root,
      cacheDir: join(root, 'node_modules/.aigc'),
      signal: controller.signal,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    };
    const result = await job.run(context);
    await mkdir(dirname(join(root, job.path)), { recursive: true });
    await writeFile(join(root, job.path), result.data);
    return job.path;
  } finally {
    await server.close();
  }
}

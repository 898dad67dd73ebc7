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
import { fakeTranslate } from '../support/fake-translation.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

export const DEMO_COPY = 'e2e-demo';

/** Copy the demo site; what it generated before is reused, so the build makes no new artifacts when the tree is current. */
export async function copyDemo(): Promise<string> {
  const root = fixtureRoot(DEMO_COPY);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  for (const path of ['astro.config.mjs', 'src', 'content', 'aigc.lock']) {
    await cp(join(repoRoot, path), join(root, path), { recursive: true, force: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  }
  return root;
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
  const [job] = planTranslation({ ...outline, data: { ...outline.data, translate: [to] } }, articlePath, options, {
    root,
    env: {},
  }).filter((j) => j.kind === 'translation');
  if (!job) throw new Error('no translation job planned');
  const glossary = parseGlossary(await readFile(join(root, 'content/glossary.yml'), 'utf8').catch(() => ''));
  const server = await startFakeOpenAI();
  try {
    server.on('POST /v1/chat/completions', (request) =>
      chatCompletionStream(fakeTranslate(String(request.body.messages[1].content), glossary.keep)),
    );
    const controller = new AbortController();
    const context: JobContext = {
      providers: providersWith(
        createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-test', maxOutputTokens: 8000 }),
      ),
      readDependency: async (path) => readFile(join(root, path)),
      root,
      cacheDir: join(root, 'node_modules/.aigc'),
      signal: controller.signal,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    };
    const result = await produceOutput(job, context);
    await mkdir(dirname(join(root, job.path)), { recursive: true });
    await writeFile(join(root, job.path), result.data);
    return job.path;
  } finally {
    await server.close();
  }
}

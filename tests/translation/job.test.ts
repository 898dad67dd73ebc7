import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import { splitFrontmatter, withFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { planTranslation, translationSkipReason } from '../../integrations/aigc/src/generators/translation.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { makeOutline, providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';

const CHAT = 'POST /v1/chat/completions';
const options = parseOptions({ text: { provider: 'openai', model: 'gpt-test' } });
const outline = makeOutline('what-is-aigc', ['A definition'], { translate: ['zh-CN'], description: 'AIGC explained.' });
const articlePath = 'content/generated/articles/what-is-aigc.md';
const translated = 'content/generated/articles/what-is-aigc.zh-CN.md';

const articleBody =
  '## A definition\n\nAIGC is content made by [models](https://example.org/models).\n\n```ts\nconst a = 1;\n```\n';
const article = withFrontmatter(
  {
    title: 'What is AIGC?',
    description: 'AIGC explained.',
    lang: 'en',
    tags: ['aigc'],
    aigc: {
      provider: 'openai',
      model: 'gpt-test',
      generatedAt: '2026-01-01T00:00:00Z',
      offlineDraft: false,
      outline: outline.file,
    },
    reviewed: false,
  },
  articleBody,
);
const goodAnswer =
  '# 什么是 AIGC？\n\n> 解释 AIGC。\n\n## 定义\n\nAIGC 是由[模型](https://example.org/models)生成的内容。\n\n```ts\nconst a = 1;\n```\n';
const droppedCode =
  '# 什么是 AIGC？\n\n> 解释 AIGC。\n\n## 定义\n\nAIGC 是由[模型](https://example.org/models)生成的内容。\n';

/** The article as a deterministic job, so the translation reads it through the engine like the real one. */
function articleJob(text: () => string): Job {
  return {
    path: articlePath,
    kind: 'article',
    capability: 'none',
    outline: outline.file,
    dependsOn: [],
    inputs: { text: text() },
    version: '1',
    estimate: { inputTokens: 0, outputTokens: 0 },
    run: async () => ({ data: text(), provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } }),
  };
}

let server: FakeOpenAI;
let root: string;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  root = await tempRoot();
  await mkdir(join(root, 'content'), { recursive: true });
  await writeFile(join(root, 'content/glossary.yml'), 'keep: [AIGC]\nterms:\n  zh-CN:\n    models: 模型\n');
});

async function run(text = () => article) {
  const provider = createOpenAIText({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    model: 'gpt-test',
    maxOutputTokens: 4000,
  });
  // Only the text jobs: the narration of the translation has its own tests.
  const planned = planTranslation(outline, articlePath, options, { root, env: {} }).filter(
    (job) => job.kind === 'translation',
  );
  const jobs = [articleJob(text), ...planned];
  return runJobs(jobs, settingsFor(root, providersWith(provider)));
}

describe('translation job through the OpenAI SDK', () => {
  it('writes the translated page with lang, translationOf and provenance, asking with the glossary', async () => {
    server.enqueue(CHAT, chatCompletionStream(goodAnswer));
    const report = await run();
    expect(report.failed).toEqual([]);
    const { data, body } = splitFrontmatter(await readFile(join(root, translated), 'utf8'));
    expect(data).toMatchObject({
      title: '什么是 AIGC？',
      description: '解释 AIGC。',
      lang: 'zh-CN',
      translationOf: 'what-is-aigc',
      tags: ['aigc'],
      reviewed: false,
    });
    expect(data.aigc).toMatchObject({
      provider: 'openai',
      model: 'test-model',
      offlineDraft: false,
      outline: outline.file,
    });
    expect(body).toContain('```ts\nconst a = 1;\n```');
    const [call] = server.calls(CHAT);
    expect(call!.body.messages[0].content).toMatch(/Keep these terms exactly as written, untranslated: AIGC\./);
    expect(call!.body.messages[0].content).toMatch(/"models" → "模型"/);
    expect(call!.body.messages[1].content).toBe(`# What is AIGC?\n\n> AIGC explained.\n\n${articleBody}`);
  });

  it('reuses the translation on the next run and redoes it when the article text is edited', async () => {
    server.enqueue(CHAT, chatCompletionStream(goodAnswer));
    await run();
    await run();
    expect(server.calls(CHAT)).toHaveLength(1);
    server.enqueue(CHAT, chatCompletionStream(goodAnswer.replace('生成的内容', '自动生成的内容')));
    const edited = article.replace('content made by', 'content produced by');
    await run(() => edited);
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(server.calls(CHAT)[1]!.body.messages[1].content).toContain('content produced by');
  });

  it('sends the findings back once, and publishes the repaired answer', async () => {
    server.enqueue(CHAT, chatCompletionStream(droppedCode), chatCompletionStream(goodAnswer));
    const report = await run();
    expect(report.failed).toEqual([]);
    const repair = server.calls(CHAT)[1]!.body.messages;
    expect(repair.at(-1).content).toMatch(/code blocks: the source has 1, the translation 0/);
    expect(await readFile(join(root, translated), 'utf8')).toContain('const a = 1;');
  });

  it('publishes nothing when the translation still drops a code block', async () => {
    server.enqueue(CHAT, chatCompletionStream(droppedCode), chatCompletionStream(droppedCode));
    const report = await run();
    expect(report.failed.map((f) => f.path)).toEqual([translated]);
    expect(String(report.failed[0]!.error)).toMatch(/does not keep the source's structure, so it is not published/);
    await expect(readFile(join(root, translated))).rejects.toThrow(/ENOENT/);
  });
});

describe('planning', () => {
  it('plans one translation per language, reading the article, and narrates it in its language only after it', () => {
    const jobs = planTranslation(
      { ...outline, data: { ...outline.data, translate: ['zh-CN', 'en', 'ja'] } },
      articlePath,
      options,
      { root: '/nonexistent', env: {} },
    );
    const translations = jobs.filter((job) => job.kind === 'translation');
    expect(translations.map((job) => [job.path, job.dependsOn])).toEqual([
      [translated, [articlePath]],
      ['content/generated/articles/what-is-aigc.ja.md', [articlePath]],
    ]);
    for (const narration of jobs.filter((job) => job.kind === 'narration')) {
      expect(narration.dependsOn).toEqual([expect.stringMatching(/what-is-aigc\.(zh-CN|ja)\.md$/)]);
    }
  });
});

describe('offline: no machine translation', () => {
  const offline = parseOptions({});
  it('plans no translation job, and says why', () => {
    expect(planTranslation(outline, articlePath, offline, { root: '/nonexistent', env: {} })).toEqual([]);
    expect(translationSkipReason([outline], offline, {})).toMatch(
      /^1 translation\(s\) not produced \(articles\/what-is-aigc → zh-CN\): the offline text provider cannot translate/,
    );
    expect(translationSkipReason([outline], offline, { OPENAI_API_KEY: 'sk' })).toBeUndefined();
  });
});

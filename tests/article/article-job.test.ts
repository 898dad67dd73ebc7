/**
 * The article job end to end against the test server: the model's answer goes through
 * sanitising, the validation pipeline and the bounded repair loop before it is written;
 * a guide that names a `source` is held to that API in the same loop.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { buildSiteIndex } from '../../integrations/aigc/src/site-index.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { ValidationError } from '../../integrations/aigc/src/validate/page.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { FIXTURE_SOURCE, ROOT, jobContext, options, silentLogger, tempDir } from '../reference/support.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const CHAT = 'POST /v1/chat/completions';
let server: FakeOpenAI;
const cacheDir = tempDir('article');

beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  silentLogger.warnings.length = 0;
});

const provider = () =>
  createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'test-model', maxOutputTokens: 4000 });

function outline(text: string, slug = 'greetings', collection = 'articles'): Outline {
  return parseOutline(text, { file: `content/outlines/${collection}/${slug}.md`, collection, slug, defaultLang: 'en' });
}

const ARTICLE = outline(`---
title: Greetings
---

Explain greetings.

## Why greet
- greetings open a conversation

## How to greet
- say hello
`);

const GOOD =
  'Greetings matter to people everywhere.\n\n## Why greet\n\nA greeting opens a conversation and sets its tone.\n\n## How to greet\n\nSay hello, and mean it.\n';
const MISSING_SECTION =
  'Greetings matter to people everywhere.\n\n## Why greet\n\nA greeting opens a conversation and sets its tone.\n';
const SCRIPTED = GOOD.replace(
  'Say hello, and mean it.',
  'Say hello <img src="x" onerror="alert(1)" alt="wave">, and mean it.',
);

describe('article job', () => {
  it('repairs a page that misses a section: two calls, the second answer is written', async () => {
    server.enqueue(CHAT, chatCompletionStream(MISSING_SECTION), chatCompletionStream(GOOD));
    const job = planArticle(ARTICLE, options(), { root: ROOT });
    const result = await produceOutput(job, jobContext(ROOT, cacheDir, provider()));
    expect(server.calls(CHAT)).toHaveLength(2);
    const repairPrompt = JSON.stringify(server.calls(CHAT)[1]!.body.messages);
    expect(repairPrompt).toContain('outline-coverage');
    const page = splitFrontmatter(String(result.data));
    expect(page.body.trim()).toBe(GOOD.trim());
    expect(page.data).toMatchObject({
      title: 'Greetings',
      aigc: { provider: 'openai', model: 'test-model', offlineDraft: false },
    });
    expect(page.data.draft).toBeUndefined();
  });

  it('fails with every finding at file:line:column when the repair does not help (strict)', async () => {
    server.enqueue(CHAT, chatCompletionStream(MISSING_SECTION), chatCompletionStream(MISSING_SECTION));
    const job = planArticle(ARTICLE, options(), { root: ROOT });
    const failure = produceOutput(job, jobContext(ROOT, cacheDir, provider()));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(
      /content\/generated\/articles\/greetings\.md:\d+:\d+ {2}error {2}.*How to greet.*\[outline-coverage\]/,
    );
  });

  it('publishes a draft marked as such when validation.onFailure is draft', async () => {
    server.enqueue(CHAT, chatCompletionStream(MISSING_SECTION), chatCompletionStream(MISSING_SECTION));
    const job = planArticle(ARTICLE, options({ validation: { repairRounds: 1, onFailure: 'draft' } }), { root: ROOT });
    const result = await produceOutput(job, jobContext(ROOT, cacheDir, provider()));
    expect(splitFrontmatter(String(result.data)).data.draft).toBe(true);
    expect(silentLogger.warnings.join('\n')).toMatch(/greetings\.md:\d+:\d+ {2}error .*\[outline-coverage\]/);
  });

  it('never writes script: an onerror attribute is removed before the page is written, and reported', async () => {
    server.enqueue(CHAT, chatCompletionStream(SCRIPTED));
    const job = planArticle(ARTICLE, options(), { root: ROOT });
    const result = String((await produceOutput(job, jobContext(ROOT, cacheDir, provider()))).data);
    expect(result).not.toMatch(/onerror|alert\(/);
    expect(silentLogger.warnings.join('\n')).toMatch(/greetings\.md:\d+:\d+/);
  });

  it('checks links against the site: a link to a page no outline makes is sent back for repair', async () => {
    const other = outline('---\ntitle: Farewells\n---\n\n## Saying goodbye\n- wave\n', 'farewells');
    const site = buildSiteIndex([ARTICLE, other], tempDir('site'), 'content/generated');
    const linked = GOOD.replace('and mean it.', 'and mean it (see [farewells](/articles/farewells/#saying-goodbye)).');
    const broken = GOOD.replace('and mean it.', 'and mean it (see [partings](/articles/partings/)).');
    server.enqueue(CHAT, chatCompletionStream(broken), chatCompletionStream(linked));
    const result = await produceOutput(
      planArticle(ARTICLE, options(), { root: ROOT, site }),
      jobContext(ROOT, cacheDir, provider()),
    );
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(JSON.stringify(server.calls(CHAT)[1]!.body.messages)).toContain('/articles/partings/');
    expect(String(result.data)).toContain('(/articles/farewells/#saying-goodbye)');
  });
});

describe('guide with a source', () => {
  const GUIDE = outline(
    `---\ntitle: Greeting people\nkind: guide\nsource: ${FIXTURE_SOURCE}\n---\n\nShow how to greet with the library.\n\n## Make a greeter\n- create one and greet a name\n`,
    'greeting-people',
    'docs',
  );
  const CORRECT =
    "Use the library.\n\n## Make a greeter\n\nCall `createGreeter()`:\n\n```ts\nimport { createGreeter } from 'fixture-api';\n\nconst greeter = createGreeter();\n```\n";
  const INVENTED = CORRECT.replace('`createGreeter()`', '`createGreter()`');

  it('puts the extracted API in the prompt and sends an invented symbol back with its position', async () => {
    server.enqueue(CHAT, chatCompletionStream(INVENTED), chatCompletionStream(CORRECT));
    const result = await produceOutput(
      planArticle(GUIDE, options(), { root: ROOT }),
      jobContext(ROOT, cacheDir, provider()),
    );
    const calls = server.calls(CHAT);
    expect(calls).toHaveLength(2);
    const system = (calls[0]!.body.messages as { role: string; content: string }[])[0]!.content;
    expect(system).toContain('createGreeter');
    expect(JSON.stringify(calls[1]!.body.messages)).toContain('api-symbol');
    expect(String(result.data)).toContain('`createGreeter()`');
  });

  it('fails the build when the answer keeps naming missing API', async () => {
    server.enqueue(CHAT, chatCompletionStream(INVENTED), chatCompletionStream(INVENTED));
    await expect(
      produceOutput(planArticle(GUIDE, options(), { root: ROOT }), jobContext(ROOT, cacheDir, provider())),
    ).rejects.toThrow(/greeting-people\.md:\d+:\d+ {2}error .*createGreter.*\[api-symbol\]/);
  });
});

/**
 * A style violation goes round the repair loop like any other finding: the article job,
 * the real openai SDK, the test server over HTTP, and a style file in the project.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { ValidationError } from '../../integrations/aigc/src/validate/page.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { jobContext, options, tempDir } from '../reference/support.ts';

const CHAT = 'POST /v1/chat/completions';
let server: FakeOpenAI;
let root: string;

beforeAll(async () => {
  server = await startFakeOpenAI();
  root = tempDir('style-repair');
  mkdirSync(join(root, 'content'), { recursive: true });
  writeFileSync(join(root, 'content/style.yml'), 'terms:\n  en:\n    utilize: use\n    leverage: use\n');
});
afterAll(() => server.close());

const provider = () =>
  createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'test-model', maxOutputTokens: 4000 });
const OUTLINE = parseOutline('---\ntitle: Outlines\n---\n\n## Why outlines\n- they keep pages on topic\n', {
  file: 'content/outlines/articles/outlines.md',
  collection: 'articles',
  slug: 'outlines',
  defaultLang: 'en',
});
const BANNED = 'Outlines help.\n\n## Why outlines\n\nTeams utilize outlines to keep pages on topic.\n';
const FIXED = 'Outlines help.\n\n## Why outlines\n\nTeams use outlines to keep pages on topic.\n';

describe('house style in the repair loop', () => {
  it('sends an avoided term back with its line and the preferred term; the repaired text is written', async () => {
    server.reset();
    server.enqueue(CHAT, chatCompletionStream(BANNED), chatCompletionStream(FIXED));
    const result = await produceOutput(
      planArticle(OUTLINE, options(), { root }),
      jobContext(root, tempDir('style-cache'), provider()),
    );
    expect(server.calls(CHAT)).toHaveLength(2);
    const repair = JSON.stringify(server.calls(CHAT)[1]!.body.messages);
    expect(repair).toMatch(/line \d+:7 \[style-term\] \\"utilize\\" is a term the house style avoids/);
    expect(repair).toContain('Write \\"use\\" instead of \\"utilize\\"');
    expect(String(result.data)).toContain('Teams use outlines');
  });

  it('fails naming the rule when the model keeps the term', async () => {
    server.reset();
    server.enqueue(CHAT, chatCompletionStream(BANNED), chatCompletionStream(BANNED));
    const failure = produceOutput(
      planArticle(OUTLINE, options(), { root }),
      jobContext(root, tempDir('style-cache'), provider()),
    );
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(/outlines\.md:\d+:7 {2}error .*utilize.*\[style-term\]/);
  });
});

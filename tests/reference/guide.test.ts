import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import {
  checkAgainstApi,
  extractForGuide,
  planReference,
  type GuideApi,
} from '../../integrations/aigc/src/generators/reference.ts';
import { overviewMessages } from '../../integrations/aigc/src/generators/reference/prompt.ts';
import { checkTypeScriptBlocks } from '../../integrations/aigc/src/generators/reference/check-typescript.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { FIXTURE_SOURCE, ROOT, jobContext, options, referenceOutline, tempDir } from './support.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const CHAT = 'POST /v1/chat/completions';
let server: FakeOpenAI;
let guide: GuideApi;
let cacheDir: string;

beforeAll(async () => {
  server = await startFakeOpenAI();
  cacheDir = tempDir('guide');
  guide = await extractForGuide(FIXTURE_SOURCE, ROOT, { cacheDir });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const provider = () =>
  createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'gpt-test', maxOutputTokens: 2000 });

const MISSING_SYMBOL = [
  '## Getting started',
  '',
  'Call `createGreter()` to make a greeter, then `Greeter.wave` to wave.',
  '',
].join('\n');
const TYPE_ERROR = [
  '## Example',
  '',
  '```ts',
  "import { createGreeter } from 'fixture-api';",
  "const greeter = createGreeter({ volume: 'loud' });",
  'const count: string = greeter.count;',
  '```',
  '',
].join('\n');
const CORRECT = [
  '## Getting started',
  '',
  'Call `createGreeter()` to make a `Greeter`, then `Greeter.greet` with a name.',
  '',
  '```ts',
  "import { createGreeter } from 'fixture-api';",
  "const greeter = createGreeter({ volume: 'loud' });",
  "const text: string = greeter.greet('Ada').text;",
  '```',
  '',
].join('\n');

describe('extractForGuide', () => {
  it('returns the symbol list and the signatures text for the prompt', () => {
    expect(guide.packageName).toBe('fixture-api');
    expect(guide.symbols).toEqual(
      expect.arrayContaining(['createGreeter', 'Greeter', 'Greeter.greet', 'Greetings.isLoud', 'strings.capitalize']),
    );
    expect(guide.signatures).toContain(
      '### `createGreeter` (function)\nCreate a `Greeter`.\n```ts\nfunction createGreeter(options?: GreeterOptions): Greeter\n```',
    );
    expect(guide.signatures).toContain(
      '### `sayHello` (function)\nDeprecated. Use `createGreeter` and `Greeter.greet` instead.',
    );
  });

  it('puts the signatures in the overview prompt', () => {
    const [system] = overviewMessages(referenceOutline(FIXTURE_SOURCE), guide.packageName, guide.signatures);
    expect(system!.content).toContain('function greet(names: readonly string[], separator?: string): string');
    expect(system!.content).toContain('never invent');
  });
});

describe('checks on a guide', () => {
  it('finds a missing symbol with a did-you-mean, at its line:column', async () => {
    const findings = await checkAgainstApi(MISSING_SYMBOL, guide.api, ROOT);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['api-symbol', 3, 7],
      ['api-symbol', 3, 56],
    ]);
    expect(findings[0]!.reason).toContain('did you mean `createGreeter`?');
    expect(findings[1]!.reason).toContain('Greeter has no member `wave`');
  });

  it('finds a type error in a snippet, at its line:column in the page', async () => {
    const findings = await checkAgainstApi(TYPE_ERROR, guide.api, ROOT);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'typescript', line: 6, column: 7 });
    expect(findings[0]!.reason).toMatch(/^TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it('finds an invented import in a snippet with both rules', async () => {
    const text = "```ts\nimport { makeFriends } from 'fixture-api';\n```\n";
    const findings = await checkAgainstApi(text, guide.api, ROOT);
    expect(findings.map((f) => [f.ruleId, f.line, f.column]).sort()).toEqual([
      ['api-symbol', 2, 10],
      ['typescript', 2, 10],
    ]);
  });

  it('type-checks snippets against an installed package by name (change-case .d.ts)', async () => {
    const text =
      "Intro.\n\n```ts\nimport { camelCase } from 'change-case';\nconst ok: string = camelCase('a b');\nconst bad: number = camelCase('a b');\n```\n";
    const findings = await checkTypeScriptBlocks(text, {
      packageName: 'change-case',
      entry: 'change-case',
      root: ROOT,
    });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['typescript', 6, 7]]);
  });

  it('passes a correct guide', async () => {
    expect(await checkAgainstApi(CORRECT, guide.api, ROOT)).toEqual([]);
  });
});

describe('reference landing page with a model', () => {
  it('is written from the repaired overview when the second answer is right', async () => {
    server.enqueue(CHAT, chatCompletionStream(MISSING_SYMBOL), chatCompletionStream(CORRECT));
    const [, landing] = planReference(referenceOutline(FIXTURE_SOURCE), options(), ROOT);
    const result = await produceOutput(landing!, jobContext(ROOT, cacheDir, provider()));
    const page = splitFrontmatter(String(result.data));
    expect(page.data).toMatchObject({
      kind: 'reference',
      aigc: { provider: 'openai', model: 'test-model', offlineDraft: false },
    });
    expect(page.body.trimStart().startsWith(CORRECT.trim())).toBe(true);
    expect(page.body).toContain('| [`Greeter`](/docs/api/greeter/) | class | Makes greetings for names. |');
    expect(server.calls(CHAT)).toHaveLength(2);
  });

  it('fails the job with every finding when the second answer is still wrong', async () => {
    server.enqueue(CHAT, chatCompletionStream(TYPE_ERROR), chatCompletionStream(TYPE_ERROR));
    const [, landing] = planReference(referenceOutline(FIXTURE_SOURCE), options(), ROOT);
    await expect(produceOutput(landing!, jobContext(ROOT, cacheDir, provider()))).rejects.toThrow(
      /content\/generated\/docs\/api\.md: \d+ problem\(s\) remain after repair[\s\S]*\ncontent\/generated\/docs\/api\.md:\d+:7 {2}error {2}TS2322: .*\[typescript\]/,
    );
  });

  it('publishes a draft instead when validation.onFailure is draft', async () => {
    server.enqueue(CHAT, chatCompletionStream(TYPE_ERROR), chatCompletionStream(TYPE_ERROR));
    const [, landing] = planReference(
      referenceOutline(FIXTURE_SOURCE),
      options({ validation: { repairRounds: 1, onFailure: 'draft' } }),
      ROOT,
    );
    const result = await produceOutput(landing!, jobContext(ROOT, cacheDir, provider()));
    expect(splitFrontmatter(String(result.data)).data.draft).toBe(true);
  });
});

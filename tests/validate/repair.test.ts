import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, TextProvider } from '../../integrations/aigc/src/providers/types.ts';
import { checkPage, ValidationError } from '../../integrations/aigc/src/validate/page.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import {
  buildRepairMessages,
  errorCount,
  extractMarkdown,
  MAX_FINDINGS_PER_ROUND,
  numberedContext,
  repairUntilValid,
} from '../../integrations/aigc/src/validate/repair.ts';
import type { Finding } from '../../integrations/aigc/src/validate/finding.ts';
import { chatCompletion, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { corpusContext, loadCorpus } from './corpus.ts';

const ROUTE = 'POST /v1/chat/completions';
const corpus = loadCorpus();
const byName = (name: string) => corpus.find((c) => c.name === name)!;
const valid = byName('valid');

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function ask(messages: ChatMessage[]): Promise<{ text: string; finishReason: string }> {
  const completion = await client.chat.completions.create({ model: 'test-model', messages, stream: false });
  return { text: completion.choices[0]!.message.content ?? '', finishReason: completion.choices[0]!.finish_reason };
}

/** Generate with the server, then run the real repair loop against it. */
async function generateAndRepair(maxRounds: number, context = corpusContext(valid)) {
  const first = await ask([{ role: 'user', content: 'Write the article.' }]);
  return repairUntilValid({
    text: first.text,
    maxRounds,
    validate: (text) => validateMarkdown(text, context),
    repair: async (text, findings) => extractMarkdown((await ask(buildRepairMessages(text, findings))).text),
  });
}

const REPAIRABLE = [
  'missing-section',
  'reordered-sections',
  'heading-level-jump',
  'empty-section',
  'boilerplate-as-an-ai',
  'broken-own-anchor',
  'broken-json',
  'unknown-fence-language',
  'script-block',
  'mdx-expression',
  'image-alt-image',
  'table-column-count',
];

describe('repair through the fake OpenAI server', () => {
  it.each(REPAIRABLE)('%s: the second answer fixes it → valid after one round, two calls', async (name) => {
    const bad = byName(name);
    fake.enqueue(ROUTE, chatCompletion(bad.input), chatCompletion(valid.input));
    const outcome = await generateAndRepair(2);
    expect(outcome.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(outcome).toMatchObject({ rounds: 1, repaired: true, text: valid.input });
    expect(fake.calls(ROUTE)).toHaveLength(2);
    // The repair request names each error with its rule and shows the offending line, numbered and marked.
    const prompt = fake.calls(ROUTE)[1]!.body.messages.at(-1).content as string;
    for (const expected of bad.findings.filter((f) => f.severity === 'error')) {
      expect(prompt).toContain(`line ${expected.line}:${expected.column} [${expected.ruleId}]`);
      expect(prompt).toMatch(new RegExp(`> +${expected.line} \\| `));
    }
  });

  it('never fixed → findings remain, stops after the first round that does not shrink them', async () => {
    const bad = byName('script-block');
    fake.on(ROUTE, () => chatCompletion(bad.input));
    const outcome = await generateAndRepair(3);
    expect(errorCount(outcome.findings)).toBe(1);
    expect(outcome.findings[0]).toMatchObject({ ruleId: 'safety', line: bad.findings[0]!.line });
    expect(outcome).toMatchObject({ rounds: 1, repaired: false, text: bad.input });
    expect(fake.calls(ROUTE)).toHaveLength(2);
  });

  it('improving slowly → stops at maxRounds, keeps the best attempt, calls bounded by 1 + maxRounds', async () => {
    // Three errors; each answer fixes one of them.
    const threeErrors = valid.input
      .replace('## Limits', '#### Limits detail\n\nA short note.\n\n## Limits')
      .replace('see [the limits](#limits)', 'see [the limits](#nowhere)')
      .replace('| Inverter | Makes AC power |', '| Inverter |');
    const twoErrors = threeErrors.replace('#### Limits detail', '### Limits detail');
    const oneError = twoErrors.replace('(#nowhere)', '(#limits)');
    fake.enqueue(
      ROUTE,
      chatCompletion(threeErrors),
      chatCompletion(twoErrors),
      chatCompletion(oneError),
      chatCompletion(valid.input),
    );
    const outcome = await generateAndRepair(2);
    expect(outcome.rounds).toBe(2);
    expect(outcome.text).toBe(oneError);
    expect(outcome.findings.map((f) => f.ruleId)).toEqual(['tables']);
    expect(fake.calls(ROUTE)).toHaveLength(3);
  });

  it('a worse answer is thrown away: the best attempt is kept', async () => {
    const bad = byName('broken-own-anchor');
    const worse = byName('table-column-count').input.replace('## Limits', '#### Limits');
    fake.enqueue(ROUTE, chatCompletion(bad.input), chatCompletion(worse));
    const outcome = await generateAndRepair(2);
    expect(outcome).toMatchObject({ text: bad.input, rounds: 1, repaired: false });
    expect(outcome.findings.map((f) => f.ruleId)).toEqual(['links']);
  });

  it('maxRounds 0 validates only', async () => {
    fake.enqueue(ROUTE, chatCompletion(byName('iframe').input));
    const outcome = await generateAndRepair(0);
    expect(outcome.rounds).toBe(0);
    expect(errorCount(outcome.findings)).toBe(1);
    expect(fake.calls(ROUTE)).toHaveLength(1);
  });
});

describe('checkPage with a text provider over the SDK', () => {
  const provider: TextProvider = {
    id: 'openai',
    model: 'test-model',
    async generate(request) {
      const completion = await client.chat.completions.create({
        model: 'test-model',
        messages: request.messages,
        stream: false,
      });
      const usage = completion.usage!;
      return {
        text: completion.choices[0]!.message.content ?? '',
        finishReason: completion.choices[0]!.finish_reason === 'length' ? 'length' : 'stop',
        usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
        model: completion.model,
      };
    },
  };

  it('sanitizes, repairs once, restores the frontmatter and unwraps a fenced answer', async () => {
    const bad = byName('onerror-attribute').input.replace('## Limits', '#### Limits');
    const answer =
      '```markdown\n' +
      valid.input.replace('title: How solar panels work', 'title: Something the model made up') +
      '```\n';
    fake.enqueue(ROUTE, chatCompletion(answer, { promptTokens: 500, completionTokens: 300 }));
    const result = await checkPage({ markdown: bad, context: corpusContext(valid), text: provider });
    expect(result.ok).toBe(true);
    expect(result.markdown).toBe(valid.input);
    expect(result.removed.map((f) => `${f.ruleId} ${f.line}`)).toEqual([
      `safety ${byName('onerror-attribute').findings[0]!.line}`,
    ]);
    expect(result).toMatchObject({ rounds: 1, repaired: true, usage: { inputTokens: 500, outputTokens: 300 } });
    expect(fake.calls(ROUTE)[0]!.body.messages[0].content).toContain('complete revised Markdown file');
  });

  it('a model that keeps failing leaves findings and a ValidationError that prints them with file:line:column', async () => {
    const bad = byName('broken-json');
    fake.on(ROUTE, () => chatCompletion(bad.input));
    const result = await checkPage({
      markdown: bad.input,
      context: corpusContext(valid),
      text: provider,
      maxRounds: 2,
    });
    expect(result.ok).toBe(false);
    expect(fake.calls(ROUTE).length).toBeLessThanOrEqual(2);
    const error = new ValidationError('content/generated/articles/how-solar-panels-work.md', result.findings);
    expect(error.message).toContain(
      `content/generated/articles/how-solar-panels-work.md:${bad.findings[0]!.line}:${bad.findings[0]!.column}  error`,
    );
    expect(error.message).toContain('[fence-syntax]');
  });

  it('without a provider it only checks (no calls)', async () => {
    const result = await checkPage({ markdown: byName('mdx-import').input, context: corpusContext(valid) });
    // The sanitizer removed the import line, so the page passes; what it removed is reported.
    expect(result.ok).toBe(true);
    expect(result.removed.map((f) => f.reason)).toEqual(['Removed an MDX import line']);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('numbered context', () => {
  const text = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
  const finding = (line: number): Finding => ({
    ruleId: 'r',
    severity: 'error',
    line,
    column: 1,
    reason: 'why',
    fix: 'how',
  });

  it('shows ±2 numbered lines around each finding, the line itself marked', () => {
    const context = numberedContext(text, [finding(10), finding(1)]);
    expect(context).toBe(
      [
        '1. line 10:1 [r] why',
        '   fix: how',
        '      8 | line 8',
        '      9 | line 9',
        '   > 10 | line 10',
        '     11 | line 11',
        '     12 | line 12',
        '',
        '2. line 1:1 [r] why',
        '   fix: how',
        '   >  1 | line 1',
        '      2 | line 2',
        '      3 | line 3',
      ].join('\n'),
    );
  });

  it('sends at most 20 errors and no warnings', () => {
    const findings = [
      ...Array.from({ length: 30 }, (_, i) => finding(i + 1)),
      { ...finding(35), severity: 'warning' as const, ruleId: 'w' },
    ];
    const prompt = buildRepairMessages(text, findings)[1]!.content;
    expect(prompt.match(/^\d+\. line/gm)).toHaveLength(MAX_FINDINGS_PER_ROUND);
    expect(prompt).not.toContain('[w]');
  });
});

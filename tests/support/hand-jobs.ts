/**
 * Jobs built by hand, for engine tests that do not go through planJobs: the engine is held
 * to its own contract (keys, lock, order, scheduler), whatever generators exist.
 */
import type { Job, JobContext, JobResult, Logger } from '../../integrations/aigc/src/engine/types.ts';
import type { TextProvider, TextRequest, TextResult } from '../../integrations/aigc/src/providers/types.ts';

/** A deterministic job writing `text` (or what `make` returns from the context). */
export function handJob(
  path: string,
  overrides: Partial<Job> & { text?: string; make?: (context: JobContext) => Promise<JobResult> | JobResult } = {},
): Job {
  const { text = `output of ${path}\n`, make, ...rest } = overrides;
  return {
    path,
    kind: 'note',
    capability: 'none',
    outline: 'content/outlines/hand.md',
    dependsOn: [],
    inputs: { path },
    version: '1',
    estimate: { inputTokens: 0, outputTokens: 0 },
    run: async (context) =>
      make
        ? make(context)
        : { data: text, provider: 'none', model: 'none', usage: { inputTokens: 0, outputTokens: 0 } },
    ...rest,
  };
}

/** A job that asks the text provider and passes its answer through a checker that trims it. */
export function modelJob(path: string, overrides: Partial<Job> = {}): Job {
  return handJob(path, {
    kind: 'note',
    capability: 'text',
    estimate: { inputTokens: 100, outputTokens: 100 },
    make: async (context) => {
      const answer = await context.providers.text.generate({
        messages: [{ role: 'user', content: `write ${path}` }],
        brief: { task: 'translate', text: path, from: 'en', to: 'fr' },
      });
      return {
        data: answer.text,
        provider: context.providers.text.id,
        model: answer.model,
        usage: answer.usage,
        finishReason: answer.finishReason,
      };
    },
    check: {
      name: 'trim',
      check: async (draft) => ({ ...draft, data: `${String(draft.data).trim()}\n` }),
    },
    ...overrides,
  });
}

/** A logger that keeps its lines, for assertions on what the run said. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    debug: (m) => void lines.push(`debug ${m}`),
  };
}

/** A text provider that answers every request with its last message (plus stray spaces for the check to trim). */
export function echoText(
  model = 'gpt-5.4-mini',
  id: 'openai' | 'offline' = 'openai',
): TextProvider & { calls: number } {
  const provider = {
    id,
    model,
    calls: 0,
    async generate(request: TextRequest): Promise<TextResult> {
      provider.calls++;
      return {
        text: `${request.messages.at(-1)?.content ?? ''}  `,
        finishReason: 'stop',
        usage: { inputTokens: 100, outputTokens: 50 },
        model,
      };
    },
  };
  return provider;
}

/** Prices for cost assertions, fixed here so the built-in table can change without them. */
export const TEST_PRICES = { 'gpt-5.4-mini': { input: 0.25, output: 2 } };

/** `settings` with the meter at TEST_PRICES (and `budgetUsd`, when given). */
export function priced<T extends { meter: { pricing: unknown; budgetUsd: number | undefined } }>(
  settings: T,
  budgetUsd?: number,
): T {
  return {
    ...settings,
    meter: { ...settings.meter, pricing: TEST_PRICES, ...(budgetUsd === undefined ? {} : { budgetUsd }) },
  };
}

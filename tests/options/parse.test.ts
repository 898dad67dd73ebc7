import { AstroError } from 'astro/errors';
import { describe, expect, it } from 'vitest';
import { AigcOptionsError, AigcOptionsSchema, parseOptions } from '../../integrations/aigc/src/options.ts';
import aigc from '../../integrations/aigc/src/index.ts';

/** The error parseOptions throws for `input` (fails the test when it throws none). */
function errorOf(input: unknown): AigcOptionsError {
  try {
    parseOptions(input);
  } catch (error) {
    if (error instanceof AigcOptionsError) return error;
    throw error;
  }
  throw new Error('expected the options to be rejected');
}

describe('parseOptions', () => {
  it('fills every default, every injected route on', () => {
    const options = parseOptions({});
    expect(options.routes).toEqual({
      rss: true,
      podcast: true,
      llms: true,
      markdown: true,
      disclosure: true,
      assets: true,
    });
    expect(options.text.provider).toBe('auto');
    expect(options.image.size).toBe('1536x1024');
    expect(options.budget).toBeUndefined();
  });

  it('switches one route off and keeps the others', () => {
    expect(parseOptions({ routes: { rss: false } }).routes).toEqual({
      rss: false,
      podcast: true,
      llms: true,
      markdown: true,
      disclosure: true,
      assets: true,
    });
  });

  it('reports every problem in one AstroError, each with its path and a "did you mean"', () => {
    const error = errorOf({
      text: { provider: 'openia' },
      narations: true,
      image: { sise: '1024x1024' },
      routes: { rs: false },
    });
    expect(error).toBeInstanceOf(AstroError);
    expect(error.problems).toEqual([
      { path: 'text.provider', message: '"openia" is not one of "auto", "openai", "offline". Did you mean "openai"?' },
      { path: 'image.sise', message: 'unknown option. Did you mean `image.size`?' },
      { path: 'routes.rs', message: 'unknown option. Did you mean `routes.rss`?' },
      { path: 'narations', message: 'unknown option. Did you mean `narration`?' },
    ]);
    expect(error.message).toBe(
      [
        'Invalid astro-aigc options (4 problems):',
        '- `text.provider`: "openia" is not one of "auto", "openai", "offline". Did you mean "openai"?',
        '- `image.sise`: unknown option. Did you mean `image.size`?',
        '- `routes.rs`: unknown option. Did you mean `routes.rss`?',
        '- `narations`: unknown option. Did you mean `narration`?',
      ].join('\n'),
    );
    expect(error.hint).toMatch(/astro-aigc README/);
  });

  it('says where a key belongs when it is an option at another level', () => {
    expect(errorOf({ model: 'gpt-x' }).problems).toEqual([
      { path: 'model', message: 'unknown option here. It belongs in `text.model` or `image.model` or `speech.model`.' },
    ]);
  });

  it('lists the options at that level when nothing is close', () => {
    expect(errorOf({ routes: { zzzzzz: false } }).problems[0]!.message).toBe(
      'unknown option. Options here: `rss`, `podcast`, `llms`, `markdown`, `disclosure`, `assets`.',
    );
  });

  it('names the expected type and what was given', () => {
    expect(errorOf({ budget: 'ten', routes: { rss: 'no' } }).problems).toEqual([
      { path: 'routes.rss', message: 'expected a boolean, received "no".' },
      { path: 'budget', message: 'expected a number, received "ten".' },
    ]);
    expect(errorOf({ image: { size: 'big' } }).problems).toEqual([
      { path: 'image.size', message: 'expected a size such as "1536x1024", received "big".' },
    ]);
  });

  it("carries no stack trace: the mistake is in the user's config, and Astro would print the stack", () => {
    expect(errorOf({ narations: true }).stack).toBe('');
  });

  it('is what aigc() throws, before any hook runs', () => {
    expect(() => aigc({ onError: 'warm' } as never)).toThrow(
      /`onError`: "warm" is not one of "fail", "warn". Did you mean "warn"\?/,
    );
  });
});

/** Every leaf option of the schema with its dotted path: what the README's table lists. */
function leaves(
  schema: unknown,
  at: string[] = [],
): { path: string; schema: { description?: string; _zod: { def: Record<string, unknown> } } }[] {
  const node = schema as {
    description?: string;
    _zod: { def: { type: string; shape?: Record<string, unknown>; innerType?: unknown } };
  };
  let inner: typeof node = node;
  while (inner._zod.def.innerType) inner = inner._zod.def.innerType as typeof node;
  if (inner._zod.def.type === 'object' && inner._zod.def.shape) {
    return Object.entries(inner._zod.def.shape).flatMap(([key, child]) => leaves(child, [...at, key]));
  }
  return [{ path: at.join('.'), schema: node }];
}

describe('the options schema', () => {
  const all = leaves(AigcOptionsSchema);

  it('describes every option', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((o) => !o.schema.description).map((o) => o.path)).toEqual([]);
  });

  it('gives every option a default, except those whose absence means "the model\'s own", "not sent", "the run date\'s", "no limit" and "the shared limit"', () => {
    const withoutDefault = all.filter((o) => o.schema._zod.def.type !== 'default').map((o) => o.path);
    // text.serviceTier unset sends no `service_tier` at all: compatible servers may not know the field.
    // speech.model unset: the default of the run's date (see defaultSpeechModel).
    // limits.<capability>.* unset: limits.requestsPerMinute / tokensPerMinute, shared by the capabilities.
    const ownLimits = ['text', 'image', 'speech'].flatMap((c) => [
      `limits.${c}.requestsPerMinute`,
      `limits.${c}.tokensPerMinute`,
    ]);
    expect(withoutDefault).toEqual(['text.temperature', 'text.serviceTier', 'speech.model', ...ownLimits, 'budget']);
  });
});

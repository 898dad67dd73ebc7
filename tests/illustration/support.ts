import { XMLValidator } from 'fast-xml-parser';
import OpenAI from 'openai';
import { expect } from 'vitest';
import type { JobContext } from '../../integrations/aigc/src/engine/types.ts';
import type {
  ImageProvider,
  Providers,
  SpeechProvider,
  TextProvider,
} from '../../integrations/aigc/src/providers/types.ts';

/**
 * A minimal Chat Completions text provider for these tests (real SDK, real HTTP to the
 * fake server), so they do not depend on the streaming provider built elsewhere.
 */
export function chatTextProvider(baseURL: string, model = 'test-text-model'): TextProvider {
  const client = new OpenAI({ apiKey: 'test-key', baseURL, maxRetries: 0 });
  return {
    id: 'openai',
    model,
    async generate(request) {
      const response = await client.chat.completions.create({ model, messages: request.messages });
      const choice = response.choices[0]!;
      return {
        text: choice.message.content ?? '',
        finishReason: choice.finish_reason === 'length' ? 'length' : 'stop',
        usage: {
          inputTokens: response.usage?.prompt_tokens ?? 0,
          outputTokens: response.usage?.completion_tokens ?? 0,
        },
        model: response.model,
      };
    },
  };
}

/** The offline text provider as the illustration jobs see it (they never call it offline). */
export const offlineText: TextProvider = {
  id: 'offline',
  model: 'offline-drafter-1',
  generate: async () => {
    throw new Error('the illustration jobs must not call the offline text provider');
  },
};

const noSpeech: SpeechProvider = {
  id: 'offline',
  model: 'none',
  voice: 'none',
  maxInputChars: 1,
  synthesize: async () => {
    throw new Error('no speech in illustration tests');
  },
};

/** A hand-made JobContext: dependencies come from an in-memory map. */
export function jobContext(
  providers: { text: TextProvider; image: ImageProvider },
  files: Record<string, Uint8Array> = {},
): JobContext {
  const all: Providers = { ...providers, speech: noSpeech };
  return {
    providers: all,
    readDependency: async (path) => {
      const data = files[path];
      if (!data) throw new Error(`no dependency ${path}`);
      return data;
    },
    root: '/tmp/aigc-illustration-test',
    cacheDir: '/tmp/aigc-illustration-test/cache',
    signal: new AbortController().signal,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  };
}

/** Result data as bytes. */
export function bytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** An outline object for planning, without parsing a file. */
export function makeOutline(
  overrides: { cover?: string | false; title?: string; lang?: string; tags?: string[]; description?: string } = {},
) {
  return {
    collection: 'articles',
    slug: 'what-is-aigc',
    file: 'content/outlines/articles/what-is-aigc.md',
    data: {
      title: overrides.title ?? 'What is AIGC',
      ...(overrides.description ? { description: overrides.description } : {}),
      kind: 'article' as const,
      lang: overrides.lang ?? 'en',
      translate: [],
      tags: overrides.tags ?? ['aigc', 'intro'],
      ...(overrides.cover === undefined ? {} : { cover: overrides.cover }),
      draft: false,
    },
    lead: 'Explain AIGC to beginners.',
    sections: [
      {
        heading: 'Text generation',
        points: [{ text: 'news reports', depth: 0 }],
        blocks: [
          {
            type: 'figure' as const,
            prompt: 'A generator and a discriminator network competing',
            position: { line: 12, column: 1 },
          },
          {
            type: 'diagram' as const,
            description: 'outline -> article -> narration',
            position: { line: 16, column: 1 },
          },
        ],
        position: { line: 9, column: 1 },
      },
      {
        heading: 'Images',
        points: [{ text: 'covers', depth: 0 }],
        blocks: [
          {
            type: 'dot' as const,
            source: 'digraph {\n  prompt -> model -> image\n}',
            position: { line: 22, column: 1 },
          },
          { type: 'figure' as const, prompt: 'A painter robot at an easel', position: { line: 27, column: 1 } },
        ],
        position: { line: 20, column: 1 },
      },
    ],
    raw: '',
  };
}

/** Things a served SVG must never contain. */
export function assertSafeSvg(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/<foreignObject/i);
  expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
  expect(svg).not.toMatch(/href\s*=\s*["'](?!#|data:image\/(png|jpeg|webp|gif);)/i);
  expect(svg).not.toMatch(/url\(\s*['"]?(?!#)/i);
}

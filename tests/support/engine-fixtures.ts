/** Small builders for engine tests: outlines, counting providers, run settings. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PRICING, parseOptions } from '../../integrations/aigc/src/options.ts';
import type { RunSettings } from '../../integrations/aigc/src/engine/run.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import type { Providers, TextProvider, TextRequest } from '../../integrations/aigc/src/providers/types.ts';

export const options = parseOptions({});

export function makeOutline(slug: string, sections: string[], extra: Partial<Outline['data']> = {}): Outline {
  return {
    collection: 'articles',
    slug,
    file: `content/outlines/articles/${slug}.md`,
    data: { title: `Title of ${slug}`, kind: 'article', lang: 'en', translate: [], tags: [], draft: false, ...extra },
    lead: 'Lead.',
    sections: sections.map((heading, i) => ({
      heading,
      points: [{ text: `point about ${heading}`, depth: 1 }],
      blocks: [],
      position: { line: 5 + i * 3, column: 1 },
    })),
    raw: `---\ntitle: ${slug}\n---\n${sections.map((s) => `## ${s}`).join('\n')}`,
  };
}

/** A text provider that answers with every outline section and counts its calls. */
export function countingText(
  id: 'openai' | 'offline' = 'openai',
  delayMs = 0,
): TextProvider & { calls: TextRequest[] } {
  const calls: TextRequest[] = [];
  return {
    id,
    model: 'gpt-5.4-mini',
    calls,
    async generate(request) {
      calls.push(request);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const brief = request.brief;
      const sections = brief.task === 'article' ? brief.outline.sections : [];
      const text = sections.map((s) => `## ${s.heading}\n\nProse about ${s.heading}.`).join('\n\n');
      return { text, finishReason: 'stop', usage: { inputTokens: 1000, outputTokens: 1000 }, model: 'gpt-5.4-mini' };
    },
  };
}

export function providersWith(text: TextProvider): Providers {
  const never = () => Promise.reject(new Error('not used in this test'));
  return {
    text,
    image: { id: 'offline', model: 'none', generate: never },
    speech: { id: 'offline', model: 'none', voice: 'none', maxInputChars: 4096, synthesize: never },
  };
}

export async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'aigc-engine-'));
}

export function settingsFor(root: string, providers: Providers, extra: Partial<RunSettings> = {}): RunSettings {
  return {
    root,
    outputDir: 'content/generated',
    lockPath: 'aigc.lock',
    cacheDir: '.cache',
    providers,
    producers: {
      text: { provider: providers.text.id, model: providers.text.model },
      image: { provider: 'offline', model: 'none' },
      speech: { provider: 'offline', model: 'none' },
    },
    concurrency: 2,
    meter: {
      policy: { maxRetries: 0, baseDelayMs: 1, maxBackoffMs: 1, maxRetryAfterMs: 1000 },
      requestsPerMinute: 0,
      tokensPerMinute: 0,
      budgetUsd: undefined,
      // The engine reads no options: prices come in with the settings, as api.ts passes them.
      pricing: DEFAULT_PRICING,
    },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    ...extra,
  };
}

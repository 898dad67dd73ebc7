/** A throwaway project for the torture suite: outlines that use text, image and speech. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AigcUserOptions } from '../../integrations/aigc/src/options.ts';

/** A key only this suite knows: it must never be found anywhere it writes. */
export const KEY = `sk-torture-${process.pid}-K3Y-not-for-logs`;

export const OPTIONS: AigcUserOptions = {
  // A hung socket gives up after 2 s; a 429's Retry-After is honoured.
  limits: { requestsPerMinute: 0, tokensPerMinute: 0, maxRetries: 4, requestTimeoutSeconds: 2, concurrency: 4 },
  image: { size: '512x512', quality: 'low', format: 'webp' },
};

const topics = [
  'tides',
  'glaciers',
  'volcanoes',
  'deserts',
  'rivers',
  'forests',
  'caves',
  'reefs',
  'dunes',
  'fjords',
  'mesas',
  'deltas',
];

export function outlineText(topic: string, i: number): string {
  const translate = i === 0 ? 'translate: [zh-CN]\n' : '';
  const diagram = i % 3 === 1 ? '\n```diagram\nrain -> river -> sea\n```\n' : '';
  return `---
title: About ${topic}
description: A short page about ${topic}.
cover: A quiet landscape of ${topic} at dawn
${translate}---

What a reader should know about ${topic}.

## What they are
- how ${topic} form
- where ${topic} are found

\`\`\`figure
A cross-section of ${topic}, drawn as a diagram
\`\`\`
${diagram}
## Why they matter
- ${topic} shape the land around them
`;
}

/** A new project with `count` outlines; returns its root. */
export async function makeProject(count: number, prefix = 'aigc-torture-'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(root, 'content/outlines/places'), { recursive: true });
  for (let i = 0; i < count; i++)
    await writeFile(
      join(root, `content/outlines/places/${topics[i % topics.length]}-${i}.md`),
      outlineText(topics[i % topics.length]!, i),
    );
  return root;
}

export function envFor(baseURL: string): NodeJS.ProcessEnv {
  return { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: baseURL };
}

/** A logger that keeps every line (for the key scan and the failure messages). */
export function recorder(): {
  lines: string[];
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
  debug(m: string): void;
} {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    debug: (m) => lines.push(m),
  };
}

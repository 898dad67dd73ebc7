/** Shared setup of the reference tests: the fixture, a cache folder, outlines and a job context. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobContext, Logger } from '../../integrations/aigc/src/engine/types.ts';
import { parseOptions, type AigcOptions } from '../../integrations/aigc/src/options.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import type { Providers, TextProvider } from '../../integrations/aigc/src/providers/types.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_SOURCE = 'tests/fixtures/api-package/src/index.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `aigc-ref-${prefix}-`));
}

/** A copy of the fixture package in a temp folder (its root), for tests that edit the source. */
export function fixtureCopy(): { root: string; source: string } {
  const root = tempDir('copy');
  cpSync(join(ROOT, 'tests/fixtures/api-package'), join(root, 'pkg'), { recursive: true });
  return { root, source: 'pkg/src/index.ts' };
}

export function referenceOutline(source: string, extra: Partial<Outline> = {}): Outline {
  return {
    collection: 'docs',
    slug: 'api',
    file: 'content/outlines/docs/api.md',
    data: {
      title: 'Fixture API',
      kind: 'reference',
      lang: 'en',
      translate: [],
      tags: ['api'],
      source,
      draft: false,
      length: 120,
    },
    lead: 'Introduce the greeting library to developers.',
    sections: [],
    raw: `---\ntitle: Fixture API\nkind: reference\nsource: ${source}\n---\n`,
    ...extra,
  };
}

export function options(extra: Record<string, unknown> = {}): AigcOptions {
  return parseOptions({ validation: { repairRounds: 1 }, ...extra });
}

export const silentLogger: Logger & { warnings: string[] } = {
  warnings: [],
  info() {},
  debug() {},
  error() {},
  warn(message: string) {
    this.warnings.push(message);
  },
};

export function jobContext(root: string, cacheDir: string, text: TextProvider): JobContext {
  const unused = new Proxy(
    {},
    {
      get: () => {
        throw new Error('not used by reference jobs');
      },
    },
  );
  return {
    providers: { text, image: unused, speech: unused } as Providers,
    readDependency: async () => new Uint8Array(),
    root,
    cacheDir,
    signal: new AbortController().signal,
    logger: silentLogger,
  };
}

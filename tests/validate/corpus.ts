/** The validation corpus: bad generations with the findings each must produce. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import type { FinishReason } from '../../integrations/aigc/src/providers/types.ts';
import type { ValidationContext } from '../../integrations/aigc/src/validate/pipeline.ts';
import { ValidationOptionsSchema } from '../../integrations/aigc/src/validate/options.ts';

export const CORPUS = fileURLToPath(new URL('../fixtures/validation-corpus/', import.meta.url));
/** A project root holding the one illustration the corpus pages may show. */
export const PROJECT = join(CORPUS, 'project');
export const PAGE_FILE = 'content/generated/articles/how-solar-panels-work.md';

export interface ExpectedFinding {
  ruleId: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface CorpusCase {
  name: string;
  input: string;
  description: string;
  findings: ExpectedFinding[];
  context: { finishReason?: FinishReason; length?: number; allowedHosts?: string[] };
}

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'project')
    .map((entry) => {
      const dir = join(CORPUS, entry.name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
      return { name: entry.name, input: readFileSync(join(dir, 'input.md'), 'utf8'), context: {}, ...expected };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function corpusOutline(length?: number): Outline {
  const section = (heading: string, line: number, points: string[]) => ({
    heading,
    points: points.map((text) => ({ text, depth: 0 })),
    blocks: [],
    position: { line, column: 1 },
  });
  return {
    collection: 'articles',
    slug: 'how-solar-panels-work',
    file: 'content/outlines/articles/how-solar-panels-work.md',
    data: {
      title: 'How solar panels work',
      kind: 'article',
      lang: 'en',
      translate: [],
      tags: [],
      draft: false,
      ...(length ? { length } : {}),
    },
    lead: 'Explain solar panels to beginners.',
    sections: [
      section('What it is', 6, ['cells of silicon']),
      section('How it works', 9, ['electrons, current, inverter']),
      section('Limits', 12, ['night and clouds']),
    ],
    raw: '',
  };
}

/** The rest of the site, as the build would index it. */
export function corpusSite(): ValidationContext['site'] {
  return {
    routes: new Map([
      ['/articles/how-solar-panels-work/', new Set(['what-it-is', 'how-it-works', 'limits'])],
      ['/articles/batteries/', new Set(['how-they-store-energy', 'costs'])],
    ]),
  };
}

export function corpusContext(testCase: Pick<CorpusCase, 'context'>): ValidationContext {
  const { finishReason, length, allowedHosts } = testCase.context;
  return {
    file: PAGE_FILE,
    outline: corpusOutline(length),
    options: ValidationOptionsSchema.parse({ allowedHosts: allowedHosts ?? [] }),
    site: corpusSite(),
    root: PROJECT,
    route: '/articles/how-solar-panels-work/',
    ...(finishReason ? { finishReason } : {}),
  };
}

export const key = (f: { ruleId: string; line: number; column: number; severity: string }) =>
  `${f.severity} ${f.ruleId} ${f.line}:${f.column}`;

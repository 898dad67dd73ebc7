/**
 * Reference docs: extraction (TypeDoc) + rendering for the fixture package and for
 * astro-aigc itself, cold (empty cache) and cached, plus the snippet type check. Each
 * cold figure also gets a baseline measured in the same run: building the TypeScript
 * program of the same entries (what any extraction must pay), so the ratio shows
 * TypeDoc's own overhead. Run alone: node scripts/bench/reference.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { extractApiWithStatus } from '../../integrations/aigc/src/generators/reference/extract.ts';
import { renderReference } from '../../integrations/aigc/src/generators/reference/render.ts';
import { resolveSource } from '../../integrations/aigc/src/generators/reference/source.ts';
import { checkTypeScriptBlocks } from '../../integrations/aigc/src/generators/reference/check-typescript.ts';
import { medianMs, round, type BenchResult } from './measure.ts';

const TARGETS = [
  { label: 'fixture', source: 'tests/fixtures/api-package/src/index.ts' },
  { label: 'astro-aigc', source: 'astro-aigc' },
];

/** Build the TypeScript program of the entries and bind it: the floor of any extraction. */
function programOf(source: string, root: string): void {
  const entries = resolveSource(source, root).entries.map((e) => e.file);
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  program.getTypeChecker();
}

export async function benchReference(root = process.cwd()): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'aigc-bench-ref-'));
  try {
    for (const target of TARGETS) {
      let pages = 0;
      let n = 0;
      const extractAndRender = async (cacheDir: string) => {
        const { model } = await extractApiWithStatus(target.source, root, { cacheDir });
        pages = renderReference(model, { base: '/docs/api/' }).pages.length;
      };
      // Warm the modules once so "cold" measures an empty cache, not first imports.
      await extractAndRender(join(scratch, `warm-${target.label}`));
      const cold = await medianMs(() => extractAndRender(join(scratch, `cold-${target.label}-${n++}`)), 3);
      const cacheDir = join(scratch, `cached-${target.label}`);
      await extractAndRender(cacheDir);
      const cached = await medianMs(() => extractAndRender(cacheDir), 7);
      const baseline = await medianMs(async () => programOf(target.source, root), 3);
      results.push(
        {
          name: `reference: ${target.label} extract+render, cold, median of 3`,
          value: round(cold),
          unit: 'ms',
          note: `${pages} pages`,
        },
        {
          name: `reference: ${target.label} extract+render, cached, median of 7`,
          value: round(cached),
          unit: 'ms',
          note: 'source walk + hash + cache read + render',
        },
        {
          name: `reference: ${target.label} baseline ts.createProgram + checker, median of 3`,
          value: round(baseline),
          unit: 'ms',
          note: 'same run',
        },
        {
          name: `reference: ${target.label} cold / baseline`,
          value: round(cold / baseline),
          unit: '×',
          note: 'TypeDoc overhead; lower is better',
        },
        {
          name: `reference: ${target.label} cold / cached`,
          value: round(cold / cached),
          unit: '×',
          note: 'what the cache saves',
        },
      );
    }
    const guide = [
      '```ts',
      "import { createGreeter } from 'fixture-api';",
      "const text: string = createGreeter().greet('Ada').text;",
      '```',
      '',
    ].join('\n');
    const check = () => checkTypeScriptBlocks(guide, { packageName: 'fixture-api', entry: TARGETS[0]!.source, root });
    const first = await medianMs(check, 1);
    const again = await medianMs(check, 5);
    results.push(
      {
        name: 'reference: snippet type check, first in process',
        value: round(first),
        unit: 'ms',
        note: 'parses lib .d.ts',
      },
      {
        name: 'reference: snippet type check, repeated, median of 5',
        value: round(again),
        unit: 'ms',
        note: 'lib files cached (repair rounds)',
      },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchReference()) console.log(`${r.name}: ${r.value} ${r.unit} (${r.note})`);
}

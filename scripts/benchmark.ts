/**
 * The benchmark: every area's figures with ratios against a baseline measured in the same
 * run (these machines are shared and noisy, so absolute times mean little alone).
 * Run: npm run bench   (add --json for machine-readable output)
 */
import { existsSync } from 'node:fs';
import type { BenchResult } from './bench/measure.ts';

const areas: [string, string, string][] = [
  ['engine', './bench/engine.ts', 'benchEngine'],
  ['narration', './bench/narration.ts', 'benchNarration'],
  ['illustration', './bench/illustration.ts', 'benchIllustration'],
  ['reference', './bench/reference.ts', 'benchReference'],
  ['validation', './bench/validation.ts', 'benchValidation'],
  ['video', './bench/video.ts', 'benchVideo'],
];

const results: Record<string, BenchResult[] | string> = {};
for (const [area, file, fn] of areas) {
  if (!existsSync(new URL(file, import.meta.url))) continue;
  try {
    const module = (await import(file)) as Record<string, () => Promise<BenchResult[]>>;
    results[area] = await module[fn]!();
  } catch (error) {
    results[area] = `failed: ${(error as Error).message}`;
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const [area, rows] of Object.entries(results)) {
    console.log(`\n## ${area}`);
    if (typeof rows === 'string') console.log(rows);
    else for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
  }
}

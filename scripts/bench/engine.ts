/**
 * Engine overhead on a warm run (everything fresh): what a second `astro build` pays
 * before Astro itself starts. Baseline in the same run: reading and hashing the same
 * outline and generated files by hand, which any cache check must do at least.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '../../integrations/aigc/src/api.ts';
import { loadOptions } from '../../integrations/aigc/src/cli.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';
import { medianMs, round, type BenchResult } from './measure.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full)));
    else out.push(full);
  }
  return out;
}

export async function benchEngine(root = process.cwd()): Promise<BenchResult[]> {
  const env = { ...process.env, OPENAI_API_KEY: '' };
  // The demo's own aigc() options (siteName is on its cards): what `astro build` runs with.
  const options = await loadOptions(root);
  const warm = await medianMs(() => generate({ root, options, logger: silent, env, frozen: true }), 7, 1);
  const all = [...(await files(join(root, 'content/outlines'))), ...(await files(join(root, 'content/generated')))];
  const baseline = await medianMs(
    async () => {
      for (const file of all) sha256(await readFile(file));
    },
    7,
    1,
  );
  return [
    { name: 'engine: warm run (all fresh), median of 7', value: round(warm), unit: 'ms', note: `${all.length} files` },
    { name: 'engine: baseline read+hash of the same files', value: round(baseline), unit: 'ms', note: 'same run' },
    { name: 'engine: warm run / baseline', value: round(warm / baseline), unit: '×', note: 'lower is better' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchEngine()) console.log(`${r.name}: ${r.value} ${r.unit} (${r.note})`);
}

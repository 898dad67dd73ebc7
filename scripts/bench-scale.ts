/**
 * Scale benchmark (issue 18): N seeded synthetic outlines built by astro-aigc (offline,
 * narration off) cold, warm and after editing one outline, against a plain Astro site
 * rendering the same generated Markdown through glob(), cold and warm, in the same run.
 * Ratios are the figures to read: the machine is shared, absolute times move. Every figure
 * is the median of `--runs` runs (default 3), each on a fresh site.
 *
 *   npm run bench:scale                    # N = 50, 200, 1000
 *   npm run bench:scale -- --sizes 50,200  # a smaller set
 *   npm run bench:scale -- --seed 7 --runs 1 --json
 *
 * `--server` builds the same outlines through the fake OpenAI server instead (real SDK,
 * OPENAI_BASE_URL and a dummy key; covers and alt text on, narration off), which answers every
 * request after `--latency-ms L` (default 400) and allows `--rpm R` requests a minute per
 * route (default 600; the site is told the same limit and keeps 10% under it), with
 * `--concurrency C` (default 8) requests at once. The run is compared with a bound:
 *
 *   bound = max(P × L, Q × L / C, floor((Qr − 1) / R) min + L) + O
 *
 * Q is the number of requests the server answered, Qr those of its busiest route (text and
 * images have separate windows, on the server and in the client), P the longest run of requests one job
 * makes one after another (a cover: its image, then its alt text), and O the wall time of the
 * same outlines built cold offline in the same run (a fresh site): all the CPU work of
 * generating and building, with no network. The three network terms are the best the
 * latency, the concurrency and the server's sliding one-minute window allow (the window lets
 * R requests through at once, so Qr / R minutes would overstate it). Goal: ≤ 1.15×.
 * The strict bound puts W, the same build run again with nothing to generate, in place of
 * O: it is what a build would take if every CPU job of the generation (cards, checks,
 * writes) hid behind the network.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBuild, type BuildFigures } from './bench/scale/measure-build.ts';
import { median } from './bench/scale/median.ts';
import { serverRun, type ServerFigures } from './bench/scale/server-run.ts';
import { editOneBullet, syntheticOutlines } from './bench/scale/outlines.ts';
import { writeAigcSite, writePlainSite } from './bench/scale/sites.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    seed: { type: 'string', default: '18' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    server: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '400' },
    rpm: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '8' },
  },
});
const sizes = (values.sizes ?? (values.server ? '50' : '50,200,1000')).split(',').map(Number);
const seed = Number(values.seed);
const runs = Math.max(1, Number(values.runs));
const work = fileURLToPath(new URL('./bench/.work/', import.meta.url));

interface Row {
  n: number;
  cold: BuildFigures;
  warm: BuildFigures;
  edit: BuildFigures;
  editRegenerated: number;
  plainCold: BuildFigures;
  plainWarm: BuildFigures;
}

if (values.server) {
  await serverBench();
  process.exit(0);
}

const rows: Row[] = [];
for (const n of sizes) {
  const outlines = syntheticOutlines(n, seed);
  const each: Row[] = [];
  for (let run = 1; run <= runs; run++) each.push(await offlineRun(n, outlines, run));
  rows.push({
    n,
    ...(Object.fromEntries(
      (['cold', 'warm', 'edit', 'plainCold', 'plainWarm'] as const).map((k) => [
        k,
        {
          seconds: median(each.map((r) => r[k].seconds)),
          peakRssMb: median(each.map((r) => r[k].peakRssMb)),
          output: '',
        },
      ]),
    ) as Pick<Row, 'cold' | 'warm' | 'edit' | 'plainCold' | 'plainWarm'>),
    editRegenerated: median(each.map((r) => r.editRegenerated)),
  });
}

async function offlineRun(n: number, outlines: ReturnType<typeof syntheticOutlines>, run: number): Promise<Row> {
  const aigc = join(work, `aigc-${n}`);
  const plain = join(work, `plain-${n}`);
  await writeAigcSite(aigc, outlines);
  log(`N=${n} run ${run}/${runs}: astro-aigc cold`);
  const cold = await measureBuild(aigc);
  log(`N=${n} run ${run}/${runs}: astro-aigc warm`);
  const warm = await measureBuild(aigc);
  const edited = join(aigc, 'content/outlines/articles', `${outlines[Math.floor(n / 2)]!.slug}.md`);
  await writeFile(edited, editOneBullet(await readFile(edited, 'utf8')));
  log(`N=${n} run ${run}/${runs}: astro-aigc one outline edited`);
  const edit = await measureBuild(aigc);
  await writePlainSite(plain, aigc);
  log(`N=${n} run ${run}/${runs}: plain Astro cold`);
  const plainCold = await measureBuild(plain);
  log(`N=${n} run ${run}/${runs}: plain Astro warm`);
  const plainWarm = await measureBuild(plain);
  if (!values.keep) await rm(work, { recursive: true, force: true });
  return { n, cold, warm, edit, editRegenerated: regenerated(edit.output), plainCold, plainWarm };
}

/** `--server`: each size built through the fake server `runs` times; medians against the bound. */
async function serverBench(): Promise<void> {
  const settings = {
    latencyMs: Number(values['latency-ms']),
    rpm: Number(values.rpm),
    concurrency: Number(values.concurrency),
  };
  const table: { n: number; runs: ServerFigures[] }[] = [];
  for (const n of sizes) {
    const outlines = syntheticOutlines(n, seed);
    const each: ServerFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      log(
        `N=${n} run ${run}/${runs}: through the fake server (L=${settings.latencyMs} ms, C=${settings.concurrency}, R=${settings.rpm}/min)`,
      );
      const figures = await serverRun(join(work, `server-${n}`), outlines, settings);
      log(
        `  ${figures.seconds.toFixed(1)} s (bound ${figures.bound.toFixed(1)} s: network ${figures.networkBound.toFixed(1)} + offline ${figures.offlineSeconds.toFixed(1)}; warm ${figures.warmSeconds.toFixed(1)}); ${figures.requests} requests, ${figures.rejected} 429s; first request at ${figures.firstRequest.toFixed(1)} s, last answer at ${figures.lastAnswer.toFixed(1)} s`,
      );
      each.push(figures);
      if (!values.keep) await rm(work, { recursive: true, force: true });
    }
    table.push({ n, runs: each });
  }
  const m = (runs: ServerFigures[], f: (r: ServerFigures) => number) => median(runs.map(f));
  if (values.json) {
    console.log(JSON.stringify({ settings, runs, sizes: table }, null, 2));
    return;
  }
  console.log(
    `Server run: L = ${settings.latencyMs} ms, C = ${settings.concurrency}, R = ${settings.rpm}/min; medians of ${runs}\n`,
  );
  console.log(
    '| N | requests (429s) | P | server build | network bound | offline cold O | bound | vs bound | warm W | vs strict bound | first request | last answer |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { n, runs: r } of table) {
    console.log(
      `| ${n} | ${m(r, (x) => x.requests)} (${m(r, (x) => x.rejected)}) | ${m(r, (x) => x.chain)} | ${m(r, (x) => x.seconds).toFixed(1)} s | ${m(r, (x) => x.networkBound).toFixed(1)} s | ${m(r, (x) => x.offlineSeconds).toFixed(1)} s | ${m(r, (x) => x.bound).toFixed(1)} s | ${m(r, (x) => x.seconds / x.bound).toFixed(2)}× | ${m(r, (x) => x.warmSeconds).toFixed(1)} s | ${m(r, (x) => x.seconds / x.strictBound).toFixed(2)}× | ${m(r, (x) => x.firstRequest).toFixed(1)} s | ${m(r, (x) => x.lastAnswer).toFixed(1)} s |`,
    );
  }
}

/** Jobs a build generated, from the integration's summary line (`… N generated …`). */
function regenerated(output: string): number {
  const match = /(\d+) generated/.exec(output);
  return match ? Number(match[1]) : -1;
}

function log(line: string) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

const s = (f: BuildFigures) => `${f.seconds.toFixed(1)} s`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const base = rows[0];
if (values.json) {
  console.log(
    JSON.stringify(
      rows.map(({ cold, warm, edit, plainCold, plainWarm, ...r }) => ({
        ...r,
        ...Object.fromEntries(
          Object.entries({ cold, warm, edit, plainCold, plainWarm }).map(([k, f]) => [
            k,
            { seconds: f.seconds, peakRssMb: f.peakRssMb },
          ]),
        ),
      })),
      null,
      2,
    ),
  );
} else {
  console.log(
    `| N | cold | vs plain cold | cold s/outline vs N=${base?.n} | warm | vs plain warm | one edit (jobs) | vs warm | peak RSS warm (plain) | vs plain | peak RSS cold |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const perOutline = r.cold.seconds / r.n / (base!.cold.seconds / base!.n);
    console.log(
      `| ${r.n} | ${s(r.cold)} | ${x(r.cold.seconds, r.plainCold.seconds)} | ${perOutline.toFixed(2)}× | ${s(r.warm)} | ${x(r.warm.seconds, r.plainWarm.seconds)} | ${s(r.edit)} (${r.editRegenerated}) | ${x(r.edit.seconds, r.warm.seconds)} | ${r.warm.peakRssMb.toFixed(0)} MB (${r.plainWarm.peakRssMb.toFixed(0)}) | ${x(r.warm.peakRssMb, r.plainWarm.peakRssMb)} | ${r.cold.peakRssMb.toFixed(0)} MB |`,
    );
  }
}

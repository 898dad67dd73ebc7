/**
 * Scale benchmark (issue 18): N seeded synthetic outlines built by astro-aigc (offline,
 * narration off) cold, warm and after editing one outline, against a plain Astro site
 * rendering the same generated Markdown through glob(), cold and warm, in the same run.
 * Ratios are the figures to read: the machine is shared, absolute times move.
 *
 *   npm run bench:scale                    # N = 50, 200, 1000
 *   npm run bench:scale -- --sizes 50,200  # a smaller set
 *   npm run bench:scale -- --seed 7 --json
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBuild, type BuildFigures } from './bench/scale/measure-build.ts';
import { editOneBullet, syntheticOutlines } from './bench/scale/outlines.ts';
import { writeAigcSite, writePlainSite } from './bench/scale/sites.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200,1000' },
    seed: { type: 'string', default: '18' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const seed = Number(values.seed);
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

const rows: Row[] = [];
for (const n of sizes) {
  const outlines = syntheticOutlines(n, seed);
  const aigc = join(work, `aigc-${n}`);
  const plain = join(work, `plain-${n}`);
  await writeAigcSite(aigc, outlines);
  log(`N=${n}: astro-aigc cold`);
  const cold = await measureBuild(aigc);
  log(`N=${n}: astro-aigc warm`);
  const warm = await measureBuild(aigc);
  const edited = join(aigc, 'content/outlines/articles', `${outlines[Math.floor(n / 2)]!.slug}.md`);
  await writeFile(edited, editOneBullet(await readFile(edited, 'utf8')));
  log(`N=${n}: astro-aigc one outline edited`);
  const edit = await measureBuild(aigc);
  await writePlainSite(plain, aigc);
  log(`N=${n}: plain Astro cold`);
  const plainCold = await measureBuild(plain);
  log(`N=${n}: plain Astro warm`);
  const plainWarm = await measureBuild(plain);
  rows.push({ n, cold, warm, edit, editRegenerated: regenerated(edit.output), plainCold, plainWarm });
  if (!values.keep) await rm(work, { recursive: true, force: true });
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

/**
 * The reliability suite: `npm run torture` (full) or `npm run torture -- --size ci` (bounded,
 * run by .ci/run). Faults from the server, SIGKILL at random moments, malformed outlines
 * and option files, and the API key's whereabouts. Seeded: `--seed N` replays a run.
 * Prints one summary line with the figures; exits 1 when anything is wrong.
 */
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { filesContaining } from './torture/check.ts';
import { faultRounds } from './torture/faults.ts';
import { killRounds } from './torture/kills.ts';
import { malformedInputs } from './torture/malformed.ts';
import { KEY } from './torture/project.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'full' },
    seed: { type: 'string', default: '7' },
    only: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const seed = Number(values.seed);
const sizes = {
  ci: { faultRounds: 1, faultOutlines: 4, kills: 20, killOutlines: 2 },
  full: { faultRounds: 3, faultOutlines: 6, kills: 40, killOutlines: 4 },
} as const;
const size = sizes[values.size === 'ci' ? 'ci' : 'full'];
const want = (part: string) => !values.only || values.only.split(',').includes(part);
const started = Date.now();
const problems: string[] = [];
const summary: string[] = [];
const roots: string[] = [];
const transcript: string[] = [];

if (want('faults')) {
  const f = await faultRounds(size.faultRounds, size.faultOutlines, seed);
  problems.push(...f.problems);
  roots.push(...f.roots);
  transcript.push(...f.transcript);
  const kinds = Object.entries(f.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const routes = Object.entries(f.byRoute)
    .map(([r, n]) => `${r.replace(/^POST \/v1\//, '')} ${n}`)
    .join(', ');
  console.log(
    `faults: ${f.calls} calls, ${f.faults} faults injected (${kinds}; ${routes}), ${f.retries} retries, ${f.failedFirst} artifacts failed clearly then made on the next run, ${f.repeated} repeated jobs`,
  );
  console.log(
    `  calls by route: ${Object.entries(f.byServerRoute)
      .map(([r, n]) => `${r.replace(/^POST \/v1\//, '')} ${n}`)
      .join(', ')}`,
  );
  for (const failure of f.failures) console.log(`  failed clearly: ${failure.split('\n')[0]}`);
  summary.push(`${f.calls} calls`, `${f.faults} faults injected`, `${f.retries} retries`);
  if (f.repeated > 0) problems.push(`${f.repeated} jobs repeated after the fault run`);
}

if (want('kills')) {
  const k = await killRounds(size.kills, size.killOutlines, seed);
  problems.push(...k.problems);
  roots.push(...k.roots);
  transcript.push(...k.transcript);
  console.log(
    `kills: ${k.kills} SIGKILLs, ${k.resumes} resumes finished, ${k.calls} calls (a clean run makes ${k.baselineCalls}), ${k.repeated} finished jobs repeated, ${k.tornFiles} torn files`,
  );
  summary.push(
    `${k.kills} kills`,
    `${k.resumes} resumes`,
    `${k.calls} kill-test calls`,
    `repeated jobs = ${k.repeated}`,
  );
}

if (want('malformed')) {
  const m = await malformedInputs();
  problems.push(...m.problems);
  roots.push(m.root);
  transcript.push(...m.messages);
  console.log(
    `malformed: ${m.outlines} bad outlines and ${m.optionFiles} bad option files, ${m.messages.length} messages, each with file:line:column; ${m.goodBuilt} good outlines built beside them`,
  );
  summary.push(`${m.messages.length} messages`);
}

// The key: nowhere on disk under the projects (outputs, locks, caches) and in no log line or error.
for (const root of roots)
  for (const file of await filesContaining(root, KEY)) problems.push(`the API key is in ${file}`);
for (const line of transcript)
  if (line.includes(KEY) || /Bearer sk-/.test(line))
    problems.push(`the API key is in a message: ${line.slice(0, 200)}`);
summary.push(
  `key found 0 times in ${transcript.length} log lines and ${roots.length} projects` +
    (problems.some((p) => p.includes('API key')) ? ' (NOT 0: see above)' : ''),
);

if (!values.keep) for (const root of roots) await rm(root, { recursive: true, force: true });
for (const problem of problems) console.error(`✗ ${problem}`);
console.log(
  `torture (${values.size}, seed ${seed}): ${summary.join(' · ')} · ${problems.length} problems · ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exitCode = problems.length > 0 ? 1 : 0;

/**
 * Kills: a generating build SIGKILLed at seeded random moments (after a random number of
 * server calls, plus a random few milliseconds), then resumed. Each resume finishes,
 * makes again no job the lock had recorded as finished, the lock parses, and every file
 * is whole. Calls are counted at the server.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { inspect } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../integrations/aigc/src/api.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { seeded } from '../fake-openai-faults.ts';
import { startTaskServer, type TaskServer } from '../fake-openai-server.ts';
import { checkOutput, tempFiles } from './check.ts';
import { envFor, makeProject, OPTIONS, recorder } from './project.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface KillFigures {
  kills: number;
  resumes: number;
  calls: number;
  baselineCalls: number;
  repeated: number;
  tornFiles: number;
  problems: string[];
  roots: string[];
  transcript: string[];
}

const total = (server: TaskServer) => Object.values(server.calls).reduce((sum, n) => sum + n, 0);

export async function killRounds(kills: number, outlines: number, seed: number): Promise<KillFigures> {
  const figures: KillFigures = {
    kills: 0,
    resumes: 0,
    calls: 0,
    baselineCalls: 0,
    repeated: 0,
    tornFiles: 0,
    problems: [],
    roots: [],
    transcript: [],
  };
  const random = seeded(seed);
  const server = await startTaskServer();
  try {
    // How many calls a clean run makes: kill moments are drawn inside it.
    const baseline = await makeProject(outlines, 'aigc-torture-baseline-');
    const logger = recorder();
    await generate({ root: baseline, options: OPTIONS, logger, env: envFor(server.baseURL) });
    figures.transcript.push(...logger.lines);
    figures.baselineCalls = total(server);
    await rm(baseline, { recursive: true, force: true });

    let spare = warmChild(server, figures.transcript);
    for (let round = 0; round < kills; round++) {
      const root = await makeProject(outlines, 'aigc-torture-kill-');
      figures.roots.push(root);
      const start = total(server);
      // Inside the first four fifths of a clean run, so the build is still generating.
      const target = 1 + Math.floor(random() * Math.max(1, Math.floor(figures.baselineCalls * 0.8) - 1));
      const extraMs = Math.floor(random() * 40);
      const first = spare;
      spare = warmChild(server, figures.transcript);
      first.go(root);
      let killed = false;
      while (!first.exited()) {
        if (total(server) - start >= target) {
          await new Promise((r) => setTimeout(r, extraMs));
          killed = first.kill();
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await first.done;
      if (!killed) {
        figures.problems.push(`round ${round}: the build finished before the kill at call ${target}`);
        continue;
      }
      figures.kills++;

      // Right after the kill: the lock parses and every file it names is whole.
      let finished: Map<string, string>;
      try {
        const lock = await readLock(join(root, 'aigc.lock'));
        finished = new Map(
          Object.entries(lock.artifacts)
            .filter(([, e]) => !e.pending)
            .map(([path, e]) => [path, e.generatedAt]),
        );
      } catch (error) {
        figures.problems.push(`round ${round}: the lock does not parse after the kill: ${(error as Error).message}`);
        continue;
      }
      const torn = await checkOutput(root);
      figures.tornFiles += torn.length;
      figures.problems.push(...torn.map((p) => `round ${round}, after the kill at call ${target}: ${p}`));

      // The resume (in this process) finishes and makes nothing that was finished.
      const logger = recorder();
      const { report } = await generate({ root, options: OPTIONS, logger, env: envFor(server.baseURL) });
      figures.transcript.push(...logger.lines, ...report.failed.map((o) => inspect(o.error, { depth: 8 })));
      if (report.failed.length > 0) {
        figures.problems.push(
          ...report.failed.map((o) => `round ${round}: the resume failed ${o.path}: ${o.error?.message}`),
        );
        continue;
      }
      figures.resumes++;
      const again = report.outcomes.filter((o) => o.action === 'generated' && finished.has(o.path));
      figures.repeated += again.length;
      figures.problems.push(...again.map((o) => `round ${round}: the resume made ${o.path} again`));
      const lock = await readLock(join(root, 'aigc.lock'));
      for (const [path, at] of finished)
        if (lock.artifacts[path]?.generatedAt !== at)
          figures.problems.push(`round ${round}: ${path} was rewritten by the resume`);
      figures.problems.push(...(await checkOutput(root)).map((p) => `round ${round}, after the resume: ${p}`));
      figures.problems.push(
        ...(await tempFiles(root)).map((f) => `round ${round}: temp file left after the resume: ${f}`),
      );
    }
    spare.kill();
    await spare.done;
    figures.calls = total(server) - figures.baselineCalls;
  } finally {
    await server.close();
  }
  return figures;
}

/** A child that loads the package now and builds the root it is given later; its stderr goes to the transcript (for the key scan). */
function warmChild(server: TaskServer, transcript: string[]) {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...envFor(server.baseURL) },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let exited = false;
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      transcript.push(...output.split('\n'));
      resolve(code);
    }),
  );
  return {
    done,
    exited: () => exited,
    kill: () => child.kill('SIGKILL'),
    go: (root: string) => child.stdin.write(`${root}\n`),
  };
}

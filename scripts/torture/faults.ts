/**
 * Faults: a build through the test server while it breaks 30 % of answers (429 with
 * Retry-After, 500/503, a hung socket, a stream cut mid-answer, malformed JSON, a reset
 * connection, an error echoing the Authorization header) on text, image and speech.
 * Every artifact comes out whole or fails with a message naming it; no retry goes past
 * maxRetries; a second run without faults finishes the rest and repeats nothing.
 */
import { inspect } from 'node:util';
import { generate } from '../../integrations/aigc/src/api.ts';
import { FaultInjector } from '../fake-openai-faults.ts';
import { startTaskServer } from '../fake-openai-server.ts';
import { checkOutput, tempFiles } from './check.ts';
import { envFor, makeProject, OPTIONS, recorder } from './project.ts';

export interface FaultFigures {
  calls: number;
  faults: number;
  byKind: Record<string, number>;
  byRoute: Record<string, number>;
  retries: number;
  failedFirst: number;
  /** The messages of the artifacts that failed (to read them). */
  failures: string[];
  byServerRoute: Record<string, number>;
  repeated: number;
  problems: string[];
  /** Everything written to logs and errors, for the key scan. */
  transcript: string[];
  roots: string[];
}

export async function faultRounds(rounds: number, outlines: number, seed: number): Promise<FaultFigures> {
  const figures: FaultFigures = {
    calls: 0,
    faults: 0,
    byKind: {},
    byRoute: {},
    retries: 0,
    failedFirst: 0,
    failures: [],
    byServerRoute: {},
    repeated: 0,
    problems: [],
    transcript: [],
    roots: [],
  };
  const maxRetries = OPTIONS.limits!.maxRetries!;
  for (let round = 0; round < rounds; round++) {
    const faults = new FaultInjector({ rate: 0.3, seed: seed * 1000 + round });
    const server = await startTaskServer({ faults });
    const root = await makeProject(outlines, 'aigc-torture-faults-');
    figures.roots.push(root);
    try {
      const logger = recorder();
      const first = await generate({ root, options: OPTIONS, logger, env: envFor(server.baseURL) });
      figures.transcript.push(
        ...logger.lines,
        ...first.report.outcomes.filter((o) => o.error).map((o) => inspect(o.error, { depth: 8 })),
      );
      figures.retries += first.report.retries;
      figures.failedFirst += first.report.failed.length;
      figures.failures.push(...first.report.failed.map((o) => `${o.path}: ${o.error?.message}`));
      // Retries: each "retry n/N" line stays within maxRetries.
      for (const line of logger.lines) {
        const match = /retry (\d+)\/(\d+) in/.exec(line);
        if (match && (Number(match[1]) > maxRetries || Number(match[2]) !== maxRetries))
          figures.problems.push(`retry past maxRetries: ${line}`);
      }
      // A failure names its artifact, and leaves no file behind.
      for (const failed of first.report.failed) {
        if (!logger.lines.some((line) => line.startsWith(`error: ${failed.path}: `)))
          figures.problems.push(`${failed.path} failed without a message naming it`);
      }
      figures.problems.push(...(await checkOutput(root)).map((p) => `after faults: ${p}`));
      figures.problems.push(...(await tempFiles(root)).map((f) => `temp file left after a finished run: ${f}`));

      // Without faults, the rest is made, and nothing made already is made again.
      faults.options.rate = 0;
      faults.release();
      const done = new Set(first.report.outcomes.filter((o) => o.action === 'generated').map((o) => o.path));
      const logger2 = recorder();
      const second = await generate({ root, options: OPTIONS, logger: logger2, env: envFor(server.baseURL) });
      figures.transcript.push(...logger2.lines);
      for (const outcome of second.report.outcomes) {
        if (outcome.action === 'generated' && done.has(outcome.path)) figures.repeated++;
        if (outcome.action === 'failed' || outcome.action === 'skipped')
          figures.problems.push(`second run: ${outcome.path} ${outcome.error?.message}`);
      }
      figures.problems.push(...(await checkOutput(root)).map((p) => `after the second run: ${p}`));
      figures.calls += Object.values(server.calls).reduce((sum, n) => sum + n, 0);
      for (const [route, n] of Object.entries(server.calls))
        figures.byServerRoute[route] = (figures.byServerRoute[route] ?? 0) + n;
      figures.faults += faults.total;
      for (const [kind, n] of Object.entries(faults.injected)) figures.byKind[kind] = (figures.byKind[kind] ?? 0) + n;
      for (const [route, n] of Object.entries(faults.byRoute))
        figures.byRoute[route] = (figures.byRoute[route] ?? 0) + n;
    } finally {
      faults.release();
      await server.close();
    }
  }
  return figures;
}

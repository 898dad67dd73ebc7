/**
 * One generating build in its own process, so the torture suite can SIGKILL it. It loads
 * the package first and then waits for a project root on stdin, so the suite can start
 * the next child while the current one runs. The key and the server come from
 * OPENAI_API_KEY / OPENAI_BASE_URL.
 */
import { createInterface } from 'node:readline';
import { generate } from '../../integrations/aigc/src/api.ts';
import { OPTIONS } from './project.ts';

const print = (m: string) => process.stderr.write(`${m}\n`);
const lines = createInterface({ input: process.stdin });
const root = await new Promise<string>((resolve) => lines.once('line', resolve));
lines.close();
const result = await generate({
  root,
  options: OPTIONS,
  logger: { info: print, warn: print, error: print, debug() {} },
  env: process.env,
});
process.exitCode = result.report.failed.length > 0 ? 1 : 0;

/**
 * `aigc generate --batch` in its own process, so a test can SIGKILL it at a moment the fake
 * server holds a request. argv: <root>. The server's URL and the key come from the environment.
 */
import { generate } from '../../integrations/aigc/src/api.ts';
import { batchOptions } from './batch-project.ts';

const root = process.argv[2]!;
const log = (m: string) => process.stderr.write(`${m}\n`);
await generate({ root, options: batchOptions, batch: true, logger: { info: log, warn: log, error: log, debug() {} } });

/**
 * A generation run in its own process, so a test can kill it with SIGKILL mid-way.
 * argv: <root> <number of outlines> <delay ms per call>. Each provider call appends a line
 * "<outline slug>" to <root>/calls.log before it answers.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { countingText, makeOutline, options, providersWith, settingsFor } from './engine-fixtures.ts';

const [root, count, delay] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const outlines = Array.from({ length: count }, (_, i) => makeOutline(`page-${i}`, ['One', 'Two']));
const jobs = planJobs(outlines, { ...options, narration: false, covers: false }).filter((j) => j.kind === 'article');
const text = countingText('openai', delay);
const logged = {
  ...text,
  async generate(request: Parameters<typeof text.generate>[0]) {
    if (request.brief.task === 'article') appendFileSync(join(root, 'calls.log'), `${request.brief.outline.slug}\n`);
    return text.generate(request);
  },
};
await runJobs(jobs, settingsFor(root, providersWith(logged), { concurrency: 2 }));

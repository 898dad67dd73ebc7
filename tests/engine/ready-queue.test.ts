/**
 * Dependents start the moment their inputs exist: over real HTTP (fake server, real SDK), the
 * social card of the one article the server has answered is drawn and written while the
 * server still holds every other article, not after a wave of articles has finished.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';
import { makeOutline, tempRoot } from '../support/engine-fixtures.ts';
import { runOverHttp } from '../support/openai-run.ts';

let server: TaskServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OUT = 'content/generated/articles';

describe('the ready queue', () => {
  it("starts an article's card as soon as the article is written, while other articles are in flight", async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const events: string[] = [];
    // The server answers the article "first" after 20 ms and holds every other one until its
    // card is written. A scheduler that waits for a wave of articles never writes that card:
    // the guard lets the held articles go after two minutes, and the order below fails.
    const guard = setTimeout(release, 120_000);
    server = await startTaskServer({
      latency: async (route, body) => {
        const first = JSON.stringify(body).includes('Title of first');
        events.push(`server got ${first ? 'first' : 'another'} ${route}`);
        if (first) await new Promise((resolve) => setTimeout(resolve, 20));
        else await released;
      },
    });
    const root = await tempRoot();
    const env = { OPENAI_API_KEY: 'sk-ready-test', OPENAI_BASE_URL: server.baseURL };
    const options = parseOptions({ narration: false, covers: false, limits: { concurrency: 8, requestsPerMinute: 0 } });
    const outlines = ['first', 'second', 'third', 'fourth'].map((slug) => makeOutline(slug, ['Tower', 'Keeper']));
    const jobs = planJobs(outlines, options, { root, env }).filter((job) => ['article', 'card'].includes(job.kind));
    const report = await runOverHttp(jobs, root, options, env, {
      logger: {
        info(line) {
          const generated = /^generated (\S+)/.exec(line)?.[1];
          if (!generated) return;
          events.push(`generated ${generated}`);
          if (generated === `${OUT}/first/card.png`) release();
        },
        warn() {},
        error() {},
        debug() {},
      },
    });
    clearTimeout(guard);
    expect(report.failed).toEqual([]);
    expect(jobs.find((job) => job.path === `${OUT}/first/card.png`)?.dependsOn).toContain(`${OUT}/first.md`);

    const at = (event: string) => events.indexOf(event);
    const card = at(`generated ${OUT}/first/card.png`);
    expect(at(`generated ${OUT}/first.md`)).toBeLessThan(card);
    // Every other article had reached the server, and none had been written, when the card was.
    expect(events.slice(0, card).filter((e) => e === 'server got another POST /v1/chat/completions')).toHaveLength(3);
    for (const slug of ['second', 'third', 'fourth']) expect(at(`generated ${OUT}/${slug}.md`)).toBeGreaterThan(card);
  });
});

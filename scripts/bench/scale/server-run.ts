/**
 * The scale benchmark's server run: the synthetic site built against the fake OpenAI server
 * (real SDK, OPENAI_BASE_URL and a dummy key) answering each request after `latencyMs`, with
 * `rpm` requests a minute per route, then built again warm, then built cold offline in a fresh
 * site. What the run is compared with is in bench-scale.ts's header.
 */
import { join } from 'node:path';
import { startTaskServer } from '../../fake-openai-server.ts';
import { measureBuild } from './measure-build.ts';
import type { SyntheticOutline } from './outlines.ts';
import { writeAigcSite } from './sites.ts';

export interface ServerSettings {
  latencyMs: number;
  /** The server's requests a minute per route (0 = unlimited); the site is told the same. */
  rpm: number;
  concurrency: number;
}

export interface ServerFigures {
  /** Wall time of the build that generated everything through the server. */
  seconds: number;
  /** Wall time of the same build run again: nothing to generate (Astro, plan, keys, pages). */
  warmSeconds: number;
  /** Wall time of the same outlines built cold offline, in a fresh site: all the CPU work, no network. */
  offlineSeconds: number;
  /** Requests the server answered (429s not counted), and 429s it sent. */
  requests: number;
  rejected: number;
  /** The longest run of requests one job makes one after another (a cover's image, then its alt text). */
  chain: number;
  /** Seconds from the build's start to the first request, and to the last answer. */
  firstRequest: number;
  lastAnswer: number;
  /** The latency bound of the requests alone, in seconds (bench-scale.ts). */
  networkBound: number;
  /** networkBound + offlineSeconds: the goal's bound. */
  bound: number;
  /** networkBound + warmSeconds: as if every CPU job of the generation hid behind the network. */
  strictBound: number;
}

/** Which outline and job a request belongs to: the synthetic titles are `Notes on <topic> <i>`. */
function jobOf(route: string, body: unknown): string {
  const text = JSON.stringify(body);
  const page = /Notes on \S+ (\d+)/.exec(text)?.[1] ?? '?';
  const cover = route.includes('/images/') || text.includes('You write alt text');
  return `${page}:${cover ? 'cover' : 'article'}`;
}

export async function serverRun(
  root: string,
  outlines: readonly SyntheticOutline[],
  settings: ServerSettings,
): Promise<ServerFigures> {
  const perJob = new Map<string, number>();
  const perRoute = new Map<string, number>();
  const arrivals: number[] = [];
  const answers: number[] = [];
  const server = await startTaskServer({
    latency: async (route, body) => {
      arrivals.push(Date.now());
      perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
      const job = jobOf(route, body);
      perJob.set(job, (perJob.get(job) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
    },
    ...(settings.rpm > 0 ? { rateLimit: { requestsPerMinute: settings.rpm } } : {}),
    log: (line) => {
      if (!line.startsWith('GET ') && !line.includes('429')) answers.push(Date.now());
    },
  });
  try {
    await writeAigcSite(root, outlines, {
      limits: { concurrency: settings.concurrency, requestsPerMinute: settings.rpm, tokensPerMinute: 0 },
    });
    const env = { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-bench-dummy' };
    const started = Date.now();
    const cold = await measureBuild(root, env);
    const requests = arrivals.length;
    const warm = await measureBuild(root, env);
    if (arrivals.length !== requests)
      throw new Error(`the warm build in ${join(root)} made ${arrivals.length - requests} request(s); expected none`);
    const offlineRoot = `${root}-offline`;
    await writeAigcSite(offlineRoot, outlines);
    const offline = await measureBuild(offlineRoot);
    const chain = Math.max(0, ...perJob.values());
    const { latencyMs: l, rpm, concurrency } = settings;
    // The server's sliding window lets `rpm` requests of a route through a minute: the last of
    // a route's Q cannot start before floor((Q - 1) / rpm) minutes have passed.
    const busiest = Math.max(0, ...perRoute.values());
    const rateBound = rpm > 0 ? Math.floor((busiest - 1) / rpm) * 60_000 + l : 0;
    const networkBound = Math.max(chain * l, (requests * l) / concurrency, rateBound) / 1000;
    return {
      seconds: cold.seconds,
      warmSeconds: warm.seconds,
      offlineSeconds: offline.seconds,
      requests,
      rejected: Object.values(server.rateLimited).reduce((sum, n) => sum + n, 0),
      chain,
      firstRequest: ((arrivals[0] ?? started) - started) / 1000,
      lastAnswer: ((answers.at(-1) ?? started) - started) / 1000,
      networkBound,
      bound: networkBound + offline.seconds,
      strictBound: networkBound + warm.seconds,
    };
  } finally {
    await server.close();
  }
}

import type { Job } from './engine/types.ts';
import type { Generator, PlanContext } from './generators/generator.ts';
import { GENERATORS } from './generators/registry.ts';
import { memoSourceHash } from './generators/reference/source.ts';
import type { AigcOptions } from './options.ts';
import type { Outline } from './outline/types.ts';
import { describeProviders } from './producers.ts';
import { buildSiteIndex } from './site-index.ts';

export interface PlanSettings {
  /** Project root: sources, lexicon, glossary and generated files are read from here (default: cwd). */
  root?: string;
  /** Environment deciding providers (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The generators to plan with, in order (default: all of generators/registry.ts). */
  generators?: readonly Generator[];
  /** Where collections are served, for links between pages (see `collectionUrl`). */
  collectionBase?: Readonly<Record<string, string>> | undefined;
}

/**
 * Outlines → the jobs graph, in dependency order (a job comes after what it reads).
 * What a run decides once (providers, the site index, the source hasher) is handed to every
 * generator; each plans its own jobs, and none knows about Astro.
 */
export function planJobs(outlines: Outline[], options: AigcOptions, settings: PlanSettings = {}): Job[] {
  const root = settings.root ?? process.cwd();
  const env = settings.env ?? process.env;
  const generators = settings.generators ?? GENERATORS;
  const routes = { collectionBase: settings.collectionBase ?? {} };
  const context: PlanContext = {
    options,
    root,
    env,
    routes,
    producers: describeProviders(options, env),
    site: buildSiteIndex(outlines, root, options.output, routes, options.cacheDir),
    // A reference and the guides held to it read the same source: hash its files once.
    fingerprint: memoSourceHash(),
  };
  const jobs: Job[] = [];
  for (const outline of outlines) {
    const planned: Job[] = [];
    for (const generator of generators) {
      for (const job of generator.plan(outline, context, planned)) {
        if (!generator.kinds.includes(job.kind)) {
          throw new Error(
            `The ${generator.name} generator planned ${job.path} as a ${job.kind}, a kind it does not declare (${generator.kinds.join(', ')}). Add the kind to its \`kinds\`.`,
          );
        }
        planned.push(job);
      }
    }
    jobs.push(...planned);
  }
  return jobs;
}

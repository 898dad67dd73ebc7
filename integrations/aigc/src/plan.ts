import type { AigcOptions } from './options.ts';
import type { Outline } from './outline/types.ts';
import { planArticle } from './generators/article.ts';
import { planIllustration } from './generators/illustration.ts';
import { planNarration } from './generators/narration.ts';
import { planReference } from './generators/reference.ts';
import { planTranslation } from './generators/translation.ts';
import { planVideo } from './generators/video.ts';
import { memoSourceHash } from './generators/reference/source.ts';
import { describeProviders } from './resolve-providers.ts';
import { buildSiteIndex } from './site-index.ts';
import type { Job } from './engine/types.ts';

export interface PlanContext {
  /** Project root: sources, lexicon, glossary and generated files are read from here (default: cwd). */
  root?: string;
  /** Environment deciding providers (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where collections are served, for links between pages (see `collectionUrl`). */
  collectionBase?: Readonly<Record<string, string>> | undefined;
}

/**
 * Outlines → the jobs graph, in dependency order (a job comes after what it reads).
 * Each generator plans its own jobs; none knows about Astro or providers.
 */
export function planJobs(outlines: Outline[], options: AigcOptions, context: PlanContext = {}): Job[] {
  const root = context.root ?? process.cwd();
  const routes = { collectionBase: context.collectionBase ?? {} };
  const site = buildSiteIndex(outlines, root, options.output, routes);
  // A reference and the guides held to it read the same source: hash its files once.
  const fingerprint = memoSourceHash();
  // Offline figures are abstract patterns; narrations say so instead of describing the prompt.
  const placeholderFigures = describeProviders(options, context.env ?? process.env).image.provider === 'offline';
  const jobs: Job[] = [];
  for (const outline of outlines) {
    if (outline.data.kind === 'reference') {
      jobs.push(...planReference(outline, options, root, fingerprint, routes));
      continue;
    }
    const article = planArticle(outline, options, { root, site, fingerprint, routes });
    const page = [
      article,
      ...planIllustration(outline, article.path, options, { name: options.siteName, ...(context.env ? { env: context.env } : {}) }),
      ...planNarration(outline, article.path, options, { root, placeholderFigures }),
    ];
    jobs.push(
      ...page,
      ...planVideo(outline, article.path, page, options, root),
      ...planTranslation(outline, article.path, options, { root, routes, ...(context.env ? { env: context.env } : {}) }),
    );
  }
  return jobs;
}

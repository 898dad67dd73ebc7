import type { AigcOptions } from '../options.ts';
import type { Outline } from '../outline/types.ts';
import { planArticle } from '../generators/article.ts';
import { planIllustration } from '../generators/illustration.ts';
import { planNarration } from '../generators/narration.ts';
import { planReference } from '../generators/reference.ts';
import { planTranslation } from '../generators/translation.ts';
import type { Job } from './types.ts';

/**
 * Outlines → the jobs graph, in dependency order (a job comes after what it reads).
 * Each generator plans its own jobs; none knows about Astro or providers.
 */
export function planJobs(outlines: Outline[], options: AigcOptions): Job[] {
  const jobs: Job[] = [];
  for (const outline of outlines) {
    if (outline.data.kind === 'reference') {
      jobs.push(...planReference(outline, options));
      continue;
    }
    const article = planArticle(outline, options);
    jobs.push(
      article,
      ...planIllustration(outline, article.path, options),
      ...planNarration(outline, article.path, options),
      ...planTranslation(outline, article.path, options),
    );
  }
  return jobs;
}

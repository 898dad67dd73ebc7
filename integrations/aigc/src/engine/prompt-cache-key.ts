import { posix } from 'node:path';
import type { Job } from './types.ts';

/**
 * The `prompt_cache_key` of a job's text requests: one per collection, kind of artifact and
 * prompt version, so pages of one collection share the provider's prompt cache (their long
 * system prompts are the same) and a new prompt version starts a new one. Nothing secret or
 * page-specific is in it.
 */
export function promptCacheKey(job: Pick<Job, 'outline' | 'kind' | 'version'>): string {
  const collection = posix.basename(posix.dirname(job.outline)) || 'site';
  return `aigc:${collection}:${job.kind}:${job.version}`.slice(0, 64);
}

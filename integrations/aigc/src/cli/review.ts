/** The `aigc review` command and the `--require-reviewed` gate, in words a person reads. */
import { resolve } from 'node:path';
import { readLock } from '../engine/lock.ts';
import type { AigcOptions } from '../options.ts';
import { isReviewed, pageReviews, review, type PageReview } from '../review.ts';

/** Record the reviews; print one line per page. */
export async function reviewCommand(
  root: string,
  options: AigcOptions,
  paths: string[],
  flags: { all: boolean; by: string | undefined; cwd: string },
): Promise<number> {
  const pages = await review({
    root,
    options,
    paths,
    all: flags.all,
    cwd: flags.cwd,
    ...(flags.by === undefined ? {} : { by: flags.by }),
  });
  for (const page of pages) process.stdout.write(`${page.path}: ${page.summary}\n`);
  return 0;
}

/** The review standing of every generated page, by path. */
export async function reviewsByPath(root: string, options: AigcOptions): Promise<Map<string, PageReview>> {
  const lock = await readLock(resolve(root, options.lock), options.lock);
  return new Map((await pageReviews(root, lock)).map((page) => [page.path, page]));
}

/** `--require-reviewed`: the pages nobody reviewed (or whose review no longer holds), as an error message, or undefined. */
export function unreviewedMessage(reviews: Map<string, PageReview>): string | undefined {
  const missing = [...reviews.values()].filter((page) => !isReviewed(page));
  if (missing.length === 0) return undefined;
  return [
    `aigc: ${missing.length} generated page(s) have no editorial review (--require-reviewed):`,
    ...missing.map((page) => `  ${page.path}  (${page.summary})`),
    'Read each page, then record it: aigc review <path…> (or aigc review --all).',
  ].join('\n');
}

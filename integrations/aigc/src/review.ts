/**
 * Human review, recorded: `aigc review` writes who reviewed which generated page, when, and
 * the hash of the file they read into the lock; `status`, `--require-reviewed`, the page label
 * and the disclosure page read it back. A review holds only while the file is unchanged.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { LockStore, readLock } from './engine/lock.ts';
import { describeReview, reviewRecord, reviewStanding, type ReviewStanding } from './engine/review.ts';
import type { LockEntry, LockFile } from './engine/types.ts';
import { splitFrontmatter } from './generators/frontmatter.ts';
import { parseOptions, type AigcOptions, type AigcUserOptions } from './options.ts';
import { sha256 } from './utils/hash.ts';
import { toProjectPath } from './utils/paths.ts';

/** A generated page and whether a person's review of it holds. */
export interface PageReview {
  /** Project-relative path of the generated page. */
  path: string;
  outline: string;
  standing: ReviewStanding;
  /** The page's frontmatter says `reviewed: true`: a person's manual override. */
  manual: boolean;
  /** The standing in words: "reviewed by Ada on 2026-12-02", "unreviewed: edited since …". */
  summary: string;
}

export class ReviewError extends Error {
  override name = 'ReviewError';
}

/** Pages a person can review: generated Markdown that a model or the offline drafter wrote (not extracted API pages). */
export function isReviewable(path: string, entry: LockEntry): boolean {
  return (
    path.endsWith('.md') && entry.provider !== 'none' && entry.supersededBy === undefined && entry.pending === undefined
  );
}

/** The review standing of one page from its lock entry and its file on disk. */
export async function pageReview(root: string, path: string, entry: LockEntry): Promise<PageReview> {
  let text: string | undefined;
  try {
    text = await readFile(resolve(root, path), 'utf8');
  } catch {
    text = undefined;
  }
  const file =
    text === undefined ? undefined : { hash: sha256(text), manual: splitFrontmatter(text).data.reviewed === true };
  return reviewOf(path, entry, file);
}

/**
 * The review standing of one page from its lock entry and what its file holds now: its
 * sha256 and whether its frontmatter says `reviewed: true` (undefined: there is no file).
 */
export function reviewOf(
  path: string,
  entry: LockEntry,
  file: { hash: string; manual: boolean } | undefined,
): PageReview {
  const standing = reviewStanding(entry, file?.hash);
  const manual = file?.manual ?? false;
  const summary =
    standing.state !== 'reviewed' && manual ? 'reviewed (frontmatter `reviewed: true`)' : describeReview(standing);
  return { path, outline: entry.outline, standing, manual, summary };
}

/** Every reviewable page of the lock, sorted by path. */
export async function pageReviews(root: string, lock: LockFile): Promise<PageReview[]> {
  const pages: PageReview[] = [];
  for (const path of Object.keys(lock.artifacts).sort()) {
    const entry = lock.artifacts[path]!;
    if (isReviewable(path, entry)) pages.push(await pageReview(root, path, entry));
  }
  return pages;
}

/** Reviewed now: a holding review in the lock, or the manual frontmatter override. */
export function isReviewed(page: PageReview): boolean {
  return page.standing.state === 'reviewed' || page.manual;
}

/** What `review()` needs. */
export interface ReviewSettings {
  root: string;
  options: AigcOptions | AigcUserOptions;
  /** Generated pages or outlines (an outline stands for every page made from it), relative to `cwd` or absolute. */
  paths: readonly string[];
  /** Every reviewable page instead of `paths`. */
  all?: boolean;
  /** The reviewer's name; default: `git config user.name` in the project. */
  by?: string;
  /** Where relative `paths` start (default: the project root). */
  cwd?: string;
  /** When the review happened (default: now). */
  at?: Date;
}

/** Record a review of each page in the lock; returns the pages, now reviewed. */
export async function review(settings: ReviewSettings): Promise<PageReview[]> {
  const options = parseOptions(settings.options);
  const lockFile = resolve(settings.root, options.lock);
  const lock = new LockStore(lockFile, await readLock(lockFile, options.lock));
  const targets = settings.all
    ? Object.keys(lock.lock.artifacts)
        .filter((p) => isReviewable(p, lock.lock.artifacts[p]!))
        .sort()
    : resolveTargets(settings, lock.lock);
  if (targets.length === 0)
    throw new ReviewError(
      settings.all
        ? `${options.lock} lists no generated pages to review. Run \`aigc generate\` first.`
        : 'Name the pages to review, e.g. `aigc review content/generated/articles/intro.md`, or pass --all.',
    );
  const by = (settings.by ?? (await gitUserName(settings.root)))?.trim();
  if (!by) throw new ReviewError('Who reviewed? Pass --by "Your Name", or set `git config user.name`.');
  const reviewed: PageReview[] = [];
  for (const path of targets) {
    const entry = lock.lock.artifacts[path]!;
    const text = await readFile(resolve(settings.root, path)).catch(() => undefined);
    if (text === undefined)
      throw new ReviewError(`${path}: the file is missing. Run \`aigc generate\` to make it, read it, then review it.`);
    lock.lock.artifacts[path] = { ...entry, review: reviewRecord(by, sha256(text), settings.at) };
    reviewed.push(await pageReview(settings.root, path, lock.lock.artifacts[path]!));
  }
  await lock.flush();
  return reviewed;
}

/** Project paths of the pages `paths` name: generated pages as they are, outlines as the pages made from them. */
function resolveTargets(settings: ReviewSettings, lock: LockFile): string[] {
  const targets = new Set<string>();
  for (const given of settings.paths) {
    const path = toProjectPath(settings.root, resolve(settings.cwd ?? settings.root, given));
    const entry = lock.artifacts[path];
    if (entry) {
      if (!isReviewable(path, entry))
        throw new ReviewError(
          `${path} is not a page a person reviews (${entry.provider === 'none' ? 'extracted by a tool, not written by a model' : `a ${entry.kind}`}). Review the page it belongs to.`,
        );
      targets.add(path);
      continue;
    }
    const made = Object.keys(lock.artifacts).filter(
      (p) => lock.artifacts[p]!.outline === path && isReviewable(p, lock.artifacts[p]!),
    );
    if (made.length === 0)
      throw new ReviewError(
        `${given}: not a generated page or an outline in the lock. Run \`aigc status\` to list the pages.`,
      );
    for (const p of made) targets.add(p);
  }
  return [...targets].sort();
}

async function gitUserName(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['config', 'user.name'], { cwd: root });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

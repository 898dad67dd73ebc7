/**
 * Whether a person's review of a generated file still holds. A review records the hash of
 * the file the reviewer read; any later change (a hand edit, a regeneration) breaks it, so a
 * page is never labelled reviewed for text nobody reviewed.
 */
import type { LockEntry, ReviewRecord } from './types.ts';

export type ReviewStanding =
  | { state: 'reviewed'; by: string; at: string }
  | { state: 'unreviewed' }
  /** Reviewed once, but the file changed since: `why` says how. */
  | { state: 'review-dropped'; by: string; at: string; why: 'edited' | 'regenerated' };

/** The review standing of a lock entry, given the sha256 of the file as it is now (undefined: no file). */
export function reviewStanding(
  entry: Pick<LockEntry, 'hash' | 'review'> | undefined,
  hashNow: string | undefined,
): ReviewStanding {
  const review = entry?.review;
  if (!review || hashNow === undefined) return { state: 'unreviewed' };
  if (review.hash === hashNow) return { state: 'reviewed', by: review.by, at: review.at };
  // The file is what the generator wrote, and not what the reviewer read: it was regenerated.
  return {
    state: 'review-dropped',
    by: review.by,
    at: review.at,
    why: hashNow === entry.hash ? 'regenerated' : 'edited',
  };
}

/** A review of the file whose sha256 is `hash`, by `by`, now. */
export function reviewRecord(by: string, hash: string, at: Date = new Date()): ReviewRecord {
  return { by, at: at.toISOString(), hash };
}

/** In words, for status and errors. */
export function describeReview(standing: ReviewStanding): string {
  switch (standing.state) {
    case 'reviewed':
      return `reviewed by ${standing.by} on ${standing.at.slice(0, 10)}`;
    case 'unreviewed':
      return 'unreviewed';
    case 'review-dropped':
      return `unreviewed: ${standing.why} since ${standing.by} reviewed it on ${standing.at.slice(0, 10)}`;
  }
}

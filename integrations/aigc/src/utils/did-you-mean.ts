/**
 * Damerau-Levenshtein distance (unrestricted: a transposition may be edited again), so a
 * typo such as `titel` is one edit from `title`.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;

  const max = a.length + b.length;
  const width = b.length + 2;
  // Row-major (a.length + 2) × (b.length + 2) table with a sentinel row and column.
  const table = new Array<number>((a.length + 2) * width).fill(0);
  const at = (i: number, j: number): number => i * width + j;
  table[at(0, 0)] = max;
  for (let i = 0; i <= a.length; i++) {
    table[at(i + 1, 0)] = max;
    table[at(i + 1, 1)] = i;
  }
  for (let j = 0; j <= b.length; j++) {
    table[at(0, j + 1)] = max;
    table[at(1, j + 1)] = j;
  }

  // Last row in which each character of `a` was seen.
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= a.length; i++) {
    let lastColumn = 0;
    for (let j = 1; j <= b.length; j++) {
      const k = lastRow.get(b[j - 1]!) ?? 0;
      const l = lastColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastColumn = j;
      table[at(i + 1, j + 1)] = Math.min(
        table[at(i, j)]! + cost,
        table[at(i + 1, j)]! + 1,
        table[at(i, j + 1)]! + 1,
        table[at(k, l)]! + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRow.set(a[i - 1]!, i);
  }
  return table[at(a.length + 1, b.length + 1)]!;
}

export interface DidYouMeanOptions {
  /** Largest distance still worth suggesting; default: a third of the input's length, at least 1. */
  maxDistance?: number;
}

/**
 * The candidate closest to `input` (case-insensitive), or undefined when none is close
 * enough to be a likely typo. Ties go to the earlier candidate, so the result is stable.
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
  options: DidYouMeanOptions = {},
): string | undefined {
  const needle = input.toLowerCase();
  const limit = options.maxDistance ?? Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = damerauLevenshtein(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

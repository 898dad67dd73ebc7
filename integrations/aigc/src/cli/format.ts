import type { DiffEntry, GenerateResult } from '../api.ts';
import type { PageReview } from '../review.ts';

/** A table of artifacts and their state (pages with their review), then what is pending and its estimated cost. */
export function formatStatus(result: GenerateResult, reviews?: ReadonlyMap<string, PageReview>): string {
  const { report } = result;
  const lines: string[] = [];
  // A model-made output kept while its provider is unavailable says so instead of "fresh".
  const label = (o: (typeof report.outcomes)[number]) =>
    o.action === 'kept-unavailable' ? 'kept: provider unavailable' : o.state;
  const width = Math.max(5, ...report.outcomes.map((o) => label(o).length));
  for (const outcome of report.outcomes) {
    const review = reviews?.get(outcome.path);
    const note =
      (outcome.error
        ? `  (${outcome.error.message})`
        : outcome.staleThrough
          ? `  (reads ${outcome.staleThrough.join(', ')}, regenerated first)`
          : '') + (review ? `  [${review.summary}]` : '');
    lines.push(`${label(outcome).padEnd(width)}  ${outcome.kind.padEnd(11)} ${outcome.path}${note}`);
  }
  const counts = new Map<string, number>();
  for (const outcome of report.outcomes) counts.set(label(outcome), (counts.get(label(outcome)) ?? 0) + 1);
  lines.push('');
  lines.push([...counts].map(([state, n]) => `${n} ${state}`).join(', ') || 'no artifacts');
  lines.push(`${report.pending.length} to generate, estimated $${report.estimatedUsd.toFixed(4)}`);
  return `${lines.join('\n')}\n`;
}

/** Each artifact that is not fresh, with the reasons under it; or a line saying all is fresh. */
export function formatDiff(entries: DiffEntry[]): string {
  if (entries.length === 0) return 'everything is fresh: a build would change nothing\n';
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push(`${entry.state.padEnd(12)} ${entry.kind.padEnd(11)} ${entry.path}`);
    for (const reason of entry.reasons) lines.push(`${' '.repeat(13)}- ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

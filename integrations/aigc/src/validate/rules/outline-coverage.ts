import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point } from 'unist';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';

export const RULE_ID = 'outline-coverage';

/** Headings compare case-insensitively, whitespace and inline markup ignored. */
export function normaliseHeading(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Every `##` section of the outline must appear as a `##` heading, in the outline's order.
 * Missing sections are reported where they should have been (before the next section
 * that is in place, or at the end); reordered ones at their heading.
 */
export const outlineCoverage: Rule = (tree, file, context) => {
  const headings = (tree.children.filter((node) => node.type === 'heading' && node.depth === 2) as Heading[]).map(
    (node) => ({
      node,
      text: normaliseHeading(toString(node)),
    }),
  );
  const sections = context.outline.sections;
  const found = sections.map((section) => headings.findIndex((h) => h.text === normaliseHeading(section.heading)));
  const inOrder = longestIncreasing(found);
  const end = endOf(tree);

  sections.forEach((section, index) => {
    const at = found[index]!;
    if (at === -1) {
      // Anchor the finding where the section belongs: before the next section that is in place.
      const next = found.findIndex((f, i) => i > index && f !== -1 && inOrder.has(i));
      const place = next === -1 ? end : headings[found[next]!]!.node.position?.start;
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Section "${section.heading}" of the outline (line ${section.position.line}) is missing`,
        fix: `Add a "## ${section.heading}" section covering: ${section.points.map((p) => p.text).join('; ') || 'the outline section'}.`,
      });
    } else if (!inOrder.has(index)) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place: headings[at]!.node.position?.start,
        reason: `Section "${section.heading}" is out of order: the outline puts it ${ordinal(index + 1)} of ${sections.length}`,
        fix: `Move the "## ${section.heading}" section so the sections follow the outline: ${sections.map((s) => s.heading).join(' → ')}.`,
      });
    }
  });
};

/** Indices (into `values`) of one longest strictly increasing run of found positions. */
function longestIncreasing(values: number[]): Set<number> {
  const candidates = values.map((value, index) => ({ value, index })).filter((c) => c.value !== -1);
  const length = candidates.map(() => 1);
  const previous = candidates.map(() => -1);
  for (let i = 0; i < candidates.length; i++) {
    for (let j = 0; j < i; j++) {
      if (candidates[j]!.value < candidates[i]!.value && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < candidates.length; i++) if (best === -1 || length[i]! > length[best]!) best = i;
  const kept = new Set<number>();
  for (let i = best; i !== -1; i = previous[i]!) kept.add(candidates[i]!.index);
  return kept;
}

function endOf(tree: Root): Point | undefined {
  const last = tree.children.at(-1);
  return last?.position?.end ?? tree.position?.end;
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

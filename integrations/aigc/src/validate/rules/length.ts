import type { Rule } from '../context.ts';
import { report } from '../report.ts';
import { measureMarkdown } from '../../utils/text-measure.ts';

export const RULE_ID = 'length';

/** How far from the outline's `length` a page may land, as a fraction of it. */
export const LENGTH_TOLERANCE = 0.4;

/**
 * The page's prose is within ±40 % of the outline's target `length` (words; characters
 * for zh/ja/ko). No target in the outline, no check.
 */
export const length: Rule = (tree, file, context) => {
  const target = context.outline.data.length;
  if (target === undefined) return;
  const { count: actual, unit } = measureMarkdown(tree, context.outline.data.lang);
  const low = Math.floor(target * (1 - LENGTH_TOLERANCE));
  const high = Math.ceil(target * (1 + LENGTH_TOLERANCE));
  if (actual >= low && actual <= high) return;
  const first = tree.children.find((node) => node.type !== 'yaml');
  report(file, {
    ruleId: RULE_ID,
    severity: 'warning',
    place: first?.position?.start,
    reason: `The page has ${actual} ${unit}; the outline asks for about ${target} (${low}–${high})`,
    fix:
      actual < low
        ? `Develop each section further, to about ${target} ${unit} in all.`
        : `Tighten the prose to about ${target} ${unit} in all.`,
  });
};

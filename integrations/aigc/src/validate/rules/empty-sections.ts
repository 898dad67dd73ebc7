import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';

export const RULE_ID = 'empty-sections';

/** A heading followed by no content before the next heading of the same or a higher level. */
export const emptySections: Rule = (tree, file) => {
  const blocks = tree.children.filter((node) => node.type !== 'yaml' && node.type !== 'definition');
  blocks.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const next = blocks[index + 1];
    const empty = next === undefined || (next.type === 'heading' && next.depth <= node.depth);
    if (!empty) return;
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: node.position?.start,
      reason: `Section "${toString(node as Heading)}" is empty`,
      fix: 'Write the content of this section, or remove the heading.',
    });
  });
};

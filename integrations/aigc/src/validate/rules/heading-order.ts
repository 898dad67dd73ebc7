import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import GithubSlugger from 'github-slugger';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';

export const RULE_ID = 'heading-order';

/**
 * The title lives in the frontmatter, so the body starts at `##`, never has an `#`, never
 * skips a level going down, and has no two headings with the same anchor (links would
 * land on the first).
 */
export const headingOrder: Rule = (tree, file) => {
  const seen = new Map<string, Heading>();
  let previous = 1;
  visit(tree, 'heading', (node: Heading) => {
    const text = toString(node);
    const place = node.position?.start;
    if (node.depth === 1) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Level-1 heading "${text}" in the body: the title is in the frontmatter`,
        fix: 'Remove this heading, or make it a "##" section heading.',
      });
    } else if (node.depth > previous + 1) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Heading level jumps from ${previous} to ${node.depth} at "${text}"`,
        fix: `Use "${'#'.repeat(previous + 1)}" for this heading (one level below the one before).`,
      });
    }
    previous = node.depth;
    const slug = new GithubSlugger().slug(text);
    const first = seen.get(slug);
    if (first) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Duplicate heading "${text}" (first at line ${first.position?.start.line}): both would get the anchor #${slug}`,
        fix: 'Give this heading a distinct name, or merge the two sections.',
      });
    } else {
      seen.set(slug, node);
    }
  });
};

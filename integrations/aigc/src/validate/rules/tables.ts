import type { Paragraph, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Rule } from '../context.ts';
import { sourceOf } from '../locate.ts';
import { report } from '../report.ts';

export const RULE_ID = 'tables';

/**
 * Every row of a table has as many cells as its header, and pipe-delimited lines that
 * failed to become a table (a bad delimiter row) are reported rather than shown as text.
 */
export const tables: Rule = (tree, file) => {
  const source = String(file.value);
  visit(tree, 'table', (node: Table) => {
    const columns = node.children[0]?.children.length ?? 0;
    node.children.slice(1).forEach((row) => {
      if (row.children.length === columns) return;
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place: row.position?.start,
        reason: `Table row has ${row.children.length} cells; the header has ${columns}`,
        fix: `Give every row exactly ${columns} cells (use an empty cell \`| |\` where there is nothing to say).`,
      });
    });
  });
  visit(tree, 'paragraph', (node: Paragraph) => {
    const lines = sourceOf(node, source).split('\n');
    if (lines.length < 2 || !lines.every((line) => /^\s*\|.*\|\s*$/.test(line))) return;
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: node.position?.start,
      reason:
        'These lines look like a table but do not form one (the delimiter row is missing or has the wrong number of cells)',
      fix: 'Put a delimiter row such as `| --- | --- |` with one cell per header cell right after the header row.',
    });
  });
};

import type { Nodes, Paragraph, Text } from 'mdast';
import type { Literal } from 'unist';
import { visit } from 'unist-util-visit';
import type { HtmlRule, Rule } from '../context.ts';
import { findHtmlProblems, isUnsafeUrl } from '../html-policy.ts';
import { createLocator, sourceOf, valueToFileOffset } from '../locate.ts';
import { ESM_LINE, unescapedBraces } from '../mdx-syntax.ts';
import { report } from '../report.ts';

export const RULE_ID = 'safety';
/** Raw HTML outside the allow-list that cannot run script: removed by the sanitizer, reported as a warning. */
export const RAW_HTML_RULE_ID = 'raw-html';

/**
 * Markdown-level safety: no `javascript:`/`data:` URLs, no MDX expressions `{…}` and no
 * ESM lines (the page is Markdown; anything that would be code in MDX is refused).
 */
export const safety: Rule = (tree, file) => {
  const source = String(file.value);
  const locator = createLocator(source);
  visit(tree, (node: Nodes) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && isUnsafeUrl(node.url)) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place: node.position?.start,
        reason: `Unsafe URL scheme in ${node.type}: ${node.url.slice(0, 60)}`,
        fix: 'Use an http(s) URL or a site path; javascript: and data: URLs are never allowed.',
      });
    }
  });
  visit(tree, 'text', (node: Text) => {
    const text = sourceOf(node, source);
    const start = node.position?.start.offset;
    if (start === undefined) return;
    const opening = unescapedBraces(text).find((offset) => text[offset] === '{');
    if (opening === undefined) return;
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: locator.toPoint(start + opening),
      reason: 'A `{…}` in the text would be a script expression if the page were compiled as MDX',
      fix: 'Put code in backticks, or write \\{ and \\} for literal braces.',
    });
  });
  visit(tree, 'paragraph', (node: Paragraph) => {
    const lines = sourceOf(node, source).split('\n');
    lines.forEach((line, index) => {
      if (!ESM_LINE.test(line)) return;
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place: {
          line: (node.position?.start.line ?? 1) + index,
          column: index === 0 ? (node.position?.start.column ?? 1) : 1,
        },
        reason: `An MDX import/export line in the text: "${line.trim().slice(0, 60)}"`,
        fix: 'Remove the line; show code only inside a fenced code block.',
      });
    });
  });
};

/**
 * HTML-level safety on the tree remark-rehype makes: each raw HTML node is parsed as a
 * fragment and held to the allow-list of html-policy.ts.
 */
export const safetyHtml: HtmlRule = (tree, file) => {
  const source = String(file.value);
  const locator = createLocator(source);
  visit(tree, (node) => {
    if (node.type !== 'raw') return;
    const raw = node as Literal & { value: string };
    const toFile = valueToFileOffset(raw, source, locator);
    for (const problem of findHtmlProblems(raw.value)) {
      const dangerous = problem.level === 'dangerous';
      report(file, {
        ruleId: dangerous ? RULE_ID : RAW_HTML_RULE_ID,
        severity: dangerous ? 'error' : 'warning',
        place: raw.position ? locator.toPoint(toFile(problem.start)) : undefined,
        reason: `Raw HTML: ${problem.description}${dangerous ? ' can run script or load active content' : ''}`,
        fix: dangerous ? 'Remove it; write Markdown instead of HTML.' : 'Write Markdown instead of this HTML.',
      });
    }
  });
};

import type { Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Rule } from '../context.ts';
import { createLocator, pointInNode } from '../locate.ts';
import { report } from '../report.ts';
import { proseNodes } from '../../utils/text-measure.ts';

export const RULE_ID = 'boilerplate';

interface Pattern {
  pattern: RegExp;
  what: string;
  fix: string;
}

/** Phrases that betray a chat answer or an unfinished draft rather than an article. */
const PATTERNS: Pattern[] = [
  {
    pattern: /\bas an AI(?: language model| model| assistant)?\b/i,
    what: 'an "as an AI" disclaimer',
    fix: 'Delete the disclaimer; write the article in its own voice.',
  },
  {
    pattern:
      /\b(?:my (?:knowledge|training) (?:cutoff|cut-off|data)|I (?:cannot|can't|don't have the ability to) browse)\b/i,
    what: 'a remark about the model itself',
    fix: 'Delete it; the article speaks about the topic, not the writer.',
  },
  {
    pattern: /^(?:Certainly|Sure|Of course|Absolutely)[!,.]\s/i,
    what: 'a chat-style opener',
    fix: 'Start with the content itself.',
  },
  {
    pattern: /\b(?:here is|here's) (?:the|your) (?:article|draft|revised|text|blog post)\b/i,
    what: 'a chat-style preamble',
    fix: 'Delete the preamble; output only the article.',
  },
  { pattern: /\bI hope (?:this|that) helps\b/i, what: 'a chat-style sign-off', fix: 'Delete the sign-off.' },
  { pattern: /\blorem ipsum\b/i, what: 'placeholder text ("Lorem ipsum")', fix: 'Write the real content.' },
  {
    pattern: /\b(?:TODO|TBD|FIXME|XXX)\b/,
    what: 'a placeholder marker',
    fix: 'Write the missing content instead of the marker.',
  },
  {
    pattern: /\[(?:insert|add|your|placeholder)\b[^\]]*\]/i,
    what: 'a "[insert …]" placeholder',
    fix: 'Replace the placeholder with real content.',
  },
];

/** Paragraph openers that mark filler conclusions. */
const OPENERS: Pattern[] = [
  {
    pattern:
      /^(?:In conclusion|In summary|To summarize|To sum up|Overall|In today's (?:fast-paced|digital) world),?\s/i,
    what: 'a filler opener',
    fix: 'Start the paragraph with its point; drop the formula.',
  },
];

/** Chat disclaimers, filler openers and placeholder text. */
export const boilerplate: Rule = (tree, file) => {
  const source = String(file.value);
  const locator = createLocator(source);
  const flagged = new Set<number>();
  for (const node of proseNodes(tree)) {
    for (const { pattern, what, fix } of PATTERNS) {
      const match = pattern.exec(node.value);
      if (!match) continue;
      const place = pointInNode(node, match.index, source, locator);
      if (place?.offset !== undefined) {
        if (flagged.has(place.offset)) continue;
        flagged.add(place.offset);
      }
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Boilerplate: ${what} ("${match[0].trim()}")`,
        fix,
      });
    }
  }
  visit(tree, 'paragraph', (node: Paragraph) => {
    const first = node.children[0];
    if (first?.type !== 'text') return;
    for (const { pattern, what, fix } of OPENERS) {
      const match = pattern.exec(first.value);
      if (match)
        report(file, {
          ruleId: RULE_ID,
          severity: 'warning',
          place: first.position?.start,
          reason: `Boilerplate: ${what} ("${match[0].trim()}")`,
          fix,
        });
    }
  });
};

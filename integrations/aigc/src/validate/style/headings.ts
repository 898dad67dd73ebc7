/**
 * Heading case of the headings the model wrote: `###` and deeper, and any `##` the outline did
 * not give (the outline's own headings are the author's, kept as written).
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { StyleSeverity } from './config.ts';

/** Short words title case leaves in lower case. */
const MINOR = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'in',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'vs',
  'via',
  'with',
]);

export function checkHeadingCase(
  tree: Root,
  file: VFile,
  mode: 'sentence' | 'title',
  outlineHeadings: ReadonlySet<string>,
  severity: Exclude<StyleSeverity, 'off'>,
): void {
  visit(tree, 'heading', (heading: Heading) => {
    const text = toString(heading).trim();
    if (heading.depth < 2 || (heading.depth === 2 && outlineHeadings.has(text))) return;
    const words = text
      .split(/\s+/)
      .slice(1)
      .filter((w) => /^\p{Script=Latin}/u.test(w));
    // Capitalised ordinary words: an initial capital then lower case (acronyms and names like "TypeScript" pass).
    const capitalised = words.filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !MINOR.has(w.toLowerCase()));
    const lower = words.filter((w) => /^\p{Ll}{4,}$/u.test(w));
    const wrong = mode === 'sentence' ? capitalised.length >= 2 && lower.length === 0 : lower.length > 0;
    if (!wrong) return;
    report(file, {
      ruleId: 'style-heading-case',
      severity,
      place: heading.position?.start,
      reason: `Heading "${text}" is not in ${mode} case.`,
      fix:
        mode === 'sentence'
          ? `Capitalise only the first word and names: "${sentenceCase(text)}".`
          : 'Capitalise every word except short articles, conjunctions and prepositions.',
    });
  });
}

function sentenceCase(text: string): string {
  return text.replace(/(?<=\s)(\p{Lu})(\p{Ll}+)/gu, (_, first: string, rest: string) => first.toLowerCase() + rest);
}

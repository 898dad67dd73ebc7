/**
 * Citations held to the page's sources: every `[n]` resolves to a listed source
 * (`citation-dangling`), every quotation occurs word for word in the source it cites, or in
 * some source when it cites none (`citation-misquote`), and each section that makes claims
 * cites something (`citation-missing`, a warning unless the options say otherwise).
 */
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Rule } from './context.ts';
import { createLocator, pointInNode } from './locate.ts';
import { report } from './report.ts';
import { headingTexts } from '../utils/markdown.ts';
import { proseNodes } from '../utils/text-measure.ts';

/** What the checks need of a source: its number and its plain text. */
export interface CitableSource {
  n: number;
  title: string;
  text: string;
}

const CITATION = /\[(\d{1,3})\]/g;
/** A quotation: straight, curly or CJK double quotes around at least four words (or eight CJK characters). */
const QUOTE = /["“「]([^"”」\n]{12,}?)["”」]/g;

export interface CitationRuleSettings {
  /** Check that each section with claims cites something (off for the offline drafter, which reads no source). */
  requireCitations: boolean;
}

export function citationRule(sources: readonly CitableSource[], settings: CitationRuleSettings): Rule {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const normalised = new Map(sources.map((s) => [s.n, normalise(s.text)]));
  const range = sources.length === 0 ? 'none' : sources.length === 1 ? '[1]' : `[1] to [${sources.length}]`;
  const rule: Rule = (tree, file) => {
    const text = String(file.value);
    const locator = createLocator(text);
    // A page may name its own sections in quotes ("the part “What a site can do”"): a name, not a claim.
    const ownNames = new Set(headingTexts(tree).map(normalise));
    for (const node of proseNodes(tree)) {
      for (const match of node.value.matchAll(CITATION)) {
        const n = Number(match[1]);
        if (byNumber.has(n)) continue;
        report(file, {
          ruleId: 'citation-dangling',
          severity: 'error',
          place: pointInNode(node, match.index, text, locator),
          reason: `Citation [${n}] points at no source: the outline lists ${sources.length} (${range}).`,
          fix:
            sources.length === 0
              ? 'Remove the citation marker: this page has no sources.'
              : `Cite one of ${range} for a claim that source supports, or remove the claim and its marker.`,
        });
      }
      for (const match of node.value.matchAll(QUOTE)) {
        const quoted = match[1]!;
        if (!isQuotation(quoted)) continue;
        // The citation right after the quotation (within the sentence) names its source.
        const after = node.value.slice(match.index + match[0].length, match.index + match[0].length + 40);
        const cited = /^[^.!?。！？]*?\[(\d{1,3})\]/.exec(after);
        const n = cited ? Number(cited[1]) : undefined;
        if (n !== undefined && !byNumber.has(n)) continue; // reported as dangling
        const needle = normalise(quoted);
        if (n === undefined && ownNames.has(needle)) continue;
        const found =
          n !== undefined
            ? normalised.get(n)!.includes(needle)
            : [...normalised.values()].some((t) => t.includes(needle));
        if (found) continue;
        report(file, {
          ruleId: 'citation-misquote',
          severity: 'error',
          place: pointInNode(node, match.index, text, locator),
          reason:
            n !== undefined
              ? `Quotation "${clip(quoted)}" does not occur in source [${n}] (${byNumber.get(n)!.title}).`
              : `Quotation "${clip(quoted)}" occurs in no listed source.`,
          fix: 'Quote the source word for word and cite it, or paraphrase without quotation marks.',
        });
      }
    }
    if (settings.requireCitations && sources.length > 0) {
      for (const section of sections(tree)) {
        const prose = section.body.filter(
          (node) =>
            node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote' || node.type === 'table',
        );
        if (prose.length === 0) continue;
        if (prose.some((node) => /\[\d{1,3}\]/.test(toString(node)))) continue;
        report(file, {
          ruleId: 'citation-missing',
          severity: 'warning',
          place: section.heading.position?.start,
          reason: `Section "${toString(section.heading)}" cites no source.`,
          fix: `Cite the source each claim comes from as ${range === 'none' ? '[n]' : range.split(' to ')[0]} right after the claim.`,
        });
      }
    }
  };
  return Object.defineProperty(rule, 'name', { value: 'citations' });
}

/** Quoted text that is a quotation rather than a term in quotes: four words or more, or eight CJK characters. */
function isQuotation(quoted: string): boolean {
  const cjk = (quoted.match(/\p{Script=Han}/gu) ?? []).length;
  return cjk >= 8 || quoted.trim().split(/\s+/).length >= 4;
}

/** Case, punctuation and spacing aside: a quotation still matches across a line break or curly quotes. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The `##` sections of the page, each with the nodes under it. */
function sections(tree: Root): { heading: Heading; body: RootContent[] }[] {
  const out: { heading: Heading; body: RootContent[] }[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) out.push({ heading: node, body: [] });
    else if (node.type !== 'heading' || node.depth > 2) out.at(-1)?.body.push(node);
  }
  return out;
}

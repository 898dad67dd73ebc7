/**
 * Bounded repair: findings go back to the model with the offending lines, numbered; its
 * revision is checked again; rounds stop at the limit or as soon as the errors stop
 * shrinking, and the best attempt is kept.
 */
import type { ChatMessage } from '../providers/types.ts';
import type { Finding } from './finding.ts';

/** Findings sent per round: more than this drowns the model (and the prompt). */
export const MAX_FINDINGS_PER_ROUND = 20;
/** Lines of context on each side of a finding. */
export const CONTEXT_LINES = 2;

export interface RepairSettings {
  text: string;
  validate: (text: string) => Promise<Finding[]>;
  /** Ask for a revision; gets the current text, the findings sent and their numbered context. */
  repair: (text: string, findings: Finding[], numberedContext: string) => Promise<string>;
  /** Most repair calls (0: validate only). */
  maxRounds: number;
}

export interface RepairOutcome {
  /** The best attempt: fewest errors, the earliest on a tie. */
  text: string;
  /** Its findings (errors and warnings). */
  findings: Finding[];
  /** Repair calls made. */
  rounds: number;
  /** Whether the kept text is a model revision rather than the original. */
  repaired: boolean;
}

export async function repairUntilValid({ text, validate, repair, maxRounds }: RepairSettings): Promise<RepairOutcome> {
  let best = { text, findings: await validate(text) };
  let rounds = 0;
  while (rounds < maxRounds && errorCount(best.findings) > 0) {
    rounds++;
    const sent = findingsToSend(best.findings);
    const revised = await repair(best.text, sent, numberedContext(best.text, sent));
    const findings = await validate(revised);
    // Stop when a round does not make things better: more rounds rarely do then.
    if (errorCount(findings) >= errorCount(best.findings)) break;
    best = { text: revised, findings };
  }
  return { text: best.text, findings: best.findings, rounds, repaired: best.text !== text };
}

export function errorCount(findings: readonly Finding[]): number {
  return findings.filter((finding) => finding.severity === 'error').length;
}

/** The errors, in order, capped; warnings are only printed, never argued with the model. */
export function findingsToSend(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'error').slice(0, MAX_FINDINGS_PER_ROUND);
}

/**
 * Each finding with ±2 numbered lines of the text around it, the line itself marked:
 *
 *     1. line 12:5 [links] Link to #setup points at no heading of this page
 *        fix: Use one of this page's anchors …
 *          11 | …
 *        > 12 | See [setup](#setup).
 *          13 | …
 */
export function numberedContext(text: string, findings: readonly Finding[]): string {
  const lines = text.split('\n');
  const width = String(lines.length).length;
  return findings
    .map((finding, index) => {
      const from = Math.max(1, finding.line - CONTEXT_LINES);
      const to = Math.min(lines.length, finding.line + CONTEXT_LINES);
      const excerpt: string[] = [];
      for (let line = from; line <= to; line++) {
        excerpt.push(
          `   ${line === finding.line ? '>' : ' '} ${String(line).padStart(width)} | ${lines[line - 1] ?? ''}`,
        );
      }
      return [
        `${index + 1}. line ${finding.line}:${finding.column} [${finding.ruleId}] ${finding.reason}`,
        `   fix: ${finding.fix}`,
        ...excerpt,
      ].join('\n');
    })
    .join('\n\n');
}

/** The conversation asking the model for a full revised Markdown file that fixes the findings. */
export function buildRepairMessages(text: string, findings: readonly Finding[]): ChatMessage[] {
  const sent =
    findingsToSend(findings).length > 0 ? findingsToSend(findings) : findings.slice(0, MAX_FINDINGS_PER_ROUND);
  return [
    {
      role: 'system',
      content: [
        'You revise Markdown pages that automated checks rejected.',
        'Answer with the complete revised Markdown file and nothing else: no commentary, no code fence around it.',
        'Fix every listed problem and change nothing else: keep the frontmatter as it is, keep the section headings and their order,',
        'and keep ```figure, ```diagram and ```dot blocks exactly as they are.',
        'Never use raw HTML, MDX, import/export lines or {curly-brace expressions}; do not invent URLs.',
      ].join(' '),
    },
    {
      role: 'user',
      content: `The checks found these problems (line numbers refer to the file below):\n\n${numberedContext(text, sent)}\n\nThe file:\n\n${text}`,
    },
  ];
}

/** The Markdown in a model's answer: drops a fence wrapped around the whole answer. */
export function extractMarkdown(answer: string): string {
  const fenced = /^\s*(`{3,}|~{3,})(?:markdown|md)?[ \t]*\n([\s\S]*?)\n\1\s*$/i.exec(answer);
  return (fenced ? fenced[2]! : answer).trim() + '\n';
}

/** How much a finding matters: `error` fails the page (after repair), `warning` is printed only. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in generated text: what rule, where (1-based line:column in the
 * generated file), why, and what to do about it. Same shape for every check, so the
 * build, the CLI and the repair prompt print them alike.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  reason: string;
  fix: string;
}

/** `file:line:column  severity  reason  [rule]` plus the fix on the next line. */
export function formatFinding(file: string, finding: Finding): string {
  return `${file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.reason}  [${finding.ruleId}]\n    fix: ${finding.fix}`;
}

import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { Finding, Severity } from './finding.ts';
import type { ValidationOptions } from './options.ts';

/** Where the checks say they come from, so their messages can be told apart from others. */
export const SOURCE = 'aigc';

export interface Report {
  ruleId: string;
  /** Severity when the options do not override it. */
  severity: Severity;
  place: Point | Position | undefined;
  reason: string;
  /** What to write instead: shown to people and sent to the model. */
  fix: string;
}

/** Add one message to the file: `fatal` carries the severity, `note` the fix. */
export function report(file: VFile, { ruleId, severity, place, reason, fix }: Report): void {
  const message = file.message(reason, { place: place ?? null, ruleId, source: SOURCE });
  message.fatal = severity === 'error';
  message.note = fix;
}

/**
 * The file's messages as findings, sorted by position, with the per-rule severity from the
 * options applied (`off` drops them). Messages without a position land on 1:1.
 */
export function toFindings(file: VFile, options: Pick<ValidationOptions, 'rules'>): Finding[] {
  const findings: Finding[] = [];
  for (const message of file.messages) {
    const ruleId = message.ruleId ?? message.source ?? 'unknown';
    const override = options.rules[ruleId];
    if (override === 'off') continue;
    findings.push({
      ruleId,
      severity: override ?? (message.fatal === true ? 'error' : 'warning'),
      line: message.line ?? 1,
      column: message.column ?? 1,
      reason: message.reason,
      fix: message.note ?? '',
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

/** Whether the options switched a rule off (checks skip their work then). */
export function isOff(options: Pick<ValidationOptions, 'rules'>, ruleId: string): boolean {
  return options.rules[ruleId] === 'off';
}

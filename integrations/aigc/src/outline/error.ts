import type { Position } from './types.ts';

/**
 * A problem in an outline file. Carries the file, the position and the fix, so the
 * message a user reads says where to look and what to write instead.
 */
export class OutlineError extends Error {
  readonly file: string;
  readonly position: Position;
  readonly hint: string;
  readonly ruleId: string;

  constructor(options: { file: string; position: Position; reason: string; hint: string; ruleId: string }) {
    super(
      `${options.file}:${options.position.line}:${options.position.column}: ${options.reason}\n  fix: ${options.hint}`,
    );
    this.name = 'OutlineError';
    this.file = options.file;
    this.position = options.position;
    this.hint = options.hint;
    this.ruleId = options.ruleId;
  }
}

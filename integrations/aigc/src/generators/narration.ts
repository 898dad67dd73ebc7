import type { AigcOptions } from '../options.ts';
import type { Job } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
// PLACEHOLDER (helper: narration) — plans no jobs until built.
export function planNarration(_outline: Outline, _articlePath: string, _options: AigcOptions): Job[] {
  return [];
}

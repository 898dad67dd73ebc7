import type { AigcOptions } from '../options.ts';
import type { Job } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
// PLACEHOLDER (helper: reference docs) — plans no jobs until built.
export function planReference(_outline: Outline, _options: AigcOptions): Job[] {
  return [];
}

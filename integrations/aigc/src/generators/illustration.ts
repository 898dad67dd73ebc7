import type { AigcOptions } from '../options.ts';
import type { Job } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
// PLACEHOLDER (helper: illustration) — plans no jobs until built.
export function planIllustration(_outline: Outline, _articlePath: string, _options: AigcOptions): Job[] {
  return [];
}

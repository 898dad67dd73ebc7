import type { AigcOptions } from '../options.ts';
import type { Job } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
// PLACEHOLDER (helper: reader's site / translations) — plans no jobs until built.
export function planTranslation(_outline: Outline, _articlePath: string, _options: AigcOptions): Job[] {
  return [];
}

import { DEFAULT_PRICING } from '../options.ts';
import type { Usage } from '../providers/types.ts';

export type Pricing = Record<string, { input: number; output: number }>;

/** US dollars for `usage` on `model`; offline and unpriced models cost 0. */
export function costOf(model: string, usage: Usage, pricing: Pricing): number {
  const price = pricing[model] ?? DEFAULT_PRICING[model];
  if (!price) return 0;
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

/** Round to micro-dollars so the lock does not carry float noise. */
export function roundCost(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

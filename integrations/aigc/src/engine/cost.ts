import { DEFAULT_PRICING, HALF_PRICE_TIERS, type ModelPrice } from '../pricing-table.ts';
import type { PriceTier, Usage } from '../providers/types.ts';

export type Pricing = Record<string, { input: number; output: number; cachedInput?: number | undefined }>;

/**
 * US dollars for `usage` on `model`, processed at `tier`; offline and unpriced models cost 0.
 * Cached input tokens (part of `inputTokens`) cost the cached rate; batch and flex cost half.
 */
export function costOf(model: string, usage: Usage, pricing: Pricing, tier: PriceTier = 'standard'): number {
  const base: ModelPrice | undefined = pricing[model] ?? DEFAULT_PRICING[model];
  if (!base) return 0;
  const price = tier === 'priority' && base.priority ? base.priority : base;
  const share = tier === 'batch' || tier === 'flex' ? HALF_PRICE_TIERS[tier] : 1;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const usd = (usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output;
  return (usd * share) / 1_000_000;
}

/** Round to micro-dollars so the lock does not carry float noise. */
export function roundCost(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

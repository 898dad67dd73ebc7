import type { PriceTier, Usage } from '../providers/types.ts';

/** A model's price, US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Cached input tokens; unset: they cost as much as other input. */
  cachedInput?: number | undefined;
  /** Priority processing (`service_tier: 'priority'`); unset: the standard price. */
  priority?: { input: number; output: number; cachedInput?: number | undefined } | undefined;
}

/** Batch and flex processing: this share of the standard price, input and output alike. */
export const HALF_PRICE_TIERS = { batch: 0.5, flex: 0.5 } as const;

/** Prices by model id, passed in by the caller (api.ts: the built-in table under the user's): the engine knows none. */
export type Pricing = Record<string, ModelPrice>;

/**
 * US dollars for `usage` on `model`, processed at `tier`; offline and unpriced models cost 0.
 * Cached input tokens (part of `inputTokens`) cost the cached rate; batch and flex cost half.
 */
export function costOf(model: string, usage: Usage, pricing: Pricing, tier: PriceTier = 'standard'): number {
  const base: ModelPrice | undefined = pricing[model];
  if (!base) return 0;
  const price = tier === 'priority' && base.priority ? base.priority : base;
  const share = tier === 'batch' || tier === 'flex' ? HALF_PRICE_TIERS[tier] : 1;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const usd =
    (usage.inputTokens - cached) * price.input +
    cached * (price.cachedInput ?? price.input) +
    usage.outputTokens * price.output;
  return (usd * share) / 1_000_000;
}

/** Round to micro-dollars so the lock does not carry float noise. */
export function roundCost(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

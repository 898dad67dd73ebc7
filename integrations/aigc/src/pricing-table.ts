import type { ModelPrice } from './engine/cost.ts';

/**
 * Built-in prices, US dollars per million tokens; `options.pricing` overrides a model's.
 *
 * Checked on 2026-12-02 ({@link PRICES_CHECKED}); OpenAI's own page
 * (https://developers.openai.com/api/docs/pricing) is not reachable from here, so each row
 * names where it was read:
 * - gpt-5.5, gpt-5.4, gpt-5.4-mini, gpt-5.4-nano (input, cached input, output): OpenAI's
 *   pricing page as quoted by api-evangelist (read 2026-11-05, posted 2026-11-06), benchlm.ai
 *   and tokenmix.ai (2026-04), and api-evangelist/openai `plans/openai-plans-pricing.yml`.
 * - priority rows: https://openai.com/api-priority-processing/ (OpenAI).
 * - gpt-image-2 (text input $5, cached $1.25, image output $30): xairouter.com's model page
 *   ("from OpenAI's pricing page") and gptimage2.to (verified 2026-05-02).
 * - Batch API: half of input and output (OpenAI's pricing page as quoted above; the issue).
 *   Flex: "priced at Batch API rates" (developers.openai.com/api/docs/guides/flex-processing).
 * - gpt-4.1-mini and gpt-4o-mini-tts: kept from the earlier table, not re-checked (both retire:
 *   gpt-4.1 on 2027-01-14, every audio.speech model on 2027-01-06).
 * - gpt-realtime-2.1-mini (text input $0.60, cached $0.06; audio output $20): its model page,
 *   developers.openai.com/api/docs/models/gpt-realtime-2.1-mini (read 2026-12-02). Output is
 *   priced as audio, since narration's output is audio; its text input is the passage.
 */
export const PRICES_CHECKED = '2026-12-02';

export const DEFAULT_PRICING: Record<string, ModelPrice> = {
  'gpt-5.5': { input: 5, cachedInput: 0.5, output: 30, priority: { input: 12.5, cachedInput: 1.25, output: 75 } },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15, priority: { input: 5, cachedInput: 0.5, output: 30 } },
  'gpt-5.4-mini': {
    input: 0.75,
    cachedInput: 0.075,
    output: 4.5,
    priority: { input: 1.5, cachedInput: 0.15, output: 9 },
  },
  'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4o-mini-tts': { input: 0.6, output: 12 },
  'gpt-realtime-2.1-mini': { input: 0.6, cachedInput: 0.06, output: 20 },
  'gpt-image-2': { input: 5, cachedInput: 1.25, output: 30 },
};

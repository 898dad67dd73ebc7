import { z } from 'astro/zod';

/** Options of the validation pipeline (`validation` in aigc()). */
export const ValidationOptionsSchema = z.strictObject({
  /** Repair rounds a failing page gets before it fails (or is published as a draft). */
  repairRounds: z
    .number()
    .int()
    .nonnegative()
    .default(2)
    .describe('Repair rounds a failing page gets before it fails (or is published as a draft)'),
  /** `strict`: a page that still fails stops the build. `draft`: it is published marked as a draft. */
  onFailure: z
    .enum(['strict', 'draft'])
    .default('strict')
    .describe('`strict`: a page that still fails stops the build. `draft`: it is published marked as a draft'),
  /** Per-rule severity overrides, by rule id; `off` disables a rule. */
  rules: z
    .record(z.string(), z.enum(['error', 'warning', 'off']))
    .default({})
    .describe('Per-rule severity overrides, by rule id; `off` disables a rule'),
  /** Hosts whose external links are allowed without a finding. */
  allowedHosts: z.array(z.string()).default([]).describe('Hosts whose external links are allowed without a finding'),
});

export type ValidationOptions = z.output<typeof ValidationOptionsSchema>;

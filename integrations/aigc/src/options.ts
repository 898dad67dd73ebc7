import { z } from 'zod';
import { ValidationOptionsSchema } from './validate/options.ts';

/**
 * Default model ids, in one place. OpenAI retires models often (gpt-image-1 shut down
 * 2026-10-23; gpt-5 and gpt-5-mini shut down 2026-12-11; the audio.speech models are
 * announced for 2027-01-06), so changing a default is a one-line change here, and every
 * id is also an option.
 */
export const DEFAULT_MODELS = {
  text: 'gpt-5.4-mini',
  image: 'gpt-image-2',
  speech: 'gpt-4o-mini-tts',
} as const;

const providerChoice = z.enum(['auto', 'openai', 'offline']);

/** Price per million tokens in US dollars, used for the budget and the lock's cost field. */
const priceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
});

export const AigcOptionsSchema = z.strictObject({
  /** Folder of outlines, one sub-folder per collection. */
  outlines: z.string().default('content/outlines'),
  /** Folder the integration writes generated Markdown and assets into (commit it). */
  output: z.string().default('content/generated'),
  /** The lock file: one entry per generated artifact. */
  lock: z.string().default('aigc.lock'),
  /** Cache of intermediate results that are cheap to keep and costly to remake (audio segments). */
  cacheDir: z.string().default('node_modules/.aigc'),
  /** The site's name, shown on social cards and in feeds. */
  siteName: z.string().min(1).default('astro-aigc'),
  /** Default language of outlines without `lang`. */
  lang: z.string().default('en'),
  /** Narrate pages whose outline does not say. */
  narration: z.boolean().default(true),
  /** Draw a cover for pages whose outline does not say. */
  covers: z.boolean().default(true),
  text: z
    .strictObject({
      provider: providerChoice.default('auto'),
      model: z.string().min(1).default(DEFAULT_MODELS.text),
      temperature: z.number().min(0).max(2).optional(),
      maxOutputTokens: z.number().int().positive().default(8000),
    })
    .prefault({}),
  image: z
    .strictObject({
      provider: providerChoice.default('auto'),
      model: z.string().min(1).default(DEFAULT_MODELS.image),
      size: z.string().regex(/^\d+x\d+$/, 'a size such as "1536x1024"').default('1536x1024'),
      quality: z.enum(['low', 'medium', 'high', 'auto']).default('medium'),
      format: z.enum(['png', 'webp', 'jpeg']).default('webp'),
    })
    .prefault({}),
  speech: z
    .strictObject({
      provider: providerChoice.default('auto'),
      model: z.string().min(1).default(DEFAULT_MODELS.speech),
      voice: z.string().min(1).default('marin'),
      instructions: z.string().default('Read calmly and clearly, like a narrator of a technical article.'),
    })
    .prefault({}),
  limits: z
    .strictObject({
      /** Jobs running at once across all providers. */
      concurrency: z.number().int().positive().default(4),
      /** Requests per minute per provider (0 = unlimited). */
      requestsPerMinute: z.number().int().nonnegative().default(60),
      /** Tokens per minute per provider (0 = unlimited). */
      tokensPerMinute: z.number().int().nonnegative().default(200_000),
      /** Retries of a failed request after the first try. */
      maxRetries: z.number().int().nonnegative().default(4),
      /** Longest wait for one retry, in seconds; a longer Retry-After fails the job with a clear error. */
      maxRetryDelaySeconds: z.number().positive().default(300),
      /** Give up on a request that sends nothing for this long, in seconds. */
      requestTimeoutSeconds: z.number().positive().default(600),
    })
    .prefault({}),
  validation: ValidationOptionsSchema.prefault({}),
  /** Stop starting new jobs before the run would spend more than this, in US dollars. */
  budget: z.number().nonnegative().optional(),
  /** Prices per million tokens by model id; unknown models count as free (and say so). */
  pricing: z.record(z.string(), priceSchema).default({}),
  /** Fail if anything would need generating (for CI). Also set by `AIGC_FROZEN=1`. */
  frozen: z.boolean().default(false),
  /** What to do with an outline error or a failed job: fail the build, or warn and build the rest. */
  onError: z.enum(['fail', 'warn']).default('fail'),
});

/** The options of `aigc()` as you write them: every field optional (see the README's options table). */
export type AigcUserOptions = z.input<typeof AigcOptionsSchema>;
/** The options after parsing, every default filled in: what the engine and generators read. */
export type AigcOptions = z.output<typeof AigcOptionsSchema>;

/** Prices for a few common models, per million tokens (USD); options.pricing overrides. */
export const DEFAULT_PRICING: Record<string, { input: number; output: number }> = {
  'gpt-5.4-mini': { input: 0.25, output: 2 },
  'gpt-5.4': { input: 1.25, output: 10 },
  'gpt-5.5': { input: 1.5, output: 12 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4o-mini-tts': { input: 0.6, output: 12 },
  'gpt-image-2': { input: 5, output: 40 },
};

/** Parse user options, turning zod issues into one message per problem with the fix. */
export function parseOptions(input: unknown): AigcOptions {
  const result = AigcOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(options)';
    if (issue.code === 'unrecognized_keys') {
      return `- ${path}: unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `- ${path}: ${issue.message}`;
  });
  throw new AigcOptionsError(`Invalid astro-aigc options:\n${lines.join('\n')}\nSee the options table in the README.`);
}

export class AigcOptionsError extends Error {
  override name = 'AigcOptionsError';
}

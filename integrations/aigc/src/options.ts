import { z } from 'astro/zod';
import { AstroError } from 'astro/errors';
import { describeIssues, type IssueLine } from './utils/zod-issues.ts';
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
  /** The speech default from `SPEECH_DEFAULT_SWITCH` on, spoken over the Realtime API. */
  realtimeSpeech: 'gpt-realtime-2.1-mini',
} as const;

/** The day every `audio.speech` model of OpenAI (tts-1, tts-1-hd, gpt-4o-mini-tts) shuts down. */
export const SPEECH_DEFAULT_SWITCH = '2027-01-06';

/**
 * The speech model when `speech.model` is unset: decided by the run's date (UTC), so a site
 * on the defaults keeps narrating across the shutdown with no change. Pass `today` to test.
 */
export function defaultSpeechModel(today: Date = new Date()): string {
  return today.toISOString().slice(0, 10) >= SPEECH_DEFAULT_SWITCH
    ? DEFAULT_MODELS.realtimeSpeech
    : DEFAULT_MODELS.speech;
}

const providerChoice = z
  .enum(['auto', 'openai', 'offline'])
  .default('auto')
  .describe(
    '`openai` (needs `OPENAI_API_KEY`; honours `OPENAI_BASE_URL`), `offline` (embedded, no key), or `auto`: openai when a key is set, else offline',
  );

/** Price per million tokens in US dollars, used for the budget and the lock's cost field. */
const priceSchema = z.strictObject({
  /** US dollars per million input tokens. */
  input: z.number().nonnegative().describe('US dollars per million input tokens'),
  /** US dollars per million output tokens. */
  output: z.number().nonnegative().describe('US dollars per million output tokens'),
  /** US dollars per million cached input tokens (prompt cache hits); unset: the input price. */
  cachedInput: z
    .number()
    .nonnegative()
    .optional()
    .describe('US dollars per million cached input tokens; unset: the input price'),
});

/**
 * One capability's rate limits, where its model's differ from the shared ones (OpenAI sets
 * them per model: an image model's are not a text model's). The run stays 10% under each.
 */
function capabilityLimits(capability: 'text' | 'image' | 'speech') {
  return z
    .strictObject({
      /** Requests per minute for this capability (0 = unlimited); unset: `limits.requestsPerMinute`. */
      requestsPerMinute: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('Requests per minute for this capability (0 = unlimited); unset: `limits.requestsPerMinute`.'),
      /** Tokens per minute for this capability (0 = unlimited); unset: `limits.tokensPerMinute`. */
      tokensPerMinute: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('Tokens per minute for this capability (0 = unlimited); unset: `limits.tokensPerMinute`.'),
    })
    .prefault({})
    .describe(`The ${capability} model's own rate limits, where they differ from the shared ones`);
}

/**
 * The options of `aigc()`. Every field has a one-line description (`.describe()`, also the
 * JSDoc your editor shows) and a default, so `aigc()` alone builds a site offline; the README's
 * options table is generated from this schema (`node scripts/options-table.ts`).
 */
export const AigcOptionsSchema = z.strictObject({
  /** Folder of outlines, one sub-folder per collection. */
  outlines: z.string().min(1).default('content/outlines').describe('Folder of outlines, one sub-folder per collection'),
  /** Folder the integration writes generated Markdown and assets into (commit it). */
  output: z
    .string()
    .min(1)
    .default('content/generated')
    .describe('Folder the integration writes generated Markdown and assets into (commit it)'),
  /** The lock file: one entry per generated artifact (commit it). */
  lock: z.string().min(1).default('aigc.lock').describe('The lock file: one entry per generated artifact (commit it)'),
  /** Cache of intermediate results that are cheap to keep and costly to remake (audio segments). */
  cacheDir: z
    .string()
    .min(1)
    .default('node_modules/.aigc')
    .describe('Cache of intermediate results that are cheap to keep and costly to remake (audio segments)'),
  /** House style file (YAML): terms, reading age, voice, heading case, spelling, CJK typography; checked on every generated page. */
  style: z
    .string()
    .min(1)
    .default('content/style.yml')
    .describe('House style file (YAML) every generated page is checked against; no file, no style checks'),
  /** The site's name, shown on social cards and in feeds. */
  siteName: z.string().min(1).default('astro-aigc').describe("The site's name, shown on social cards and in feeds"),
  /** Default language (BCP 47) of outlines without `lang`. */
  lang: z.string().min(1).default('en').describe('Default language (BCP 47) of outlines without `lang`'),
  /** Narrate pages whose outline does not say (`narration:` in the outline wins). */
  narration: z
    .boolean()
    .default(true)
    .describe('Narrate pages whose outline does not say (`narration:` in the outline wins)'),
  /** Make a captioned video of narrated pages whose outline does not say (`video:` in the outline wins); needs @libav.js/variant-webm-vp9. */
  video: z
    .boolean()
    .default(false)
    .describe(
      'Make a captioned video of narrated pages whose outline does not say (`video:` in the outline wins); needs `@libav.js/variant-webm-vp9`',
    ),
  /** Draw a cover for pages whose outline does not say (`cover:` in the outline wins). */
  covers: z
    .boolean()
    .default(true)
    .describe('Draw a cover for pages whose outline does not say (`cover:` in the outline wins)'),
  /** Text generation: articles, guides, diagrams' DOT, translations, repairs. */
  text: z
    .strictObject({
      /** Which service writes: `auto`, `openai` or `offline`. */
      provider: providerChoice,
      /** Model id for text. */
      model: z.string().min(1).default(DEFAULT_MODELS.text).describe('Model id for text'),
      /** Sampling temperature, 0–2; unset: the model's own default. */
      temperature: z
        .number()
        .min(0)
        .max(2)
        .optional()
        .describe("Sampling temperature, 0–2; unset: the model's own default"),
      /** Most tokens one answer may use; a page cut off at this limit fails its check. */
      maxOutputTokens: z
        .number()
        .int()
        .positive()
        .default(8000)
        .describe('Most tokens one answer may use; a page cut off at this limit fails its check'),
      /** OpenAI's `service_tier`: `flex` costs half and may be slower, `priority` costs more; unset: not sent. */
      serviceTier: z
        .enum(['auto', 'flex', 'default', 'priority'])
        .optional()
        .describe(
          "Sent as `service_tier`: `flex` is half price and may be slower, `priority` costs more; unset: not sent (the project's default)",
        ),
    })
    .prefault({})
    .describe("Text generation: articles, guides, diagrams' DOT, translations, repairs"),
  /** Image generation: covers and figures. */
  image: z
    .strictObject({
      /** Which service draws: `auto`, `openai` or `offline`. */
      provider: providerChoice,
      /** Model id for images. */
      model: z.string().min(1).default(DEFAULT_MODELS.image).describe('Model id for images'),
      /** Size asked of the model, `WIDTHxHEIGHT`. */
      size: z
        .string()
        .regex(/^\d+x\d+$/, 'expected a size such as "1536x1024"')
        .default('1536x1024')
        .describe('Size asked of the model, `WIDTHxHEIGHT`'),
      /** Quality asked of the model. */
      quality: z.enum(['low', 'medium', 'high', 'auto']).default('medium').describe('Quality asked of the model'),
      /** File format of generated rasters. */
      format: z.enum(['png', 'webp', 'jpeg']).default('webp').describe('File format of generated rasters'),
    })
    .prefault({})
    .describe('Image generation: covers and figures'),
  /** Speech generation: narration. */
  speech: z
    .strictObject({
      /** Which service speaks: `auto`, `openai` or `offline` (eSpeak NG). */
      provider: providerChoice,
      /**
       * Model id for speech. A Realtime model (`gpt-realtime*`) speaks over the Realtime API,
       * others over `audio.speech`. Unset: `gpt-4o-mini-tts`; on OpenAI's own API, the default
       * of the run's date (`defaultSpeechModel`).
       */
      model: z
        .string()
        .min(1)
        .optional()
        .describe(
          `Model id for speech; a Realtime model (\`gpt-realtime*\`) speaks over the Realtime API, others over \`audio.speech\`. Unset: \`${DEFAULT_MODELS.speech}\`; on OpenAI's own API \`${DEFAULT_MODELS.realtimeSpeech}\` from ${SPEECH_DEFAULT_SWITCH}`,
        ),
      /** Voice name of the speech model (the offline engine picks one per language). */
      voice: z
        .string()
        .min(1)
        .default('marin')
        .describe('Voice name of the speech model (the offline engine picks one per language)'),
      /**
       * A voice per language, by BCP 47 tag or primary subtag: `{ en: 'marin', 'zh-CN': 'alloy' }`.
       * Offline, an eSpeak NG voice (`gmw/en-GB-x-rp`, `sit/cmn`); a name it does not know
       * falls back to its voice for the language, with a warning. Unlisted languages use `voice`.
       */
      voices: z
        .record(z.string(), z.string().min(1))
        .default({})
        .describe('A voice per language, e.g. { en: "marin", "zh-CN": "alloy" }; offline, eSpeak NG voice ids'),
      /** How to read, for models that take instructions. */
      instructions: z
        .string()
        .default('Read calmly and clearly, like a narrator of a technical article.')
        .describe('How to read, for models that take instructions'),
      /** Realtime models: the largest normalised distance (0–1) between the spoken transcript and the text before a segment is re-asked, then failed. */
      maxTranscriptDistance: z
        .number()
        .min(0)
        .max(1)
        .default(0.15)
        .describe(
          "Realtime models: largest edit distance (0–1, share of words or characters) between the voice's transcript and the text; a segment over it is asked again, then fails",
        ),
    })
    .prefault({})
    .describe('Speech generation: narration'),
  /** Concurrency, rate limits, retries and timeouts of provider calls. */
  limits: z
    .strictObject({
      /** Jobs running at once across all providers. */
      concurrency: z.number().int().positive().default(4).describe('Jobs running at once across all providers'),
      /** The server's requests per minute, for each capability of a provider (0 = unlimited); the run stays 10% under. */
      requestsPerMinute: z
        .number()
        .int()
        .nonnegative()
        .default(60)
        .describe(
          "The server's requests per minute, for each capability (text, image, speech) of a provider (0 = unlimited); the run stays 10% under",
        ),
      /** The server's tokens per minute, for each capability of a provider (0 = unlimited); the run stays 10% under. */
      tokensPerMinute: z
        .number()
        .int()
        .nonnegative()
        .default(200_000)
        .describe(
          "The server's tokens per minute, for each capability (text, image, speech) of a provider (0 = unlimited); the run stays 10% under",
        ),
      /** Text requests' own limits (unset: the ones above). */
      text: capabilityLimits('text'),
      /** Image requests' own limits (unset: the ones above). */
      image: capabilityLimits('image'),
      /** Speech requests' own limits (unset: the ones above). */
      speech: capabilityLimits('speech'),
      /** Retries of a failed request after the first try. */
      maxRetries: z.number().int().nonnegative().default(4).describe('Retries of a failed request after the first try'),
      /** Longest wait for one retry, in seconds; a longer Retry-After fails the job with a clear error. */
      maxRetryDelaySeconds: z
        .number()
        .positive()
        .default(300)
        .describe('Longest wait for one retry, in seconds; a longer Retry-After fails the job with a clear error'),
      /** Give up on a request that sends nothing for this long, in seconds. */
      requestTimeoutSeconds: z
        .number()
        .positive()
        .default(600)
        .describe('Give up on a request that sends nothing for this long, in seconds'),
    })
    .prefault({})
    .describe('Concurrency, rate limits, retries and timeouts of provider calls'),
  /** Checks every generated page passes, and what happens when one fails. */
  validation: ValidationOptionsSchema.prefault({}).describe(
    'Checks every generated page passes, and what happens when one fails',
  ),
  /** Routes the integration adds to the site; switch one off to serve your own at that path. */
  routes: z
    .strictObject({
      /** `/rss.xml`: every page, newest first, narrations as enclosures. */
      rss: z.boolean().default(true).describe('`/rss.xml`: every page, newest first, narrations as enclosures'),
      /** `/podcast.xml` and `/podcast.png`: the narrations as a podcast feed with its artwork. */
      podcast: z
        .boolean()
        .default(true)
        .describe('`/podcast.xml` and `/podcast.png`: the narrations as a podcast feed with its artwork'),
      /** `/llms.txt` and `/llms-full.txt` (llmstxt.org). */
      llms: z.boolean().default(true).describe('`/llms.txt` and `/llms-full.txt` (llmstxt.org)'),
      /** `/<collection>/<id>.md`: a Markdown copy of each page. */
      markdown: z.boolean().default(true).describe('`/<collection>/<id>.md`: a Markdown copy of each page'),
      /** `/ai-disclosure`: every generated artifact with its provider, model and date. */
      disclosure: z
        .boolean()
        .default(true)
        .describe('`/ai-disclosure`: every generated artifact with its provider, model and date'),
      /** `/_aigc/…`: the generated files (covers, figures, narration, captions, cards); off only if you serve the output folder yourself. */
      assets: z
        .boolean()
        .default(true)
        .describe(
          '`/_aigc/…`: the generated files (covers, figures, narration, captions, cards); off only if you serve the output folder yourself',
        ),
    })
    .prefault({})
    .describe('Routes the integration adds to the site; switch one off to serve your own at that path'),
  /** Stop starting new jobs before the run would spend more than this, in US dollars; unset: no limit. */
  budget: z
    .number()
    .nonnegative()
    .optional()
    .describe('Stop starting new jobs before the run would spend more than this, in US dollars; unset: no limit'),
  /** Prices per million tokens by model id, over the built-in table; unknown models count as free (and say so). */
  pricing: z
    .record(z.string(), priceSchema)
    .default({})
    .describe(
      'Prices per million tokens by model id, over the built-in table; unknown models count as free (and say so)',
    ),
  /** Fail if anything would need generating (for CI). Also set by `AIGC_FROZEN=1`. */
  frozen: z
    .boolean()
    .default(false)
    .describe('Fail if anything would need generating (for CI). Also set by `AIGC_FROZEN=1`'),
  /** What to do with an outline error or a failed job: fail the build, or warn and build the rest. */
  onError: z
    .enum(['fail', 'warn'])
    .default('fail')
    .describe('What to do with an outline error or a failed job: fail the build, or warn and build the rest'),
});

/** The options of `aigc()` as you write them: every field optional (see the README's options table). */
export type AigcUserOptions = z.input<typeof AigcOptionsSchema>;
/** The options after parsing, every default filled in: what the engine and generators read. */
export type AigcOptions = z.output<typeof AigcOptionsSchema>;

/** Prices for a few common models, per million tokens (USD), with the date they were checked; options.pricing overrides. */
export { DEFAULT_PRICING, PRICES_CHECKED } from './pricing-table.ts';

/**
 * Parse user options. Every problem is reported at once, in one {@link AigcOptionsError}:
 * its path, what is wrong, and "did you mean" for a likely typo.
 */
export function parseOptions(input: unknown): AigcOptions {
  const result = AigcOptionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  throw new AigcOptionsError(describeIssues(AigcOptionsSchema, result.error.issues));
}

/**
 * Invalid `aigc()` options: one error listing every problem. An `AstroError`, so Astro prints
 * it with its hint; without a stack trace, since the mistake is in the user's config, not here.
 */
export class AigcOptionsError extends AstroError {
  override name = 'AigcOptionsError';
  /** Each problem: dotted path of the option (empty for the top level) and what to do. */
  readonly problems: readonly IssueLine[];

  constructor(problems: readonly IssueLine[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `- ${p.path ? `\`${p.path}\`: ` : ''}${p.message}`);
    super(
      `Invalid astro-aigc options (${count}):\n${lines.join('\n')}`,
      'Fix them in aigc({ … }) in your Astro config. Every option, its default and its meaning: the options table in the astro-aigc README.',
    );
    this.problems = problems;
    // Astro prints an error's stack under it; for a typo in the user's config it points only into this package.
    this.stack = '';
  }
}

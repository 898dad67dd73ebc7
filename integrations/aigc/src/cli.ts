/**
 * The `aigc` command: generate · status · clean. Reads the aigc() options from the
 * project's Astro config, so the CLI and `astro build` always agree.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { clean, diff, generate, status, type GenerateResult } from './api.ts';
import type { Logger } from './engine/types.ts';
import { FrozenError } from './engine/run.ts';
import { parseOptions, type AigcOptions } from './options.ts';
import { formatDiff, formatStatus } from './cli/format.ts';
import { describeBatch } from './engine/batch.ts';
import { reviewCommand, reviewsByPath, unreviewedMessage } from './cli/review.ts';
import { ReviewError } from './review.ts';
import { collectionBaseOf } from './outline/route.ts';

const USAGE = `Usage: aigc <command> [options]

Commands:
  generate   Generate what is new or stale (cache-first against aigc.lock)
  status     Show each artifact as new / fresh / stale / edited, and the estimated cost of what is pending
  diff       Say why each artifact that is not fresh would change: which input, model or dependency
  clean      Remove generated files that no outline produces any more
  review     Record that a person reviewed these pages (paths of generated pages or outlines, or --all)

Options:
  --root <dir>       Project root (default: current folder)
  --config <file>    Astro config to read aigc() options from (default: astro.config.{mjs,ts,js})
  --dry-run          generate/clean: print what would happen; call and delete nothing
  --frozen           generate: fail if anything would need generating (for CI)
  --force <path>     generate: regenerate this output even if fresh or edited (repeatable; "all" for everything)
  --budget <usd>     generate: stop starting new work before spending more than this
  --batch            generate: submit new text and image requests as Batches (half price, within
                     24 h) and return; run it again (or status) later to collect and write them
  --only <outline>   generate: only the jobs of this outline file (repeatable)
  --provider <id>    auto | openai | offline for every capability. Without a key, auto keeps
                     model-made output as it is; --provider offline replaces it with offline drafts
  --json             status, diff: machine-readable output
  --require-reviewed generate: fail listing generated pages nobody reviewed (or edited since review)
  --by <name>        review: who reviewed (default: git config user.name)
  --all              review: every generated page
  -h, --help         Show this help
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        config: { type: 'string' },
        'dry-run': { type: 'boolean' },
        frozen: { type: 'boolean' },
        force: { type: 'string', multiple: true },
        budget: { type: 'string' },
        batch: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        provider: { type: 'string' },
        json: { type: 'boolean' },
        'require-reviewed': { type: 'boolean' },
        by: { type: 'string' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`aigc: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const root = resolve(values.root ?? process.cwd());
  const logger = consoleLogger();
  try {
    const { options, collectionBase } = await loadProject(root, values.config);
    const provider = values.provider;
    if (provider !== undefined && !isProviderChoice(provider))
      throw new UsageError(`--provider takes auto, openai or offline (got "${provider}")`);
    const chosen = provider === undefined ? {} : { provider };
    switch (command) {
      case 'generate': {
        const budget = values.budget === undefined ? undefined : Number(values.budget);
        if (budget !== undefined && !(budget >= 0))
          throw new UsageError(`--budget takes an amount in US dollars, e.g. --budget 2.50 (got "${values.budget}")`);
        const force = values.force?.includes('all') ? 'all' : new Set(values.force ?? []);
        const result = await generate({
          root,
          options,
          collectionBase,
          logger,
          env,
          ...chosen,
          dryRun: values['dry-run'] ?? false,
          frozen: values.frozen ?? false,
          batch: values.batch ?? false,
          force,
          ...(budget === undefined ? {} : { budget }),
          ...(values.only ? { only: values.only } : {}),
        });
        if (values['dry-run']) process.stdout.write(formatStatus(result));
        const code = summarise(result, logger);
        const unreviewed = values['require-reviewed']
          ? unreviewedMessage(await reviewsByPath(root, options))
          : undefined;
        if (unreviewed) process.stderr.write(`${unreviewed}\n`);
        return unreviewed ? 1 : code;
      }
      case 'status': {
        const result = await status({ root, options, collectionBase, logger: quiet(logger), env, ...chosen });
        for (const summary of result.report.batches ?? []) process.stderr.write(`[aigc] ${describeBatch(summary)}\n`);
        const reviews = await reviewsByPath(root, options);
        const reviewOf = (path: string) => {
          const page = reviews.get(path);
          return page ? { review: page.summary } : {};
        };
        process.stdout.write(
          values.json
            ? `${JSON.stringify(
                result.report.outcomes.map(({ error, ...o }) => ({
                  ...o,
                  ...(error ? { error: error.message } : {}),
                  ...reviewOf(o.path),
                })),
                null,
                2,
              )}\n`
            : formatStatus(result, reviews),
        );
        for (const error of result.outlineErrors) logger.error(error.message);
        return result.outlineErrors.length > 0 ? 1 : 0;
      }
      case 'diff': {
        const entries = await diff({ root, options, collectionBase, logger: quiet(logger), env, ...chosen });
        process.stdout.write(values.json ? `${JSON.stringify(entries, null, 2)}\n` : formatDiff(entries));
        return 0;
      }
      case 'clean': {
        const result = await clean({
          root,
          options,
          collectionBase,
          env,
          ...chosen,
          dryRun: values['dry-run'] ?? false,
          force: values.force?.includes('all') ?? false,
        });
        for (const path of result.removed)
          process.stdout.write(`${values['dry-run'] ? 'would remove' : 'removed'} ${path}\n`);
        for (const path of result.keptEdited)
          process.stdout.write(`kept ${path} (edited by hand; --force all to remove)\n`);
        if (result.removed.length === 0 && result.keptEdited.length === 0) process.stdout.write('nothing to clean\n');
        return 0;
      }
      case 'review':
        return await reviewCommand(root, options, positionals.slice(1), {
          all: values.all ?? false,
          by: values.by,
          cwd: process.cwd(),
        });
      default:
        throw new UsageError(`unknown command "${command}". Commands: generate, status, diff, clean, review.`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReviewError) {
      process.stderr.write(`aigc: ${error.message}\n`);
      return 2;
    }
    if (error instanceof FrozenError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // An AstroError (bad aigc() options in the config) carries the fix as its hint.
    const hint = (error as { hint?: unknown }).hint;
    process.stderr.write(`aigc: ${(error as Error).message}\n${typeof hint === 'string' ? `${hint}\n` : ''}`);
    return 1;
  }
}

class UsageError extends Error {}

function isProviderChoice(value: string): value is 'auto' | 'openai' | 'offline' {
  return value === 'auto' || value === 'openai' || value === 'offline';
}

function summarise(result: GenerateResult, logger: Logger): number {
  const { report, outlineErrors } = result;
  for (const error of outlineErrors) logger.error(error.message);
  const count = (action: string) => report.outcomes.filter((o) => o.action === action).length;
  logger.info(
    `${count('generated')} generated, ${count('reused')} reused, ${count('kept-unavailable') > 0 ? `${count('kept-unavailable')} kept (provider unavailable), ` : ''}${count('kept-edit')} edited by hand, ${count('planned')} pending, ${count('declined') > 0 ? `${count('declined')} not made yet, ` : ''}${count('batched') > 0 ? `${count('batched')} in batches, ` : ''}${report.failed.length} failed · ${report.calls} calls (${report.retries} retries) · ${report.usage.inputTokens + report.usage.outputTokens} tokens${report.usage.cachedInputTokens ? ` (${report.usage.cachedInputTokens} cached)` : ''} · $${report.costUsd.toFixed(4)}`,
  );
  return outlineErrors.length > 0 || report.failed.length > 0 ? 1 : 0;
}

/** The aigc() options from the project's Astro config (or the defaults when it has none). */
export async function loadOptions(root: string, configFile?: string): Promise<AigcOptions> {
  return (await loadProject(root, configFile)).options;
}

/** The aigc() options and where the site serves its collections (Starlight: `docs` at `/`), from the Astro config. */
export async function loadProject(
  root: string,
  configFile?: string,
): Promise<{ options: AigcOptions; collectionBase: Record<string, string> }> {
  const candidates = configFile
    ? [resolve(root, configFile)]
    : ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts'].map((f) => resolve(root, f));
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    if (configFile) throw new UsageError(`no such config file: ${configFile}`);
    return { options: parseOptions({}), collectionBase: {} };
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: { integrations?: unknown[] } };
  const integrations = (module.default?.integrations ?? []).flat(Infinity) as {
    name?: string;
    aigcOptions?: AigcOptions;
  }[];
  const ours = integrations.find((i) => i?.name === 'astro-aigc');
  if (!ours?.aigcOptions) {
    throw new UsageError(
      `${file} does not use the astro-aigc integration. Add aigc() to its integrations, or pass --config.`,
    );
  }
  return { options: ours.aigcOptions, collectionBase: collectionBaseOf(integrations) };
}

function consoleLogger(): Logger {
  const verbose = process.env.AIGC_DEBUG === '1';
  return {
    info: (m) => process.stderr.write(`[aigc] ${m}\n`),
    warn: (m) => process.stderr.write(`[aigc] warning: ${m}\n`),
    error: (m) => process.stderr.write(`[aigc] error: ${m}\n`),
    debug: (m) => {
      if (verbose) process.stderr.write(`[aigc] ${m}\n`);
    },
  };
}

function quiet(logger: Logger): Logger {
  return { ...logger, info: () => {}, debug: () => {}, warn: () => {} };
}

import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from './engine/types.ts';
import { parseOptions, type AigcOptions, type AigcUserOptions } from './options.ts';
import { ASSET_BASE } from './site/assets.ts';
import { addRenderPlugins } from './site/render/processor.ts';
import { injectSiteRoutes } from './site/inject-routes.ts';
import { onBuildDone } from './site/build-done.ts';
import { assetMiddleware } from './site/static-assets.ts';
import { missingSiteSettings } from './site/missing-settings.ts';
import { collectionBaseOf } from './site/page-url.ts';
import { setAsideOutput } from './site/set-aside-output.ts';
import { addSitemap } from './site/sitemap.ts';
import { videoSitemap } from './site/video-sitemap.ts';
import { virtualConfigPlugin } from './site/virtual-config.ts';
import { virtualImagesPlugin } from './site/virtual-images.ts';
import { recordReads } from './utils/read-ledger.ts';
import {
  stampBuild,
  summarise,
  unchangedSinceLastBuild,
  type BuildSummary,
  type WarmBuildSettings,
} from './warm-build.ts';

export type { AigcOptions, AigcUserOptions } from './options.ts';
export { aigcLoader, type AigcLoader, type AigcLoaderOptions } from './site/loader.ts';
export {
  alternatesOf,
  collectionUrl,
  originalOf,
  pagePath,
  pageUrl,
  translationOf,
  versionsOf,
  type Alternate,
  type PageRef,
  type PageUrlOptions,
} from './site/page-url.ts';
export {
  assetOf,
  coverProps,
  socialMetaProps,
  type CoverProps,
  type PageLike,
  type SocialMetaProps,
} from './site/components/entry-props.ts';
export type {
  GeneratedPage,
  ImageMeta,
  NarrationMeta,
  PageAsset,
  PageAssetOf,
  ReferenceMeta,
  VideoMeta,
} from './site/schema.ts';

/** The integration, with its parsed options attached so the `aigc` CLI can read them from the Astro config. */
export type AigcIntegration = AstroIntegration & { readonly aigcOptions: AigcOptions };

/**
 * astro-aigc: outlines in, a static site out. `astro build` generates what is missing or
 * stale (cache-first, against `aigc.lock`) and then builds; `astro dev` regenerates an
 * edited outline without restarting.
 *
 * @param userOptions - Every option is optional; the README's options table lists them with their defaults.
 * @returns The Astro integration, its parsed options attached as `aigcOptions`.
 * @throws An AstroError listing every problem with the options, each with its fix.
 */
export default function aigc(userOptions: AigcUserOptions = {}): AigcIntegration {
  // Throws one AigcOptionsError (an AstroError) listing every problem with the options.
  const options = parseOptions(userOptions);
  let root = process.cwd();
  // Where each collection is served (Starlight: `docs` at `/`); generated links follow it.
  let collectionBase: Record<string, string> = {};
  let outDir: string | undefined;
  let previousOutput: string | undefined;

  return {
    name: 'astro-aigc',
    aigcOptions: options,
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, injectRoute, logger }) => {
        root = fileURLToPath(config.root);
        collectionBase = collectionBaseOf(config.integrations);
        addRenderPlugins(config, options.output);
        updateConfig({
          vite: {
            plugins: [
              virtualConfigPlugin({
                root,
                output: options.output,
                lock: options.lock,
                cacheDir: options.cacheDir,
                assetBase: ASSET_BASE,
                siteName: options.siteName,
                lang: options.lang,
                routes: options.routes,
                style: options.style,
                ...(Object.keys(collectionBase).length > 0 ? { collectionBase } : {}),
              }),
              virtualImagesPlugin(options.output, ASSET_BASE),
            ],
          },
        });
        injectSiteRoutes(injectRoute, options.routes);
        // Pages with a video get a <video:video> entry (poster, file, duration).
        addSitemap(
          config,
          updateConfig,
          videoSitemap({
            root,
            output: options.output,
            lock: options.lock,
            assetBase: ASSET_BASE,
            siteName: options.siteName,
            lang: options.lang,
            routes: options.routes,
            cacheDir: options.cacheDir,
            ...(Object.keys(collectionBase).length > 0 ? { collectionBase } : {}),
          }),
        );
        if (command !== 'build' && command !== 'dev') return;
        const missing = missingSiteSettings(config.site, userOptions, options);
        if (missing) logger.warn(missing);
        const summary = await generateForBuild({ root, options, env: process.env, collectionBase, command }, logger);
        reportRun(summary, logger, command === 'build' && options.onError === 'fail');
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': async () => {
        // The assets and the search index stay until build:done, which may move them back.
        if (outDir)
          previousOutput = await setAsideOutput(root, outDir, resolve(root, options.cacheDir, 'trash'), [
            ASSET_BASE.slice(1),
            'pagefind',
          ]);
      },
      'astro:build:done': async ({ dir, logger }) => {
        await onBuildDone({ dir, root, options, logger, previousOutput });
        previousOutput = undefined;
      },
      'astro:server:setup': ({ server, logger, refreshContent }) => {
        if (options.routes.assets) server.middlewares.use(assetMiddleware(resolve(root, options.output)));
        // Regenerate an edited outline's jobs in place; the loader's watcher picks up the files.
        const outlinesDir = resolve(root, options.outlines);
        server.watcher.add(outlinesDir);
        let queue = Promise.resolve();
        const onChange = (file: string) => {
          if (!file.startsWith(outlinesDir + sep) || !file.endsWith('.md')) return;
          const outline = relative(root, file).split(sep).join('/');
          queue = queue.then(async () => {
            logger.info(`outline changed: ${outline}`);
            try {
              const { generate } = await loadApi();
              const result = await generate({
                root,
                options,
                logger: toLogger(logger),
                only: [outline],
                collectionBase,
              });
              for (const error of result.outlineErrors) logger.error(error.message);
              reportRun(summarise(result, []), logger, false);
              await refreshContent?.({ loaders: ['astro-aigc'] });
            } catch (error) {
              logger.error((error as Error).message);
            }
          });
        };
        server.watcher.on('change', onChange);
        server.watcher.on('add', onChange);
      },
    },
  };
}

/**
 * The pipeline, loaded when a hook needs it: pages import this module's helpers, and
 * `astro sync`, `check` and `preview` never generate, so none of them should pay for it.
 */
function loadApi(): Promise<typeof import('./api.ts')> {
  return import('./api.ts');
}

function toLogger(logger: AstroIntegrationLogger): Logger {
  return {
    info: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
    error: (m) => logger.error(m),
    debug: (m) => logger.debug(m),
  };
}

/**
 * Generate what the build needs: nothing at all when no file the last clean build read has
 * changed since (warm-build.ts), else the whole pipeline, noting what it reads for next time.
 */
async function generateForBuild(
  settings: WarmBuildSettings,
  astroLogger: AstroIntegrationLogger,
): Promise<BuildSummary> {
  const unchanged = unchangedSinceLastBuild(settings);
  if (unchanged) {
    for (const warning of unchanged.warnings) astroLogger.warn(warning);
    return { ...unchanged, unchangedSinceLastBuild: true };
  }
  const warnings: string[] = [];
  const logger = toLogger(astroLogger);
  const { generate } = await loadApi();
  const { result, ledger } = await recordReads(() =>
    generate({
      root: settings.root,
      options: settings.options,
      env: settings.env,
      collectionBase: settings.collectionBase,
      logger: {
        ...logger,
        warn: (message) => {
          warnings.push(message);
          logger.warn(message);
        },
      },
    }),
  );
  for (const error of result.outlineErrors) astroLogger.error(error.message);
  const summary = summarise(result, warnings);
  stampBuild(settings, result, ledger, summary, logger);
  return summary;
}

/** Print the run's status line; fail the build on problems if asked. */
function reportRun(summary: BuildSummary, logger: AstroIntegrationLogger, fail: boolean): void {
  const { generated, reused, kept, edited, failed, calls, costUsd } = summary;
  logger.info(
    `${generated} generated, ${reused} reused, ${kept > 0 ? `${kept} kept (provider unavailable), ` : ''}${edited} edited by hand, ${failed} failed · ${calls} calls · $${costUsd.toFixed(4)}${summary.unchangedSinceLastBuild ? ' (nothing changed since the last build: not planned again)' : ''}`,
  );
  if (fail && failed + summary.outlineErrors > 0) {
    throw new AstroError(
      `astro-aigc: ${summary.outlineErrors} outline error(s) and ${failed} failed artifact(s); see the messages above.`,
      'Fix what the messages above name (an outline at file:line:column, or a provider error), or set onError: "warn" in aigc() to build the rest anyway.',
    );
  }
}

import type { Loader, LoaderContext } from 'astro/loaders';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reviewStanding } from '../engine/review.ts';
import { sha256 } from '../utils/hash.ts';
import type { LockFile } from '../engine/types.ts';
import { splitFrontmatter } from '../generators/frontmatter.ts';
import { assetUrl } from './assets.ts';
import { embedMedia, mediaFromLock } from './embed-media.ts';
import { GeneratedPageSchema, PAGE_ASSET_KINDS } from './schema.ts';
import { listMarkdown } from '../utils/list-files.ts';
import { entriesUnder, siteLock } from './site-model.ts';

/** Bump when what the loader adds to entries changes (Astro keeps its store across plugin changes). */
const LOADER_VERSION = '8';

/** Options of `aigcLoader()`; they must match the integration's when you changed its `output` or `lock`. */
export interface AigcLoaderOptions {
  /** Folder below the output folder to load; defaults to the Astro collection's name. */
  collection?: string;
  /** Output folder of the integration (default `content/generated`). */
  output?: string;
  /** Lock file (default `aigc.lock`). */
  lock?: string;
}

/** The loader, typed with its schema so `getCollection()` entries have typed `data` (assets included). */
export type AigcLoader = Loader & { schema: typeof GeneratedPageSchema };

/**
 * Content loader for generated pages: register it in `src/content.config.ts`, then use
 * `getCollection` as with any content. Entries carry their provenance and their generated
 * assets (cover, figures, narration, card) from the lock.
 */
export function aigcLoader(options: AigcLoaderOptions = {}): AigcLoader {
  return {
    name: 'astro-aigc',
    schema: GeneratedPageSchema,
    load: async (context) => {
      await loadCollection(context, options);
      const root = fileURLPathOf(context.config.root);
      const folder = resolve(root, options.output ?? 'content/generated', options.collection ?? context.collection);
      context.watcher?.add(folder);
      context.watcher?.on('all', async (_event, changed) => {
        if (changed.startsWith(folder) || changed.endsWith(options.lock ?? 'aigc.lock'))
          await loadCollection(context, options);
      });
    },
  };
}

async function loadCollection(context: LoaderContext, options: AigcLoaderOptions): Promise<void> {
  const root = fileURLPathOf(context.config.root);
  const output = options.output ?? 'content/generated';
  const collection = options.collection ?? context.collection;
  const folder = resolve(root, output, collection);
  const lock = await siteLock(resolve(root, options.lock ?? 'aigc.lock'));
  const files = await listMarkdown(folder);
  const seen = new Set<string>();

  for (const file of files) {
    const id = relative(folder, file).split(sep).join('/').replace(/\.md$/, '');
    const projectPath = relative(root, file).split(sep).join('/');
    const text = await readFile(file, 'utf8');
    const entry = lock.artifacts[projectPath];
    const assets = pageAssets(lock, output, projectPath);
    // A review recorded with `aigc review` holds while the file is the one the reviewer read.
    const standing = reviewStanding(entry, sha256(text));
    const review =
      standing.state === 'reviewed' ? { reviewed: true, review: { by: standing.by, at: standing.at } } : {};
    // What the entry is made of, told without parsing: the file, its assets and review, and the
    // outline's stat (its tags and description show on the page). Unchanged: nothing to parse.
    const outlineStamp = entry?.outline ? await statStamp(resolve(root, entry.outline)) : 'no lock entry';
    const digest = context.generateDigest(
      `${LOADER_VERSION}\n${text}\n${outlineStamp}\n${JSON.stringify({ assets, review })}`,
    );
    seen.add(id);
    const existing = context.store.get(id);
    if (existing?.digest === digest && entry) {
      // Unchanged: its images must still be imported for this build. Astro's glob loader calls
      // the store's addAssetImports (not in the public type); without it, setting the entry
      // again (after a delete, so the digest check lets it through) registers them too.
      if (existing.assetImports?.length) {
        const store = context.store as typeof context.store & {
          addAssetImports?: (assets: string[], fileName: string) => void;
        };
        if (store.addAssetImports) store.addAssetImports(existing.assetImports, projectPath);
        else {
          context.store.delete(id);
          context.store.set(existing);
        }
      }
      continue;
    }
    const { data, body } = splitFrontmatter(text);
    const outlineFile = (data.aigc as { outline?: string } | undefined)?.outline;
    // The outline's description belongs to its own page, not to a translation or the symbol
    // pages of a reference (they carry their own).
    const ownPage = outlineFile?.endsWith(`/${collection}/${id}.md`) ?? false;
    const outlineMeta = outlineFile ? await readOutlineMeta(resolve(root, outlineFile), ownPage) : {};
    const merged = { ...data, ...outlineMeta, ...review, assets };
    const parsed = await context.parseData({ id, data: merged, filePath: projectPath });
    // Figures, diagrams and dot blocks become their generated pictures at render time,
    // so the article file itself stays as written (and as a person may have edited it).
    // A translation keeps the source's figure blocks byte for byte, so it shows the source's pictures.
    const mediaPage =
      typeof data.translationOf === 'string'
        ? relative(root, resolve(folder, `${data.translationOf}.md`))
            .split(sep)
            .join('/')
        : projectPath;
    const withMedia = embedMedia(
      body,
      mediaFromLock(entriesUnder(lock, `${mediaPage.replace(/\.md$/, '')}/`), mediaPage, output),
    );
    const rendered = await context.renderMarkdown(withMedia, { fileURL: pathToFileURL(file) });
    // Relative images (raster figures) become imports, so Astro's image pipeline optimises them.
    const assetImports = rendered.metadata?.imagePaths ?? [];
    context.store.set({
      id,
      data: parsed,
      body,
      rendered,
      digest,
      filePath: projectPath,
      ...(assetImports.length > 0 ? { assetImports } : {}),
    });
  }
  for (const id of context.store.keys()) if (!seen.has(id)) context.store.delete(id);
}

/**
 * Metadata the outline owns and may change without regenerating the page, read from the
 * outline as it is now: its tags, and its description for the outline's own page.
 */
async function readOutlineMeta(path: string, ownPage: boolean): Promise<Record<string, unknown>> {
  try {
    const { data } = splitFrontmatter(await readFile(path, 'utf8'));
    const meta: Record<string, unknown> = {};
    if (Array.isArray(data.tags)) meta.tags = data.tags;
    if (typeof data.description === 'string' && ownPage) meta.description = data.description;
    return meta;
  } catch {
    return {};
  }
}

/**
 * The page's assets: lock entries in its asset folder `<page>/` that the current plan makes
 * (superseded ones are left out), with their sidecars. Shaped
 * as `PageAssetSchema` parses them (the loader's schema types `meta` by kind); a kind the site
 * schema does not know (from a newer lock) is left out rather than failing the collection.
 */
function pageAssets(lock: LockFile, output: string, pagePath: string): PageAssetInput[] {
  const folder = `${pagePath.replace(/\.md$/, '')}/`;
  const assets: PageAssetInput[] = [];
  const known = new Set<string>(PAGE_ASSET_KINDS);
  const add = (
    kind: string,
    path: string,
    base: Omit<PageAssetInput, 'kind' | 'path' | 'url' | 'meta'>,
    meta: unknown,
  ) => {
    if (!known.has(kind)) return;
    assets.push({
      kind,
      path,
      url: assetUrl(output, path),
      ...base,
      meta: meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta : {},
    });
  };
  for (const [path, entry] of Object.entries(entriesUnder(lock, folder))) {
    // A file the current plan no longer makes (an offline `.svg` cover after a model's `.webp`) is not shown.
    if (!path.startsWith(folder) || path.endsWith('.md') || entry.supersededBy !== undefined) continue;
    const base = { provider: entry.provider, model: entry.model, generatedAt: entry.generatedAt };
    add(entry.kind, path, base, entry.meta);
    for (const sidecar of entry.sidecars ?? []) {
      if (sidecar.endsWith('.md')) continue; // pages of their own (reference symbols), not assets
      add(`${entry.kind}-sidecar`, sidecar, base, {});
    }
  }
  return assets.sort((a, b) => a.path.localeCompare(b.path));
}

/** An asset before the schema parses it. */
interface PageAssetInput {
  kind: string;
  path: string;
  url: string;
  provider: string;
  model: string;
  generatedAt: string;
  meta: object;
}

/** Size and mtime of a file, or `missing`: enough to tell it changed without reading it. */
async function statStamp(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function fileURLPathOf(url: URL): string {
  return fileURLToPath(url);
}

/**
 * The generated pages as the injected routes see them: read from the output folder and the
 * lock (not from `astro:content`, whose collection names belong to the site).
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { LockFile } from '../../engine/types.ts';
import { splitFrontmatter } from '../../generators/frontmatter.ts';
import { assetUrl } from '../assets.ts';
import { pageUrl } from '../page-url.ts';
import { memoOnDisk } from '../disk-memo.ts';
import { entriesUnder, lockStamp, memoByStamp, siteLock } from '../site-model.ts';
import type { SiteConfig } from '../virtual-config.ts';
import { listMarkdown } from '../../utils/list-files.ts';
import { modelId } from '../../utils/model-id.ts';
import { sha256 } from '../../utils/hash.ts';
import { checkPlainText } from '../../validate/plain-text.ts';
import { sanitizeMarkdown } from '../../validate/sanitize.ts';

function plainText(text: string): string {
  return checkPlainText(text, 'title').text;
}

export interface GeneratedPageFile {
  collection: string;
  /** Id inside the collection (the loader's id): `<slug>` or `<slug>.<lang>`. */
  id: string;
  /** Project-relative path. */
  path: string;
  title: string;
  description: string | undefined;
  kind: string;
  lang: string;
  tags: string[];
  /** The frontmatter says `reviewed: true` (a person's manual override). */
  reviewed: boolean;
  /** sha256 of the file as it is: a review recorded in the lock holds while it matches. */
  hash: string;
  draft: boolean;
  translationOf: string | undefined;
  provider: string;
  model: string;
  generatedAt: string;
  offlineDraft: boolean;
  body: string;
  /** Public URL of the page (see pageUrl in page-url.ts). */
  url: string;
  /** Public URL of its Markdown copy, `/<collection>/<id>.md`. */
  markdownUrl: string;
  /** Narration audio, when there is one: URL and size in bytes. */
  narration: { url: string; path: string } | undefined;
}

/** Bump when what `readGeneratedPages` derives from the files changes: the page lists kept on disk are remade. */
const PAGES_VERSION = 2;

/**
 * Every generated page, sorted by collection then id. Drafts are included (callers decide).
 * Read once per build and shared by every route (feeds, llms files, Markdown copies, the
 * disclosure page): again only when the lock or a page file changed (size or mtime).
 */
export async function listGeneratedPages(config: SiteConfig): Promise<GeneratedPageFile[]> {
  const outputRoot = resolve(config.root, config.output);
  const lockFile = resolve(config.root, config.lock);
  const files = await listMarkdown(outputRoot);
  const stamps = await Promise.all(
    files.map(async (file) => {
      const s = await stat(file);
      return `${file}:${s.size}:${s.mtimeMs}`;
    }),
  );
  // Only what the list is made from: the feeds' and the sitemap's configs differ in the rest.
  const made = { root: config.root, output: config.output, lock: config.lock, collectionBase: config.collectionBase };
  const stamp = `${JSON.stringify(made)}\n${await lockStamp(lockFile)}\n${stamps.join('\n')}`;
  // Shared by every route of this build, and kept on disk for the next one.
  const cacheFile = resolve(config.root, config.cacheDir ?? 'node_modules/.aigc', 'site/generated-pages.json');
  return memoByStamp('generated-pages', stamp, () =>
    memoOnDisk(cacheFile, `${PAGES_VERSION}\n${stamp}`, () => readGeneratedPages(config, files, lockFile)),
  );
}

async function readGeneratedPages(
  config: SiteConfig,
  files: readonly string[],
  lockFile: string,
): Promise<GeneratedPageFile[]> {
  const outputRoot = resolve(config.root, config.output);
  const lock = await siteLock(lockFile);
  const pages: GeneratedPageFile[] = [];
  for (const file of files) {
    const below = relative(outputRoot, file).split(sep).join('/');
    const slash = below.indexOf('/');
    if (slash === -1) continue;
    const collection = below.slice(0, slash);
    const id = below.slice(slash + 1).replace(/\.md$/, '');
    const path = `${config.output.replace(/\/+$/, '')}/${below}`;
    const text = await readFile(file, 'utf8');
    const { data, body } = splitFrontmatter(text);
    const aigc = (data.aigc ?? {}) as Record<string, unknown>;
    const lang = typeof data.lang === 'string' ? data.lang : 'en';
    const translationOf = typeof data.translationOf === 'string' ? data.translationOf : undefined;
    pages.push({
      collection,
      id,
      path,
      // Read again through the sanitizers: what the routes publish (Markdown copies, llms files,
      // feeds) cannot carry script even from a hand-edited or old generated file.
      title: plainText(String(data.title ?? id)),
      description: typeof data.description === 'string' ? plainText(data.description) : undefined,
      kind: typeof data.kind === 'string' ? data.kind : 'article',
      lang,
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      reviewed: data.reviewed === true,
      hash: sha256(text),
      draft: data.draft === true,
      translationOf,
      provider: String(aigc.provider ?? lock.artifacts[path]?.provider ?? 'unknown'),
      model: modelId(String(aigc.model ?? lock.artifacts[path]?.model ?? 'unknown')),
      generatedAt: String(aigc.generatedAt ?? lock.artifacts[path]?.generatedAt ?? ''),
      offlineDraft: aigc.offlineDraft === true,
      body: sanitizeMarkdown(body).markdown,
      url: pageUrl({ collection, id, data: { lang, translationOf } }, { collectionBase: collectionBaseOf(config) }),
      markdownUrl: `/${collection}/${id}.md`,
      narration: narrationOf(lock, config, path),
    });
  }
  return pages;
}

/**
 * URL prefix per collection when a site does not publish a collection under its name
 * (Starlight serves `docs` at `/`): `collectionBase` in the site config, when set.
 */
function collectionBaseOf(config: SiteConfig): Record<string, string> {
  return config.collectionBase ?? {};
}

function narrationOf(lock: LockFile, config: SiteConfig, pagePath: string): GeneratedPageFile['narration'] {
  const folder = `${pagePath.replace(/\.md$/, '')}/`;
  const found = Object.entries(entriesUnder(lock, folder)).find(
    ([, e]) => e.kind === 'narration' && e.supersededBy === undefined,
  )?.[0];
  return found ? { path: found, url: assetUrl(config.output, found) } : undefined;
}

/** The Markdown copy of a page: title, description and a provenance line, then the body. */
export function markdownCopy(page: GeneratedPageFile): string {
  const label = page.reviewed
    ? 'AI-assisted, reviewed'
    : page.offlineDraft
      ? 'Offline draft (assembled from the outline, no language model)'
      : 'AI-generated';
  const lines = [`# ${page.title}`, ''];
  if (page.description) lines.push(`> ${page.description}`, '');
  lines.push(
    `_${label} · model ${page.model} (${page.provider}) · ${page.generatedAt.slice(0, 10)}_`,
    '',
    page.body.trim(),
    '',
  );
  return lines.join('\n');
}

/** `path` made absolute against the site URL when the site has one. */
export function absolute(path: string, site: URL | undefined): string {
  return site ? new URL(path, site).href : path;
}

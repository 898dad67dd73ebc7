import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Outline } from './outline/types.ts';
import type { SiteIndex } from './validate/context.ts';
import { listMarkdownSync } from './utils/list-files.ts';
import { headingTexts, parseMarkdown } from './utils/markdown.ts';
import { collectionUrl, type PageUrlOptions } from './outline/route.ts';
import { readFileSync } from './utils/read-ledger.ts';
import { sha256 } from './utils/hash.ts';

/** Routes every site using the integration has, whatever its content (the index and injected routes). */
const FIXED_ROUTES = [
  '/',
  '/ai-disclosure/',
  '/rss.xml',
  '/podcast.xml',
  '/llms.txt',
  '/llms-full.txt',
  '/sitemap-index.xml',
];

/**
 * What the site will contain, for the `links` check of generated pages: each outline's route
 * with the anchors of its outline headings, its translations' routes, pages already generated
 * on disk (reference pages, with their headings' anchors), and the injected routes.
 * Built at plan time, so a page may link to a page generated later in the same run.
 */
export function buildSiteIndex(
  outlines: readonly Outline[],
  root: string,
  output: string,
  routesOf: PageUrlOptions = {},
  cacheDir?: string,
): SiteIndex {
  const routes = new Map<string, Set<string>>();
  const add = (route: string, anchors: Iterable<string>) => {
    const set = routes.get(route) ?? new Set<string>();
    for (const anchor of anchors) set.add(anchor);
    routes.set(route, set);
  };
  for (const route of FIXED_ROUTES) add(route, []);
  for (const outline of outlines) {
    const anchors = headingAnchors(outline.sections.map((s) => s.heading));
    add(collectionUrl(outline.collection, outline.slug, routesOf), anchors);
    for (const lang of outline.data.translate)
      add(collectionUrl(outline.collection, outline.slug, { ...routesOf, lang }), []);
  }
  const outputRoot = resolve(root, output);
  const known = new HeadingCache(cacheDir ? resolve(root, cacheDir, 'page-headings.json') : undefined);
  for (const file of listMarkdownSync(outputRoot)) {
    const [collection = '', ...rest] = relative(outputRoot, file).split(sep).join('/').replace(/\.md$/, '').split('/');
    const headings = known.of(readFileSync(file, 'utf8'));
    add(collectionUrl(collection, rest.join('/'), routesOf), headingAnchors(headings));
  }
  known.save();
  return { routes };
}

/**
 * Each page's headings by the hash of its text, kept in `cacheDir` between runs: a run after
 * one edit among a thousand pages parses one page, not a thousand. What is not used this run
 * is dropped on save.
 */
class HeadingCache {
  private readonly file: string | undefined;
  private readonly before: Record<string, string[]> = {};
  private readonly now: Record<string, string[]> = {};
  private changed = false;

  constructor(file: string | undefined) {
    this.file = file;
    if (!file) return;
    try {
      this.before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
    } catch {
      // No cache yet, or an unreadable one: parse every page.
    }
  }

  of(text: string): string[] {
    const key = sha256(text);
    const cached = this.before[key];
    if (Array.isArray(cached)) {
      this.now[key] = cached;
      return cached;
    }
    this.changed = true;
    return (this.now[key] = headingTexts(parseMarkdown(text)));
  }

  save(): void {
    if (!this.file || (!this.changed && Object.keys(this.now).length === Object.keys(this.before).length)) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(this.now));
    } catch {
      // A read-only cache folder only costs time.
    }
  }
}

/** The `id` attributes Astro gives headings of this plain text, in order (duplicates numbered). */
function headingAnchors(headings: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return headings.map((heading) => slugger.slug(heading));
}

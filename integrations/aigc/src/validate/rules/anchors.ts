import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';

/** Anchor slugs of a page's headings, as Astro makes them (github-slugger, numbered duplicates). */
export function headingSlugs(tree: Root): Set<string> {
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  visit(tree, 'heading', (node: Heading) => {
    slugs.add(slugger.slug(toString(node)));
  });
  return slugs;
}

/** Route keys tried for a path: with and without the trailing slash, `index.html`/`.html` dropped. */
export function routeVariants(path: string): string[] {
  let clean = path.replace(/\/index\.html?$/, '/').replace(/\.html?$/, '');
  if (clean === '') clean = '/';
  const bare = clean.length > 1 ? clean.replace(/\/+$/, '') : clean;
  return [...new Set([clean, bare, bare === '/' ? '/' : `${bare}/`])];
}

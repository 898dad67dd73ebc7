import type { Definition, Link, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Rule, ValidationContext } from '../context.ts';
import { report } from '../report.ts';
import { headingSlugs, routeVariants } from './anchors.ts';
import { ASSET_PREFIX, classifyUrl, fileExists, isAllowedHost, localFile } from './urls.ts';

export const RULE_ID = 'links';
export const EXTERNAL_RULE_ID = 'external-links';

/**
 * Internal links and `#anchors` resolve (against this page's headings and, given a site
 * index, every page's); external URLs are reported unless their host is allowed, because
 * models invent plausible URLs.
 */
export const links: Rule = (tree, file, context) => {
  const ownSlugs = headingSlugs(tree);
  visit(tree, (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    checkUrl(node, file, context, ownSlugs);
  });
};

function checkUrl(
  node: Link | Definition,
  file: Parameters<Rule>[1],
  context: ValidationContext,
  ownSlugs: Set<string>,
): void {
  const url = node.url;
  const place = node.position?.start;
  const broken = (reason: string, fix: string) =>
    report(file, { ruleId: RULE_ID, severity: 'error', place, reason, fix });
  switch (classifyUrl(url)) {
    case 'external':
      if (!isAllowedHost(url, context.options.allowedHosts)) {
        report(file, {
          ruleId: EXTERNAL_RULE_ID,
          severity: 'warning',
          place,
          reason: `External link to ${url} is not on the allowed hosts list (models invent URLs)`,
          fix: 'Remove the link (keep the text), or add its host to validation.allowedHosts once a person has checked it.',
        });
      }
      return;
    case 'other-scheme':
      return; // mailto:, tel:; javascript: and data: are the safety rule's
    case 'anchor': {
      const slug = decode(url.slice(1));
      if (slug !== '' && !ownSlugs.has(slug)) {
        broken(
          `Link to #${slug} points at no heading of this page`,
          `Use one of this page's anchors (${
            [...ownSlugs]
              .slice(0, 8)
              .map((s) => `#${s}`)
              .join(', ') || 'none'
          }) or remove the link.`,
        );
      }
      return;
    }
    case 'absolute':
    case 'relative': {
      const [pathPart, fragment] = splitUrl(url);
      if (pathPart === '') return;
      const missingFile = () => {
        const target = localFile(pathPart, context);
        return target !== undefined && !fileExists(target);
      };
      if (pathPart.startsWith(ASSET_PREFIX) || (!pathPart.startsWith('/') && FILE.test(pathPart))) {
        if (missingFile())
          broken(`Link to ${url}: the file does not exist`, 'Link to a file that exists, or remove the link.');
        return;
      }
      const route = resolveRoute(pathPart, context);
      if (route === undefined) {
        broken(`Relative link ${url} cannot be checked`, 'Use a root-relative link such as /collection/page/.');
        return;
      }
      if (!context.site) return; // no site index: other pages cannot be checked here
      const anchors = routeVariants(route)
        .map((key) => context.site!.routes.get(key))
        .find((set) => set !== undefined);
      if (!anchors) {
        // Not a page: it may still be a file the site serves from public/ (a PDF, a feed).
        if (FILE.test(pathPart) && !missingFile()) return;
        broken(
          `Link to ${url}: no page of the site has this route`,
          `Link to an existing page (${[...context.site.routes.keys()].slice(0, 5).join(', ')}…), or remove the link.`,
        );
      } else if (fragment && !anchors.has(decode(fragment))) {
        broken(
          `Link to ${url}: the page has no heading #${decode(fragment)}`,
          `Use one of its anchors (${
            [...anchors]
              .slice(0, 8)
              .map((s) => `#${s}`)
              .join(', ') || 'none'
          }).`,
        );
      }
    }
  }
}

/** A path ending in a file extension other than .html. */
const FILE = /\.(?!html?$)[a-z0-9]{1,5}$/i;

function splitUrl(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  const path = (hash === -1 ? url : url.slice(0, hash)).split('?')[0]!;
  return [path, hash === -1 ? undefined : url.slice(hash + 1)];
}

function resolveRoute(path: string, context: ValidationContext): string | undefined {
  if (path.startsWith('/')) return path;
  if (!context.route) return undefined;
  return new URL(path, `https://site.invalid${context.route}`).pathname;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

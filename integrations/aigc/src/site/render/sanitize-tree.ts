/**
 * Defence in depth for generated pages at render time: whatever is in a generated file — a
 * page written before the checks existed, a hand edit, a sanitizer bug — reaches readers only
 * through this allow-list. The tree is serialised and parsed again as a browser would parse it
 * (so raw HTML split over several nodes, `<script>` … `</script>`, becomes one element), then
 * cut down with hast-util-sanitize (GitHub's schema plus the tags of validate/html-policy.ts
 * and what Astro and Shiki add: classes, ids, `data-*`, Shiki's colour styles). Styles that
 * could fetch or hide an escape are dropped (the SVG sanitizer's CSS rule).
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { ALLOWED_ELEMENTS } from '../../validate/html-policy.ts';
import { unsafeCss } from '../../utils/svg-sanitize.ts';

const global = [
  ...(defaultSchema.attributes?.['*'] ?? []),
  'className',
  'id',
  'title',
  'lang',
  'dir',
  'role',
  'hidden',
  'tabIndex',
  'data*',
  'ariaLabel',
  'ariaHidden',
  'ariaDescribedBy',
  'ariaLabelledBy',
];

/** What generated Markdown may render to. */
export const GENERATED_SCHEMA: Schema = {
  ...defaultSchema,
  // Heading anchors are ours (links between pages point at them): no `user-content-` prefix.
  clobber: [],
  clobberPrefix: '',
  tagNames: [...ALLOWED_ELEMENTS],
  attributes: {
    ...defaultSchema.attributes,
    '*': global,
    a: [...(defaultSchema.attributes?.a ?? []), 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'srcSet', 'sizes'],
    pre: ['style'],
    code: ['style'],
    span: ['style'],
  },
  strip: [
    'script',
    'style',
    'iframe',
    'object',
    'embed',
    'template',
    'noscript',
    'svg',
    'math',
    'textarea',
    'title',
    'xmp',
    'noembed',
    'noframes',
  ],
};

/** The sanitised tree of a generated page (a new tree; the input is left as it was). */
export function sanitizeGeneratedTree(tree: Root): Root {
  const reparsed = fromHtml(toHtml(tree, { allowDangerousHtml: true }), { fragment: true });
  const clean = sanitize(reparsed, GENERATED_SCHEMA) as Root;
  visit(clean, 'element', (node: Element) => {
    const style = node.properties.style;
    if (style !== undefined && unsafeCss(String(style))) delete node.properties.style;
  });
  return clean;
}

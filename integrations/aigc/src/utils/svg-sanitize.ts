/**
 * Make an SVG safe to serve from the site's origin, whatever wrote it (an image model, Graphviz
 * from a model's DOT, a person): DOMPurify's SVG profile (its maintained allow-list of SVG
 * elements and attributes, script, event handlers, `javascript:` and `<foreignObject>` out) on
 * a jsdom document, the DOMPurify authors' recommended server DOM. On top of the profile:
 * - links and references stay inside the document (`#id`) — an `<image>` may embed a raster
 *   `data:` URL — so nothing fetches from, or points readers to, another origin;
 * - CSS (a `<style>` element or attribute) with an escape (`\75rl(`, `@\69mport`), `@import`,
 *   `expression(` or a `url()` that leaves the document is dropped whole;
 * - `<metadata>` goes too: provenance is added back by our own code (finish-image.ts).
 * The result is serialised as XML (what resvg and browsers read as image/svg+xml).
 * jsdom is loaded on first use: builds that sanitise nothing do not pay for it.
 */
import { createRequire } from 'node:module';
import type { DOMPurify as Purifier } from 'dompurify';

export class SvgParseError extends Error {
  override name = 'SvgParseError';
}

const SAFE_DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href']);

interface Sanitizer {
  purify: Purifier;
  serialize(node: Node): string;
}

let sanitizer: Sanitizer | undefined;

function load(): Sanitizer {
  if (sanitizer) return sanitizer;
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  const createDOMPurify = require('dompurify') as (window: unknown) => Purifier;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const purify = createDOMPurify(window);
  if (!purify.isSupported) throw new Error('sanitizeSvg: DOMPurify does not support this DOM');
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'metadata' || (data.tagName === 'style' && unsafeCss(node.textContent ?? '')))
      node.parentNode?.removeChild(node);
  });
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if (LINK_ATTRIBUTES.has(name)) {
      const embedded = (node as Element).localName === 'image' && SAFE_DATA_URL.test(value);
      if (!value.startsWith('#') && !embedded) data.keepAttr = false;
    } else if (name === 'style' || /url\s*\(|\\/i.test(value)) {
      if (unsafeCss(value)) data.keepAttr = false;
    }
  });
  const serializer = new window.XMLSerializer();
  sanitizer = { purify, serialize: (node) => serializer.serializeToString(node) };
  return sanitizer;
}

/** CSS that could fetch from elsewhere or hide what it does: escapes, @import, expression(), url() leaving the document. */
export function unsafeCss(css: string): boolean {
  if (/\\|@import|expression\s*\(|behavior\s*:|-moz-binding/i.test(css)) return true;
  for (const match of css.matchAll(/url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    const target = match[2]!.trim();
    if (!target.startsWith('#') && !SAFE_DATA_URL.test(target)) return true;
  }
  return false;
}

/** Sanitise an SVG document; returns it as XML text with an XML declaration. Throws when there is no <svg> root. */
export function sanitizeSvg(svg: string): string {
  const { purify, serialize } = load();
  // The prolog and a DOCTYPE (entity definitions) are not content.
  const body = svg.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>\s*)?/i, '').trim();
  if (!/^(<!--[\s\S]*?-->\s*)*<svg[\s/>]/i.test(body))
    throw new SvgParseError(`sanitizeSvg: the root element is not <svg> (${body.slice(0, 40)}…)`);
  const fragment = purify.sanitize(body, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['a', 'use', 'foreignObject', 'animate', 'set', 'animateMotion', 'animateTransform'],
    // What is removed goes with its content: stray script text has no place in a drawing either.
    KEEP_CONTENT: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const root = [...fragment.childNodes].find(
    (node): node is Element => node.nodeType === 1 && (node as Element).localName === 'svg',
  );
  if (!root) throw new SvgParseError('sanitizeSvg: no <svg> element is left after sanitising');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}

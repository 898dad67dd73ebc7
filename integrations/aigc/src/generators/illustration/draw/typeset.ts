import type satoriFunction from 'satori';
import { fontsForText } from '../fonts.ts';

/** satori and its font engine take ~0.6 s to import: loaded by the first drawing, not by planning. */
let satoriLoading: Promise<typeof satoriFunction> | undefined;

/** A satori element: the plain-object form of JSX. */
export interface Element {
  type: string;
  props: {
    style?: Record<string, string | number>;
    children?: (Element | string)[] | Element | string;
    [key: string]: unknown;
  };
}

/** Build a satori element. */
export function h(
  type: string,
  style: Record<string, string | number>,
  children?: (Element | string)[] | string,
  props: Record<string, unknown> = {},
): Element {
  return { type, props: { ...props, style, ...(children === undefined ? {} : { children }) } };
}

/** Every text string in an element tree (to pick the font subsets it needs). */
export function textOf(element: Element | string): string {
  if (typeof element === 'string') return element;
  const children = element.props.children;
  if (children === undefined) return '';
  return (Array.isArray(children) ? children : [children]).map(textOf).join('');
}

/**
 * Lay out and draw an element tree with satori. Text becomes glyph outlines (paths), so the
 * SVG shows the same letters in every browser and rasteriser, Chinese included, with no font
 * installed. Returns the whole `<svg>` document.
 */
export async function typeset(root: (fontFamily: string) => Element, width: number, height: number): Promise<string> {
  const probe = root("''");
  const { fonts, family } = fontsForText(textOf(probe));
  satoriLoading ??= import('satori').then((module) => module.default);
  const satori = await satoriLoading;
  // satori types its input as a React node; the plain-object form is what JSX compiles to.
  return satori(root(family) as unknown as Parameters<typeof satoriFunction>[0], { width, height, fonts });
}

/** The inside of an `<svg>` document, to nest its drawing in another. */
export function svgInner(svg: string): string {
  const open = svg.indexOf('>', svg.indexOf('<svg'));
  return svg.slice(open + 1, svg.lastIndexOf('</svg>'));
}

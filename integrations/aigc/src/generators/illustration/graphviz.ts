import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';

/**
 * Graphviz compiled to WebAssembly: imported and loaded once per process, by the first graph
 * drawn (about 100 ms), then ~7 ms per graph; a run with no diagram to draw never loads it.
 */
let loading: Promise<Graphviz> | undefined;

function graphviz(): Promise<Graphviz> {
  loading ??= import('@hpcc-js/wasm-graphviz').then((module) => module.Graphviz.load());
  return loading;
}

/** DOT that Graphviz could not parse: its message, and the line when it gives one. */
export class DotSyntaxError extends Error {
  override name = 'DotSyntaxError';
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.line = line;
  }
}

/** Fonts Graphviz lays text out with; the browser draws it with the same families. */
const FONT = 'Inter, Noto Sans SC, sans-serif';

/**
 * Render DOT to a sanitised SVG. Default fonts are set on graph, nodes and edges (Graphviz
 * defaults to Times); the DOT's own attributes override them.
 */
export async function renderDot(dot: string): Promise<{ svg: string; width: number; height: number }> {
  const engine = await graphviz();
  let svg: string;
  try {
    svg = engine.layout(withDefaultFonts(dot), 'svg', 'dot');
  } catch (error) {
    const message = String((error as Error)?.message ?? error).trim();
    const line = /line (\d+)/.exec(message)?.[1];
    throw new DotSyntaxError(message, line === undefined ? undefined : Number(line));
  }
  if (!svg.includes('<svg')) throw new DotSyntaxError('Graphviz produced no SVG', undefined);
  const clean = sanitizeSvg(svg);
  const { width, height } = svgSize(clean);
  return { svg: clean, width, height };
}

const GRAPH_HEADER =
  /^(?:\s|\/\/[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:strict\s+)?(?:di)?graph\b\s*(?:"(?:[^"\\]|\\.)*"|[\w.]+)?\s*\{/i;

/** Insert default font attributes right after the graph's `{`, on the same line (error lines stay true). */
export function withDefaultFonts(dot: string): string {
  const header = GRAPH_HEADER.exec(dot);
  if (!header) return dot;
  const defaults = `graph [fontname="${FONT}"]; node [fontname="${FONT}"]; edge [fontname="${FONT}"]; `;
  return dot.slice(0, header[0].length) + defaults + dot.slice(header[0].length);
}

/** Pixel size of an SVG from its width/height attributes (pt → px) or its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}="([\\d.]+)(pt|px)?"`).exec(root);
  const w = attr('width');
  const hgt = attr('height');
  const px = (m: RegExpExecArray) => Math.round(Number(m[1]) * (m[2] === 'pt' ? 4 / 3 : 1));
  if (w && hgt) return { width: px(w), height: px(hgt) };
  const box = /viewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/.exec(root);
  return { width: Math.round(Number(box?.[1] ?? 0)), height: Math.round(Number(box?.[2] ?? 0)) };
}

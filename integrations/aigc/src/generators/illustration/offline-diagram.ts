import type { Outline } from '../../outline/types.ts';
import { diagramSense } from '../diagram-sense.ts';

const ARROW = /\s*(?:->|→|=>|⟶)\s*/;

/**
 * The offline stand-in for a model-written diagram, labelled as such: the `A -> B` chains
 * the description contains, or else the page's section structure.
 */
export function draftDiagramDot(description: string, outline: Pick<Outline, 'data' | 'sections'>): string {
  const zh = outline.data.lang.toLowerCase().startsWith('zh');
  const chains = description
    .split('\n')
    .map((line) => line.replace(/^[\s*-]+/, '').trim())
    .filter((line) => ARROW.test(line))
    .map((line) =>
      line
        .split(ARROW)
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .filter((chain) => chain.length >= 2);
  if (chains.length > 0) {
    const note = zh ? '离线草图：按描述中的箭头绘制' : 'Offline draft: drawn from the arrows in the description';
    return graph(chains, note, 'LR');
  }
  const headings = outline.sections.map((s) => s.heading);
  const note = zh
    ? '离线草图：本页的章节结构（非模型绘制）'
    : "Offline draft: this page's section structure (not drawn by a model)";
  return graph(headings.length > 0 ? headings.map((h) => [outline.data.title, h]) : [[outline.data.title]], note, 'TB');
}

function graph(chains: string[][], note: string, rankdir: 'LR' | 'TB'): string {
  const ids = new Map<string, string>();
  const id = (label: string) => {
    let value = ids.get(label);
    if (!value) {
      value = `n${ids.size}`;
      ids.set(label, value);
    }
    return value;
  };
  const edges: string[] = [];
  for (const chain of chains) {
    for (const label of chain) id(label);
    for (let i = 1; i < chain.length; i++) edges.push(`  ${id(chain[i - 1]!)} -> ${id(chain[i]!)};`);
  }
  const nodes = [...ids].map(([label, nodeId]) => `  ${nodeId} [label=${quote(label)}];`);
  return [
    'digraph offline_draft {',
    `  rankdir=${rankdir}; labelloc=b; fontsize=11; label=${quote(note)};`,
    '  node [shape=box, style="rounded,filled", fillcolor="#eef2ff", color="#4f46e5"];',
    ...nodes,
    ...edges,
    '}',
    '',
  ].join('\n');
}

/** A DOT double-quoted string. */
export function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', ' ')}"`;
}

/** Short alt text for a diagram from its description or DOT edges. */
export function diagramAlt(description: string, lang: string): string {
  const zh = lang.toLowerCase().startsWith('zh');
  const sense = diagramSense(description, lang);
  if (sense) return zh ? `示意图：${sense}` : `Diagram: ${sense}`;
  const text = description
    .replace(/\s*(?:->|=>|⟶)\s*/g, ' → ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return zh ? `示意图：${short}` : `Diagram: ${short}`;
}

/** The edges of a DOT source as "a → b" text, for a ```dot block's alt text. */
export function dotSummary(dot: string): string {
  const label = /\blabel\s*=\s*"([^"]+)"/.exec(
    dot.split('\n').find((l) => /^\s*(graph\s*\[)?\s*label\s*=/.test(l)) ?? '',
  )?.[1];
  if (label) return label;
  const edges: string[] = [];
  for (const statement of dot.replace(/\[[^\]]*\]/g, '').split(/[;\n{}]/)) {
    const ends = statement.split(/\s*(?:->|--)\s*/).map((end) => end.trim().replaceAll('"', ''));
    if (ends.length < 2 || ends.some((end) => !end)) continue;
    for (let i = 1; i < ends.length && edges.length < 8; i++) edges.push(`${ends[i - 1]} → ${ends[i]}`);
  }
  return edges.length > 0 ? edges.join(', ') : 'graph';
}

import type { Outline } from '../../../outline/types.ts';

/**
 * Graphviz DOT for a ```diagram block: the `A -> B` lines of its description (chains such
 * as `a -> b -> c` too), else the outline's sections in order. Nodes are numbered in
 * order of first appearance, so the same description gives the same bytes.
 */
export function draftDiagram(description: string, outline: Pick<Outline, 'data' | 'sections'>): string {
  const edges: [string, string][] = [];
  for (const line of description.split(/\r?\n/)) {
    const steps = line
      .split(/\s*(?:->|→|=>)\s*/)
      .map((step) => step.replace(/^[-*•]\s+/, '').replace(/[.;,]+$/, '').trim());
    if (steps.length < 2 || steps.some((step) => step === '')) continue;
    for (let i = 0; i + 1 < steps.length; i++) edges.push([steps[i]!, steps[i + 1]!]);
  }

  const labels: string[] = [];
  const idOf = (label: string): string => {
    let index = labels.indexOf(label);
    if (index === -1) index = labels.push(label) - 1;
    return `n${index + 1}`;
  };
  const lines: string[] = [];
  if (edges.length > 0) {
    for (const [from, to] of edges) lines.push(`  ${idOf(from)} -> ${idOf(to)};`);
  } else {
    const chain = outline.sections.length > 0 ? outline.sections.map((section) => section.heading) : [firstLine(description) || outline.data.title];
    let previous: string | undefined;
    for (const label of chain) {
      const id = idOf(label);
      if (previous !== undefined && previous !== id) lines.push(`  ${previous} -> ${id};`);
      previous = id;
    }
  }

  return [
    'digraph {',
    '  graph [rankdir=LR];',
    '  node [shape=box, style=rounded];',
    ...labels.map((label, i) => `  n${i + 1} [label="${escapeLabel(wrap(label))}"];`),
    ...lines,
    '}',
    '',
  ].join('\n');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).map((line) => line.trim()).find(Boolean) ?? '';
}

/** Break long labels near 22 characters so boxes stay compact. */
function wrap(label: string): string {
  const words = label.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > 22) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function escapeLabel(label: string): string {
  return label.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

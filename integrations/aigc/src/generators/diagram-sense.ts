/**
 * A diagram description's arrows (`a -> b` lines) as a sentence a listener or a screen-reader
 * user can follow: "The random noise leads to the generator, which leads to the fake sample;
 * the real sample and the fake sample lead to the discriminator." One wording for the
 * narration and the diagram's alt text, in the page's language.
 */

const ARROW = /\s*(?:->|→|=>|⟶)\s*/;

interface Edge {
  from: string;
  to: string;
}

/** The sentence for a description, or undefined when it has no arrows (then it is prose already). */
export function diagramSense(description: string, lang: string): string | undefined {
  const edges = edgesOf(description);
  if (edges.length === 0) return undefined;
  const zh = lang.toLowerCase().startsWith('zh');
  const clauses = groupEdges(edges).map((group) => (zh ? zhClause(group) : enClause(group)));
  if (zh) return `${clauses.join('；')}。`;
  const text = `${clauses.join('; ')}.`;
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Edges in the order written, each once: a chain `a -> b -> c` is two edges. */
function edgesOf(description: string): Edge[] {
  const edges: Edge[] = [];
  // dotSummary joins edges with commas: a comma ends an edge too.
  for (const line of description.split(/\n|;|；|,\s+|，/)) {
    const parts = line
      .replace(/^[\s*-]+(?=\S)(?!>)/, '')
      .split(ARROW)
      .map((p) => p.trim());
    if (parts.length < 2 || parts.some((p) => !p)) continue;
    for (let i = 1; i < parts.length; i++) {
      const edge = { from: parts[i - 1]!, to: parts[i]! };
      if (!edges.some((e) => e.from === edge.from && e.to === edge.to)) edges.push(edge);
    }
  }
  return edges;
}

/** A clause: several sources into one target, or one source into several targets, or a chain. */
interface Group {
  from: string[];
  to: string[];
  /** Further steps of a chain: "…, which leads to c". */
  then: string[];
}

function groupEdges(edges: Edge[]): Group[] {
  const groups: Group[] = [];
  for (const edge of edges) {
    const last = groups.at(-1);
    const end = last ? (last.then.at(-1) ?? (last.to.length === 1 ? last.to[0] : undefined)) : undefined;
    if (
      last &&
      last.then.length === 0 &&
      last.to.length === 1 &&
      last.to[0] === edge.to &&
      !last.from.includes(edge.from)
    )
      last.from.push(edge.from);
    else if (last && last.then.length === 0 && last.from.length === 1 && last.from[0] === edge.from)
      last.to.push(edge.to);
    else if (last && last.from.length === 1 && end === edge.from && !last.from.includes(edge.to))
      last.then.push(edge.to);
    else groups.push({ from: [edge.from], to: [edge.to], then: [] });
  }
  return groups;
}

function enClause(group: Group): string {
  const verb = group.from.length > 1 ? 'lead to' : 'leads to';
  const then = group.then.map((step) => `, which leads to ${the(step)}`).join('');
  return `${enList(group.from)} ${verb} ${enList(group.to)}${then}`;
}

function zhClause(group: Group): string {
  const then = group.then.map((step, i) => `，${i === 0 ? group.to[0] : group.then[i - 1]}再指向${step}`).join('');
  return `${group.from.join('和')}指向${group.to.join('和')}${then}`;
}

function enList(labels: string[]): string {
  const named = labels.map(the);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/**
 * "generator" → "the generator". Names, acronyms, labels with their own article, choices
 * ("real or fake") and verbs ("validate") stay as written.
 */
function the(label: string): string {
  const plain = /^[a-z]/.test(label) && !/^(?:a|an|the|each|every|its|their|this|these|those|some|all)\s/i.test(label);
  const noun = !/\b(?:or|and)\b/.test(label) && !/^[a-z]+(?:ate|ize|ise|ify)$/.test(label);
  return plain && noun ? `the ${label}` : label;
}

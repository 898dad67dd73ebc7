import type { Code, Heading, List, ListItem, Node, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { BLOCK_TYPES } from './blocks.ts';
import { OutlineError } from './error.ts';
import type { OutlineBlock, Position } from './types.ts';

/** A bullet of a section, with where it stands in the file. */
export interface FlowPoint {
  type: 'point';
  text: string;
  depth: number;
  position: Position;
}

/** A media block of a section. */
export interface FlowBlock {
  type: 'block';
  block: OutlineBlock;
}

/** What a section holds, in file order: bullets and blocks interleaved as written. */
export type FlowItem = FlowPoint | FlowBlock;

export interface BodySection {
  heading: string;
  position: Position;
  items: FlowItem[];
}

export interface OutlineBody {
  lead: string;
  sections: BodySection[];
}

/**
 * Read the body of an outline: the lead before the first `##`, then each `##` section with
 * its bullets (nested ones flattened with their depth, 1 for top level) and its blocks.
 * `text` is the string the tree was parsed from (point text keeps its inline Markdown).
 */
export function readBody(tree: Root, text: string, file: string): OutlineBody {
  const fail = (ruleId: string, node: Node, reason: string, hint: string): never => {
    throw new OutlineError({ file, position: start(node), reason, hint, ruleId });
  };
  const lead: string[] = [];
  const sections: BodySection[] = [];
  const seen = new Map<string, BodySection>();

  const addBlock = (node: Code, section: BodySection | undefined): void => {
    const type = blockType(node);
    if (!type) return;
    if (!section) {
      fail(
        'block-outside-section',
        node,
        `a \`\`\`${type} block before the first \`##\` section`,
        `move it below the \`## \` heading of the section it belongs to`,
      );
    }
    if (node.value.trim() === '') {
      fail(`empty-${type}`, node, `empty \`\`\`${type} block`, emptyBlockHint(type));
    }
    // A fence never closed swallows the rest of the file into the block.
    const raw = text.slice(node.position!.start.offset, node.position!.end.offset);
    const opening = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1] ?? '```';
    const lines = raw.trimEnd().split(/\r?\n/);
    if (
      lines.length < 2 ||
      !new RegExp(`^\\s*${opening[0] === '`' ? '`' : '~'}{${opening.length},}\\s*$`).test(lines.at(-1)!)
    ) {
      fail(
        'unclosed-fence',
        node,
        `this \`\`\`${type} block is never closed, so the rest of the file is read as its ${type === 'dot' ? 'source' : 'description'}`,
        `add a line ${opening} after the block's last line`,
      );
    }
    const position = start(node);
    const block: OutlineBlock =
      type === 'figure'
        ? { type, prompt: node.value, position }
        : type === 'diagram'
          ? { type, description: node.value, position }
          : { type, source: node.value, position };
    section!.items.push({ type: 'block', block });
  };

  // Everything in a section becomes points and blocks, however deep it is nested.
  const addContent = (node: RootContent, section: BodySection, depth: number): void => {
    switch (node.type) {
      case 'list':
        addList(node, section, depth);
        return;
      case 'paragraph':
      case 'heading':
        pushPoint(section, source(node, text), depth, node);
        return;
      case 'code':
        addBlock(node, section);
        return;
      case 'blockquote':
        for (const child of node.children) addContent(child, section, depth);
        return;
      default:
        return;
    }
  };

  const addList = (list: List, section: BodySection, depth: number): void => {
    for (const item of list.children) addItem(item, section, depth);
  };

  const addItem = (item: ListItem, section: BodySection, depth: number): void => {
    const own = item.children.filter((child) => child.type === 'paragraph' || child.type === 'heading');
    pushPoint(section, own.map((child) => source(child, text)).join(' '), depth, item);
    for (const child of item.children) {
      if (child.type === 'list') addList(child, section, depth + 1);
      else if (child.type === 'code') addBlock(child, section);
      else if (child.type === 'blockquote') for (const inner of child.children) addContent(inner, section, depth + 1);
    }
  };

  let current: BodySection | undefined;
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading' && node.depth === 1) {
      const title = toString(node).trim();
      fail(
        'no-h1',
        node,
        'a `#` heading in the body: the title lives in the frontmatter',
        title ? `remove this line; the frontmatter has the title (title: ${title})` : 'remove this line',
      );
    }
    if (node.type === 'heading' && node.depth === 2) {
      current = openSection(node, seen, fail);
      sections.push(current);
      continue;
    }
    if (current) {
      addContent(node, current, 1);
    } else if (node.type === 'code' && blockType(node)) {
      addBlock(node, undefined);
    } else if (node.type !== 'thematicBreak' && node.type !== 'html') {
      lead.push(text.slice(node.position!.start.offset, node.position!.end.offset).trim());
    }
  }

  return { lead: lead.filter(Boolean).join('\n\n'), sections };
}

function openSection(
  node: Heading,
  seen: Map<string, BodySection>,
  fail: (ruleId: string, node: Node, reason: string, hint: string) => never,
): BodySection {
  const heading = toString(node).replace(/\s+/g, ' ').trim();
  if (heading === '')
    fail(
      'empty-heading',
      node,
      'a `##` heading with no text',
      'write the section name after `## `, e.g. ## How it works',
    );
  const key = heading.toLowerCase();
  const first = seen.get(key);
  if (first) {
    fail(
      'duplicate-section',
      node,
      `the section "${heading}" appears twice (first at line ${first.position.line})`,
      'give each `##` section its own heading, or merge the two',
    );
  }
  const section: BodySection = { heading, position: start(node), items: [] };
  seen.set(key, section);
  return section;
}

function pushPoint(section: BodySection, raw: string, depth: number, node: Node): void {
  const text = raw.replace(/\s*\n\s*/g, ' ').trim();
  if (text !== '') section.items.push({ type: 'point', text, depth, position: start(node) });
}

function blockType(node: Code): OutlineBlock['type'] | undefined {
  const lang = node.lang?.toLowerCase();
  return BLOCK_TYPES.find((type) => type === lang);
}

function emptyBlockHint(type: OutlineBlock['type']): string {
  if (type === 'figure')
    return 'describe the picture inside the fence, e.g. ```figure\\nA robot and a person writing at one desk\\n```';
  if (type === 'diagram')
    return 'describe the diagram inside the fence, e.g. ```diagram\\noutline -> article -> narration\\n```';
  return 'write Graphviz DOT inside the fence, e.g. ```dot\\ndigraph { a -> b }\\n```';
}

/** Inline Markdown as written (links, `code`), except headings, which read as plain words. */
function source(node: Node, text: string): string {
  if (node.type === 'heading') return toString(node);
  return text.slice(node.position!.start.offset, node.position!.end.offset);
}

function start(node: Node): Position {
  const point = node.position?.start;
  return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
}

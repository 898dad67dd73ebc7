import type { Code, Image, ImageReference, Nodes, PhrasingContent, RootContent } from 'mdast';
import { parseMarkdown } from '../../utils/markdown.ts';
import { diagramSense } from '../diagram-sense.ts';
import { summariseCode } from './code-summary.ts';
import { phrasesFor, type NarrationPhrases } from './phrases.ts';

/** One spoken unit: a paragraph, a list, a heading or a short note; one caption cue each. */
export interface ScriptSegment {
  /** Text as the page shows it (captions, transcript); the lexicon is applied later, for speech only. */
  text: string;
  role: 'title' | 'heading' | 'body';
  /** The picture this segment speaks of, for the video's slides: the n-th block of a kind (1-based), or an image's URL. */
  visual?: SegmentVisual;
}

export type SegmentVisual = { type: 'figure' | 'diagram' | 'dot'; index: number } | { type: 'image'; url: string };

/** A chapter of the narration: the page title and lead, then one per `##` section. */
export interface ScriptSection {
  title: string;
  segments: ScriptSegment[];
}

export interface NarrationScript {
  sections: ScriptSection[];
}

/**
 * Turn an article body (Markdown without frontmatter) into what a narrator reads: headings
 * start sections, lists become sentences, links are read as their text and images by their
 * alt text, while code, tables and diagram sources get a short spoken note instead.
 */
export function buildNarrationScript(
  markdown: string,
  page: { title: string; lang: string; placeholderFigures?: boolean },
): NarrationScript {
  const tree = parseMarkdown(markdown);
  const base = phrasesFor(page.lang);
  // Offline figures are abstract patterns: say so, never describe the asked-for scene as drawn.
  const phrases = page.placeholderFigures ? { ...base, figure: base.placeholderFigure } : base;
  const sections: ScriptSection[] = [
    { title: page.title, segments: [{ text: withStop(page.title, phrases), role: 'title' }] },
  ];
  let current = sections[0]!;
  const counters = { figure: 0, diagram: 0, dot: 0 };

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const title = clean(phrasing(node.children));
      if (!title) continue;
      if (node.depth === 1 && sameText(title, page.title)) continue; // the title is already read
      if (node.depth <= 2) {
        current = { title, segments: [{ text: withStop(title, phrases), role: 'heading' }] };
        sections.push(current);
      } else {
        current.segments.push({ text: withStop(title, phrases), role: 'heading' });
      }
      continue;
    }
    const visual = visualOf(node, counters);
    for (const text of blockTexts(node, phrases, page.lang))
      current.segments.push({ text, role: 'body', ...(visual ? { visual } : {}) });
  }
  return { sections: sections.filter((s, i) => i === 0 || s.segments.length > 0) };
}

/** The picture a block is (numbered per kind in document order, as the illustration jobs number them), if any. */
function visualOf(
  node: RootContent,
  counters: Record<'figure' | 'diagram' | 'dot', number>,
): SegmentVisual | undefined {
  if (node.type === 'code' && (node.lang === 'figure' || node.lang === 'diagram' || node.lang === 'dot')) {
    return { type: node.lang, index: ++counters[node.lang] };
  }
  if (node.type === 'paragraph') {
    const image = node.children.find((c): c is Image => c.type === 'image');
    if (image && node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim())))
      return { type: 'image', url: image.url };
  }
  return undefined;
}

/** What a block says, as zero or more segments. */
function blockTexts(node: RootContent, phrases: NarrationPhrases, lang: string): string[] {
  switch (node.type) {
    case 'paragraph': {
      const images = node.children.filter(
        (c): c is Image | ImageReference => c.type === 'image' || c.type === 'imageReference',
      );
      const others = node.children.filter((c) => c.type !== 'image' && c.type !== 'imageReference');
      const onlyImages = images.length > 0 && clean(phrasing(others)) === '';
      if (onlyImages) {
        return images
          .map((image) => clean(image.alt ?? ''))
          .filter(Boolean)
          .map((alt) => withStop(phrases.image(alt), phrases));
      }
      const text = clean(phrasing(node.children));
      return text ? [text] : [];
    }
    case 'list': {
      const items = listItemTexts(node, phrases, lang);
      return items.length > 0 ? [items.join(joiner(phrases))] : [];
    }
    case 'blockquote':
      return node.children.flatMap((child) => blockTexts(child, phrases, lang));
    case 'code': {
      const note = codeNote(node, phrases, lang);
      return note ? [note] : [];
    }
    case 'table': {
      const [head, ...body] = node.children.map((row) => row.children.map((cell) => clean(phrasing(cell.children))));
      return [phrases.table({ header: head ?? [], rows: body.filter((row) => row.some(Boolean)) })];
    }
    case 'heading':
      return [withStop(clean(phrasing(node.children)), phrases)];
    default:
      // html, thematic breaks, definitions, footnotes, frontmatter: nothing to say.
      return [];
  }
}

function listItemTexts(list: Extract<Nodes, { type: 'list' }>, phrases: NarrationPhrases, lang: string): string[] {
  const out: string[] = [];
  for (const item of list.children) {
    const own: string[] = [];
    for (const child of item.children) {
      if (child.type === 'list') {
        if (own.length > 0) out.push(withStop(own.join(' '), phrases));
        own.length = 0;
        out.push(...listItemTexts(child, phrases, lang));
      } else {
        own.push(...blockTexts(child, phrases, lang));
      }
    }
    const text = clean(own.join(' '));
    if (text) out.push(withStop(text, phrases));
  }
  return out;
}

function codeNote(node: Code, phrases: NarrationPhrases, lang: string): string {
  const body = clean(node.value);
  switch (node.lang) {
    case 'figure':
      return body ? withStop(phrases.figure(body), phrases) : '';
    case 'diagram': {
      if (!body) return '';
      const sense = diagramSense(node.value, lang);
      return withStop(sense ? phrases.diagramSense(sense) : phrases.diagram(body), phrases);
    }
    case 'dot':
    case 'mermaid':
      return phrases.dotDiagram;
    default:
      return phrases.code(summariseCode(node.lang, node.value));
  }
}

/** Inline content as heard: link text, alt text of inline images, code as written. */
function phrasing(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += node.value;
        break;
      case 'image':
      case 'imageReference':
        out += node.alt ?? '';
        break;
      case 'break':
        out += ' ';
        break;
      case 'html':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) out += phrasing(node.children as PhrasingContent[]);
    }
  }
  return out;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** End a sentence that has no end mark, so the voice pauses and falls as it should. */
export function withStop(text: string, phrases: NarrationPhrases): string {
  if (!text) return text;
  return /[.!?。！？…:：;；]["'”’)）\]」』]*$/.test(text) ? text : `${text}${phrases.stop}`;
}

function joiner(phrases: NarrationPhrases): string {
  return phrases.stop === '.' ? ' ' : '';
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[\s\p{P}]+/gu, '');
  return norm(a) === norm(b);
}

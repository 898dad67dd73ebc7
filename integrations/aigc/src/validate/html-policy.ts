/**
 * The allow-list for raw HTML in generated Markdown, after rehype-sanitize's schema idea
 * (GitHub's tag and attribute lists), applied to fragments parsed with positions so the
 * checks can point at the offending tag and the sanitizer can cut exactly it.
 */
import type { Element, Root as HastRoot, RootContent } from 'hast';
import { defaultSchema } from 'rehype-sanitize';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** Elements that can run script, load active content or restyle the page: removed with their content. */
export const DANGEROUS_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'noscript',
  'template',
  'form',
  'svg',
  'math',
  'portal',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
]);

/** Elements kept as written (GitHub's list plus a few harmless semantic ones). */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  ...(defaultSchema.tagNames ?? []),
  'figure',
  'figcaption',
  'mark',
  'abbr',
  'small',
  'cite',
  'dfn',
  'time',
  'u',
  'wbr',
  'caption',
  'col',
  'colgroup',
]);

/** Attributes holding URLs: only these schemes (or relative URLs) pass. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcSet',
  'cite',
  'longDesc',
  'action',
  'formAction',
  'poster',
  'background',
  'xLinkHref',
  'data',
  'ping',
  'codeBase',
  'manifest',
  'dynsrc',
  'lowsrc',
]);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

const globalAttributes = new Set<string>([
  ...names(defaultSchema.attributes?.['*']),
  'className',
  'id',
  'title',
  'lang',
  'dir',
  'role',
  'hidden',
  'loading',
  'decoding',
  'width',
  'height',
]);

function names(list: readonly unknown[] | undefined): string[] {
  return (list ?? []).map((entry) => (Array.isArray(entry) ? String(entry[0]) : String(entry)));
}

/** One thing in a raw HTML fragment the allow-list does not let through. */
export interface HtmlProblem {
  /** `dangerous`: can run script or load active content (error). `disallowed`: outside the allow-list (removed, warned). */
  level: 'dangerous' | 'disallowed';
  /**
   * `element`: cut with its content; `escape`: show the tags as text (`&lt;name>`), which
   * keeps the meaning of prose like "<collection>/<slug>"; `attribute`: cut the attribute.
   */
  action: 'element' | 'escape' | 'attribute';
  tagName: string;
  /** Attribute (hast property name) for `attribute` problems. */
  property?: string;
  /** Offsets in the fragment text: the whole element, the tags to escape, or the attribute. */
  ranges: [number, number][];
  /** Offset where the problem starts, for messages. */
  start: number;
  description: string;
}

/** Parse raw HTML as a fragment, keeping positions of tags and attributes. */
export function parseFragment(html: string): HastRoot {
  return unified().use(rehypeParse, { fragment: true, verbose: true }).parse(html);
}

/** Whether a URL uses a scheme other than http(s)/mailto/tel (javascript:, data:, vbscript:, …). */
export function isUnsafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside the scheme.
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
  return scheme !== undefined && !SAFE_SCHEMES.has(scheme);
}

/** Every problem in a fragment, outermost first. */
export function findHtmlProblems(html: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const tree = parseFragment(html);
  walk(tree.children, problems, html.length);
  problems.push(...strayClosingTags(html, problems));
  return problems;
}

function walk(nodes: RootContent[], problems: HtmlProblem[], length: number): void {
  for (const node of nodes) {
    if (node.type === 'doctype') {
      const range = offsets(node.position);
      if (range)
        problems.push({
          level: 'disallowed',
          action: 'element',
          tagName: '!doctype',
          ranges: [range],
          start: range[0],
          description: 'a doctype',
        });
      continue;
    }
    if (node.type !== 'element') continue;
    const tag = node.tagName;
    const whole = elementRange(node, length);
    if (DANGEROUS_ELEMENTS.has(tag)) {
      if (whole)
        problems.push({
          level: 'dangerous',
          action: 'element',
          tagName: tag,
          ranges: [whole],
          start: whole[0],
          description: `a <${tag}> element`,
        });
      continue; // its content goes with it
    }
    if (!ALLOWED_ELEMENTS.has(tag)) {
      const tags = tagRanges(node);
      if (tags.length > 0)
        problems.push({
          level: 'disallowed',
          action: 'escape',
          tagName: tag,
          ranges: tags,
          start: tags[0]![0],
          description: `a <${tag}> element (not in the allow-list)`,
        });
    }
    problems.push(...attributeProblems(node, length));
    walk(node.children, problems, length);
  }
}

function attributeProblems(node: Element, length: number): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const allowedHere = new Set([...globalAttributes, ...names(defaultSchema.attributes?.[node.tagName])]);
  const positions =
    (
      node.data as
        | {
            position?: {
              properties?: Record<string, { start: { offset?: number }; end: { offset?: number } } | undefined>;
            };
          }
        | undefined
    )?.position?.properties ?? {};
  for (const [property, value] of Object.entries(node.properties)) {
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    let level: HtmlProblem['level'] | undefined;
    let description = '';
    if (/^on/i.test(property)) {
      level = 'dangerous';
      description = `an event-handler attribute \`${property.toLowerCase()}\` on <${node.tagName}>`;
    } else if (URL_ATTRIBUTES.has(property) && text.split(',').some((part) => isUnsafeUrl(part.trim()))) {
      level = 'dangerous';
      description = `a \`${text.split(':')[0]!.trim().toLowerCase()}:\` URL in \`${property}\` of <${node.tagName}>`;
    } else if (property === 'srcDoc' || property === 'formAction') {
      level = 'dangerous';
      description = `a \`${property}\` attribute on <${node.tagName}>`;
    } else if (!allowedHere.has(property) && !/^(data|aria)[A-Z]/.test(property) && !URL_ATTRIBUTES.has(property)) {
      level = 'disallowed';
      description = `an attribute \`${property}\` on <${node.tagName}> (not in the allow-list)`;
    }
    if (!level) continue;
    const range = offsets(positions[property]);
    const fallback = elementRange(node, length);
    if (!range && !fallback) continue;
    problems.push({
      level,
      action: range ? 'attribute' : 'element',
      tagName: node.tagName,
      property,
      ranges: [range ?? fallback!],
      start: (range ?? fallback!)[0],
      description,
    });
  }
  return problems;
}

/** Closing tags of removed elements that parse5 drops from the tree (`</script>` split off by Markdown). */
function strayClosingTags(html: string, known: HtmlProblem[]): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const covered = (offset: number) => known.some((p) => p.ranges.some(([s, e]) => offset >= s && offset < e));
  for (const match of html.matchAll(/<\/\s*([a-zA-Z][\w:-]*)[^>]*>/g)) {
    const tag = match[1]!.toLowerCase();
    if (ALLOWED_ELEMENTS.has(tag) || covered(match.index)) continue;
    const dangerous = DANGEROUS_ELEMENTS.has(tag);
    problems.push({
      level: dangerous ? 'dangerous' : 'disallowed',
      action: dangerous ? 'element' : 'escape',
      tagName: tag,
      ranges: [[match.index, match.index + match[0].length]],
      start: match.index,
      description: `a closing </${tag}> tag`,
    });
  }
  return problems;
}

/**
 * The whole element: parse5 gives unclosed elements an empty range, and an element whose
 * end tag is missing runs to the end of the fragment (raw-text elements swallow the rest).
 */
function elementRange(node: Element, length: number): [number, number] | undefined {
  const data = (node.data as { position?: { opening?: PositionLike; closing?: PositionLike } } | undefined)?.position;
  const start = data?.opening?.start.offset ?? node.position?.start.offset;
  if (start === undefined) return undefined;
  const end = data?.closing?.end.offset ?? length;
  return [start, end];
}

function tagRanges(node: Element): [number, number][] {
  const data = (node.data as { position?: { opening?: PositionLike; closing?: PositionLike } } | undefined)?.position;
  return [offsets(data?.opening), offsets(data?.closing)].filter((r): r is [number, number] => r !== undefined);
}

interface PositionLike {
  start: { offset?: number };
  end: { offset?: number };
}

function offsets(position: PositionLike | undefined): [number, number] | undefined {
  const start = position?.start.offset;
  const end = position?.end.offset;
  return start === undefined || end === undefined ? undefined : [start, end];
}

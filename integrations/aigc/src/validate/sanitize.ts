/**
 * Make generated Markdown safe to store and render, whatever the model wrote: raw HTML is
 * cut down to the allow-list of html-policy.ts (dangerous elements go with their content,
 * unknown tags are escaped into visible text, unsafe attributes dropped), `javascript:`/
 * `data:` links lose their URL, MDX-looking import/export lines are removed and `{`/`}`
 * in text are escaped.
 * Edits are made on the source text, so everything else stays byte for byte.
 */
import type { Nodes, Paragraph, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Finding } from './finding.ts';
import { DANGEROUS_ELEMENTS, findHtmlProblems, isUnsafeUrl } from './html-policy.ts';
import { createLocator, sourceOf, valueToFileOffset, type Locator } from './locate.ts';
import { ESM_LINE, unescapedBraces } from './mdx-syntax.ts';
import { parseMarkdown } from '../utils/markdown.ts';
import { RAW_HTML_RULE_ID, RULE_ID as SAFETY } from './rules/safety.ts';
import { classifyUrl, isAllowedHost } from './rules/urls.ts';

export interface SanitizeResult {
  markdown: string;
  /** What was removed or neutralised, positioned in the text as it was before. */
  removed: Finding[];
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
  finding?: Finding;
}

/** Most passes needed: a pass may uncover what an outer edit hid (nested HTML in a link). */
const MAX_PASSES = 5;

export interface SanitizeOptions {
  /**
   * Unlink external links and images whose host is not in this list (models invent URLs):
   * a link keeps its text, an image its alt text, a bare URL goes. Without it, external
   * links stay (the `external-links` check reports them).
   */
  allowedHosts?: readonly string[];
}

export function sanitizeMarkdown(markdown: string, options: SanitizeOptions = {}): SanitizeResult {
  const removed: Finding[] = [];
  let text = markdown;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = collectEdits(text, options);
    if (edits.length === 0) return { markdown: text, removed };
    const applied = applyEdits(text, edits);
    text = applied.text;
    removed.push(...applied.findings);
  }
  // Still not clean after every pass (a parser differential): escape what is left of raw HTML.
  return { markdown: escapeRemainingHtml(text), removed };
}

function collectEdits(source: string, options: SanitizeOptions): Edit[] {
  const tree = parseMarkdown(source);
  const locator = createLocator(source);
  // Whole inline elements go in a pass of their own: removing them can join fragments into a
  // new tag (`<scr<script>x</script>ipt>`), which the next pass sees whole, with its end tag.
  const elements = inlineElementEdits(tree, locator);
  if (elements.length > 0) return elements;
  const edits: Edit[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type === 'html') edits.push(...htmlEdits(node, source, locator));
    else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && isUnsafeUrl(node.url)) {
      edits.push(urlEdit(node, source));
    } else if (
      options.allowedHosts &&
      (node.type === 'link' || node.type === 'image' || node.type === 'definition') &&
      isUnverifiedUrl(node.url, options.allowedHosts)
    ) {
      edits.push(unlinkEdit(node, source, locator));
    }
  });
  visit(tree, 'paragraph', (node: Paragraph) => {
    edits.push(...esmEdits(node, source, locator));
  });
  visit(tree, 'text', (node: Text) => {
    edits.push(...braceEdits(node, source, locator));
  });
  // A deletion of nothing would never make progress.
  return edits.filter((edit) => edit.start !== edit.end || edit.replacement !== '');
}

/**
 * `<script>alert(1)</script>` inside a paragraph is three nodes for Markdown (opening tag,
 * text, closing tag): remove the element with its content, as for block HTML, so its text
 * does not stay behind on the page.
 */
function inlineElementEdits(tree: Root, locator: Locator): Edit[] {
  const edits: Edit[] = [];
  visit(tree, (parent: Nodes) => {
    if (!('children' in parent) || parent.type === 'root') return;
    const children = parent.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const open = children[i]!;
      const tag = open.type === 'html' ? OPENING_TAG.exec(open.value)?.[1]?.toLowerCase() : undefined;
      if (!tag || !DANGEROUS_ELEMENTS.has(tag)) continue;
      const closeAt = children.findIndex(
        (node, j) => j > i && node.type === 'html' && new RegExp(`^</\\s*${tag}\\s*>$`, 'i').test(node.value),
      );
      if (closeAt === -1) continue;
      const start = open.position!.start.offset!;
      edits.push({
        start,
        end: children[closeAt]!.position!.end.offset!,
        replacement: '',
        finding: removal(SAFETY, 'error', locator, start, `Removed a <${tag}> element and its content`),
      });
      i = closeAt;
    }
  });
  return edits;
}

const OPENING_TAG = /^<\s*([a-zA-Z][\w:-]*)\b[^>]*(?<!\/)>$/;

function htmlEdits(node: Nodes & { value: string }, source: string, locator: Locator): Edit[] {
  const toFile = valueToFileOffset(node, source, locator);
  return findHtmlProblems(node.value).flatMap((problem) => {
    const dangerous = problem.level === 'dangerous';
    const verb = problem.action === 'escape' ? 'Escaped' : 'Removed';
    const finding = removal(
      dangerous ? SAFETY : RAW_HTML_RULE_ID,
      dangerous ? 'error' : 'warning',
      locator,
      toFile(problem.start),
      `${verb} ${problem.description}`,
    );
    return problem.ranges.map(([start, end], index): Edit => {
      const note = index === 0 ? { finding } : {};
      if (problem.action === 'escape')
        return { start: toFile(start), end: toFile(start) + 1, replacement: '&lt;', ...note };
      let from = start;
      // An attribute goes with the space before it.
      if (problem.action === 'attribute') while (from > 0 && /\s/.test(node.value[from - 1]!)) from--;
      return { start: toFile(from), end: toFile(end), replacement: '', ...note };
    });
  });
}

function urlEdit(node: Nodes & { url: string }, source: string): Edit {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  let replacement = '';
  if (node.type === 'link' && node.children.length > 0) {
    // Keep the link text, drop the link.
    replacement = source.slice(node.children[0]!.position!.start.offset!, node.children.at(-1)!.position!.end.offset!);
  }
  const locator = createLocator(source);
  return {
    start,
    end,
    replacement,
    finding: removal(
      SAFETY,
      'error',
      locator,
      start,
      `Removed a ${node.url.split(':')[0]!.trim().toLowerCase()}: URL from ${node.type === 'image' ? 'an' : 'a'} ${node.type}`,
    ),
  };
}

function isUnverifiedUrl(url: string, allowedHosts: readonly string[]): boolean {
  return classifyUrl(url.trim()) === 'external' && !isAllowedHost(url.trim(), allowedHosts);
}

/** A link to a host nobody allowed: keep what it says, drop where it points. */
function unlinkEdit(node: Nodes & { url: string }, source: string, locator: Locator): Edit {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const children = 'children' in node ? (node.children as Nodes[]) : [];
  let replacement = '';
  if (node.type === 'image') replacement = node.alt ?? '';
  else if (node.type === 'link' && children.length > 0) {
    const text = source.slice(children[0]!.position!.start.offset!, children.at(-1)!.position!.end.offset!);
    // A bare URL (`https://…`, `<https://…>`) is all link: it goes.
    replacement = text.trim() === node.url.trim() || /^(https?:\/\/|www\.)/i.test(text.trim()) ? '' : text;
  }
  let host = node.url;
  try {
    host = new URL(node.url.trim(), 'https://invalid.invalid').hostname;
  } catch {
    // keep the URL as written in the message
  }
  const point = locator.toPoint(start);
  return {
    start,
    end,
    replacement,
    finding: {
      ruleId: 'external-links',
      severity: 'warning',
      line: point.line,
      column: point.column,
      reason: `Unlinked ${node.type === 'image' ? 'an image' : node.type === 'definition' ? 'a link definition' : 'a link'} to ${host}, a host not in validation.allowedHosts (models invent URLs)`,
      fix: 'Nothing to do; to keep links to this host, add it to validation.allowedHosts.',
    },
  };
}

function esmEdits(node: Paragraph, source: string, locator: Locator): Edit[] {
  const start = node.position?.start.offset;
  if (start === undefined) return [];
  const edits: Edit[] = [];
  let offset = start;
  for (const line of sourceOf(node, source).split('\n')) {
    if (ESM_LINE.test(line)) {
      const end = Math.min(source.length, offset + line.length + 1);
      edits.push({
        start: offset,
        end,
        replacement: '',
        finding: removal(SAFETY, 'error', locator, offset, `Removed an MDX ${line.trim().split(/\s/)[0]} line`),
      });
    }
    offset += line.length + 1;
  }
  return edits;
}

function braceEdits(node: Text, source: string, locator: Locator): Edit[] {
  const start = node.position?.start.offset;
  if (start === undefined) return [];
  const braces = unescapedBraces(sourceOf(node, source));
  return braces.map(
    (offset, index): Edit => ({
      start: start + offset,
      end: start + offset,
      replacement: '\\',
      ...(index === 0
        ? {
            finding: removal(
              SAFETY,
              'error',
              locator,
              start + offset,
              `Escaped ${braces.length} brace(s) that MDX would run as an expression`,
            ),
          }
        : {}),
    }),
  );
}

/** Apply edits from the end backwards; an edit overlapping one already applied waits for the next pass. */
function applyEdits(text: string, edits: Edit[]): { text: string; findings: Finding[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const findings: Finding[] = [];
  let result = text;
  let floor = Number.POSITIVE_INFINITY; // start of the leftmost applied edit
  for (const edit of sorted) {
    const zeroWidth = edit.start === edit.end;
    if (zeroWidth ? edit.start > floor : edit.end > floor) continue;
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
    floor = edit.start;
    if (edit.finding) findings.push(edit.finding);
  }
  return { text: result, findings: findings.reverse() };
}

function escapeRemainingHtml(source: string): string {
  const tree = parseMarkdown(source);
  const ranges: [number, number][] = [];
  visit(tree, 'html', (node) => {
    if (findHtmlProblems(node.value).length === 0) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
  });
  let result = source;
  for (const [start, end] of ranges.reverse())
    result = result.slice(0, start) + result.slice(start, end).replaceAll('<', '&lt;') + result.slice(end);
  return result;
}

function removal(
  ruleId: string,
  severity: Finding['severity'],
  locator: Locator,
  offset: number,
  reason: string,
): Finding {
  const point = locator.toPoint(offset);
  return {
    ruleId,
    severity,
    line: point.line,
    column: point.column,
    reason,
    fix: 'Nothing to do: the sanitizer removed it; write Markdown instead.',
  };
}

import type { Point } from 'unist';
import type { Node } from 'unist';
import { location } from 'vfile-location';

/** Offsets ↔ 1-based line:column in one text. */
export interface Locator {
  toPoint(offset: number): Point;
  toOffset(point: { line: number; column: number }): number;
}

/**
 * vfile-location does the work (CR, LF and CRLF line endings, as micromark counts them);
 * offsets past the end clamp to the end, as a finding must still point somewhere.
 */
export function createLocator(text: string): Locator {
  const place = location(text);
  return {
    toPoint(offset) {
      return place.toPoint(Math.min(Math.max(0, offset), text.length)) ?? { line: 1, column: 1, offset: 0 };
    },
    toOffset(point) {
      return place.toOffset(point) ?? text.length;
    },
  };
}

/**
 * Where index `index` of a node's value sits in the file. Exact when the node's source
 * is its value verbatim (the usual case); else the node's start, which is still close.
 */
export function pointInNode(node: Node, index: number, source: string, locator: Locator): Point | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end || start.offset === undefined || end.offset === undefined) return start;
  const value = (node as { value?: unknown }).value;
  if (typeof value === 'string' && source.slice(start.offset, end.offset) === value) {
    return locator.toPoint(start.offset + index);
  }
  return start;
}

/** The source text of a node, or '' when it has no offsets. */
export function sourceOf(node: Node, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end);
}

/**
 * Map offsets in a node's value to offsets in the file. Inside blockquotes and lists the
 * value of a multi-line node lacks the container prefix (`> `, indentation) of each line
 * after the first; each value line is a suffix of its source line.
 */
export function valueToFileOffset(node: Node, source: string, locator: Locator): (offset: number) => number {
  const value = String((node as { value?: unknown }).value ?? '');
  const start = node.position?.start;
  const base = start?.offset ?? 0;
  const startLine = start?.line ?? 1;
  const lineStarts = [0];
  for (let i = 0; i < value.length; i++) if (value[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    if (line === 0) return base + offset;
    const valueLineEnd = value.indexOf('\n', lineStarts[line]!);
    const valueLineLength = (valueLineEnd === -1 ? value.length : valueLineEnd) - lineStarts[line]!;
    const fileLineStart = locator.toOffset({ line: startLine + line, column: 1 });
    const fileLineEnd = source.indexOf('\n', fileLineStart);
    const fileLineLength = (fileLineEnd === -1 ? source.length : fileLineEnd) - fileLineStart;
    const prefix = Math.max(0, fileLineLength - valueLineLength);
    return fileLineStart + prefix + (offset - lineStarts[line]!);
  };
}

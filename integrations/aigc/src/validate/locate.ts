import type { Point } from 'unist';
import type { Node } from 'unist';

/** Offsets ↔ 1-based line:column in one text. */
export interface Locator {
  toPoint(offset: number): Point;
  toOffset(point: { line: number; column: number }): number;
}

export function createLocator(text: string): Locator {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return {
    toPoint(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - starts[low]! + 1, offset };
    },
    toOffset(point) {
      return (starts[point.line - 1] ?? text.length) + point.column - 1;
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

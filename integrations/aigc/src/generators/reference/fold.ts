/**
 * Long declarations folded across lines, as a formatter would: an object type or parameter
 * list that does not fit is opened up one member per line. Never truncated: every character
 * of the declaration stays, only whitespace changes.
 */

/** Lines longer than this are folded. */
const WIDTH = 100;

const CLOSE: Record<string, string> = { '{': '}', '(': ')', '[': ']', '<': '>' };

/** Fold every over-long line of a declaration. */
export function foldDeclaration(text: string, width = WIDTH): string {
  return text
    .split('\n')
    .map((line) => {
      const indent = /^\s*/.exec(line)![0];
      return foldLine(line.slice(indent.length), indent, width);
    })
    .join('\n');
}

function foldLine(line: string, indent: string, width: number): string {
  if (indent.length + line.length <= width) return indent + line;
  const group = widestGroup(line);
  if (!group) return indent + line;
  const { open, close } = group;
  const separator = line[open] === '{' ? ';' : ',';
  const parts = splitTopLevel(line.slice(open + 1, close), separator);
  if (parts.length === 0) return indent + line;
  const inner = `${indent}  `;
  const lines = parts.map((part, index) =>
    foldLine(`${part}${separator === ';' || index < parts.length - 1 ? separator : ''}`, inner, width),
  );
  return [`${indent}${line.slice(0, open + 1)}`, ...lines, foldLine(line.slice(close), indent, width)].join('\n');
}

/**
 * The outermost bracket group to open: the first parameter list or object type long enough
 * to be worth it, else the first such type argument list, else the widest (string literals
 * and `=>` skipped). What follows it is folded in turn.
 */
function widestGroup(line: string): { open: number; close: number } | undefined {
  const groups: { open: number; close: number }[] = [];
  const stack: { char: string; at: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === '"' || char === "'" || char === '`') {
      i = endOfString(line, i);
      continue;
    }
    if (char === '>' && line[i - 1] === '=') continue;
    if (char in CLOSE) stack.push({ char, at: i });
    else if (stack.length > 0 && CLOSE[stack[stack.length - 1]!.char] === char) {
      const { at } = stack.pop()!;
      if (stack.length === 0 && i - at > 2) groups.push({ open: at, close: i });
    }
  }
  const worth = (g: { open: number; close: number }) => g.close - g.open > 30;
  return (
    groups.find((g) => worth(g) && line[g.open] !== '<') ??
    groups.find(worth) ??
    groups.reduce<{ open: number; close: number } | undefined>(
      (best, g) => (!best || g.close - g.open > best.close - best.open ? g : best),
      undefined,
    )
  );
}

function endOfString(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}

/** `a; b; c` → its parts at bracket depth 0, trimmed, empty ones dropped. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'" || char === '`') {
      i = endOfString(text, i);
      continue;
    }
    if (char === '>' && text[i - 1] === '=') continue;
    if (char in CLOSE) depth++;
    else if (')]}>'.includes(char)) depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

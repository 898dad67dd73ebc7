import { LineCounter, parse, parseDocument, YAMLParseError } from 'yaml';

/**
 * Parse a YAML settings file (lexicon, glossary); a syntax error names the file, the line
 * and column, and shows what a valid entry looks like.
 */
export function parseYamlFile(text: string, file: string, example: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    let [start] = error.linePos ?? [];
    // An unclosed quote is noticed where the file ends; point at the quote that opened it.
    const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
    const opened = quote ? text.lastIndexOf(quote, error.pos[0] - 1) : -1;
    if (opened !== -1) {
      const before = text.slice(0, opened).split('\n');
      start = { line: before.length, col: before.at(-1)!.length + 1 };
    }
    const where = start ? `${file}:${start.line}:${start.col}` : file;
    const reason = error.message
      .split('\n')[0]!
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace('Missing closing "quote', 'Missing closing " quote')
      .replace("Missing closing 'quote", "Missing closing ' quote");
    throw new Error(`${where}: ${reason}\n  fix: write valid YAML, e.g.\n${example.replace(/^/gm, '    ')}`);
  }
}

/**
 * `file:line:column` of the value at `path` in a YAML text (the key's line when the value
 * has none; line 1 when the path is not there), for messages about a file's shape.
 */
export function yamlLocation(text: string, file: string, path: readonly (string | number)[]): string {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  let offset = 0;
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (range) offset = range[0];
  else if (path.length > 0) {
    const parent = doc.getIn(path.slice(0, -1), true) as
      | { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] }
      | undefined;
    const pair = parent?.items?.find((item) => item.key?.value === path.at(-1));
    if (pair?.key?.range) offset = pair.key.range[0];
  }
  const { line, col } = lines.linePos(offset);
  return `${file}:${line}:${col}`;
}

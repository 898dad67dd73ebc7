import { parse, YAMLParseError } from 'yaml';

/**
 * Parse a YAML settings file (lexicon, glossary); a syntax error names the file, the line
 * and column, and shows what a valid entry looks like.
 */
export function parseYamlFile(text: string, file: string, example: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const [start] = error.linePos ?? [];
    const where = start ? `${file}:${start.line}:${start.col}` : file;
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new Error(`${where}: ${reason}\n  fix: write valid YAML, e.g.\n${example.replace(/^/gm, '    ')}`);
  }
}

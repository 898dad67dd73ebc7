import type { Code } from 'mdast';
import { parse as parseToml } from 'smol-toml';
import { visit } from 'unist-util-visit';
import { parseAllDocuments } from 'yaml';
import type { Rule } from '../context.ts';
import { createLocator } from '../locate.ts';
import { report } from '../report.ts';

export const RULE_ID = 'fence-syntax';

/** A syntax error inside a block, 1-based in the block's own text. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

type Checker = (code: string) => SyntaxProblem | undefined;

const CHECKERS: Record<string, Checker> = {
  json: checkJson,
  yaml: checkYaml,
  yml: checkYaml,
  toml: checkToml,
};

/** JSON, YAML and TOML blocks parse; the finding points at the error inside the page. */
export const fenceSyntax: Rule = (tree, file) => {
  visit(tree, 'code', (node: Code) => {
    const checker = node.lang ? CHECKERS[node.lang.toLowerCase()] : undefined;
    const start = node.position?.start;
    if (!checker || !start) return;
    const problem = checker(node.value);
    if (!problem) return;
    // Content starts on the line after the opening fence, indented like the fence.
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: { line: start.line + problem.line, column: start.column - 1 + problem.column },
      reason: `Invalid ${node.lang!.toUpperCase()} in code block: ${problem.message}`,
      fix: `Make the block valid ${node.lang!.toUpperCase()} (it is shown to readers as a working example).`,
    });
  });
};

export function checkJson(code: string): SyntaxProblem | undefined {
  try {
    JSON.parse(code);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn)
      return { line: Number(lineColumn[1]), column: Number(lineColumn[2]), message: cleanJsonMessage(message) };
    const position = /position (\d+)/.exec(message);
    const point = createLocator(code).toPoint(position ? Number(position[1]) : code.length);
    return { line: point.line, column: point.column, message: cleanJsonMessage(message) };
  }
}

function cleanJsonMessage(message: string): string {
  return message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, ".*" is not valid JSON$/, '');
}

export function checkYaml(code: string): SyntaxProblem | undefined {
  for (const document of parseAllDocuments(code)) {
    const error = document.errors[0];
    if (error) {
      const at = error.linePos?.[0] ?? { line: 1, col: 1 };
      return {
        line: at.line,
        column: at.col,
        message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      };
    }
  }
  return undefined;
}

export function checkToml(code: string): SyntaxProblem | undefined {
  try {
    parseToml(code);
    return undefined;
  } catch (error) {
    const { line, column, message } = error as { line?: number; column?: number; message: string };
    return { line: line ?? 1, column: column ?? 1, message: message.split('\n')[0]! };
  }
}

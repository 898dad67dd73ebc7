/**
 * Rule `api-symbol`: a page about a package may only name API the package has. Inline
 * code (`createGreeter()`, `Greeter.greet`) and imports from the package in code blocks
 * are checked against the extracted ApiModel; near misses get a "did you mean".
 * Positions are 1-based line:column in the page as given (frontmatter included).
 */
import type { Code, InlineCode, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { allSymbols, type ApiModel, type ApiSymbol } from './model.ts';
import { didYouMean } from '../../utils/did-you-mean.ts';
import type { Finding } from '../../validate/finding.ts';
import { parseMarkdown } from '../../utils/markdown.ts';

export const RULE_ID = 'api-symbol';

/** A fenced block with where its text starts in the page. */
export interface CodeBlock {
  lang: string;
  meta: string;
  value: string;
  /** File position of value offset `offset`. */
  positionOf(offset: number): { line: number; column: number };
}

export interface InlineCodeSpan {
  value: string;
  positionOf(offset: number): { line: number; column: number };
}

/** The page's fenced code blocks and inline code spans, with offset → line:column maps. */
export function codeOf(markdown: string): { blocks: CodeBlock[]; spans: InlineCodeSpan[] } {
  const tree = parseMarkdown(markdown);
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  const spans: InlineCodeSpan[] = [];
  visit(tree, 'code', (node: Code) => {
    const start = node.position?.start;
    if (!start) return;
    const valueLines = node.value.split('\n');
    const starts = [0];
    for (const line of valueLines.slice(0, -1)) starts.push(starts.at(-1)! + line.length + 1);
    blocks.push({
      lang: (node.lang ?? '').toLowerCase(),
      meta: node.meta ?? '',
      value: node.value,
      positionOf(offset) {
        let index = 0;
        while (index + 1 < starts.length && starts[index + 1]! <= offset) index++;
        const line = start.line + 1 + index;
        // Inside lists and quotes each source line carries a prefix the value lacks.
        const prefix = Math.max(0, (lines[line - 1] ?? '').length - valueLines[index]!.length);
        return { line, column: prefix + offset - starts[index]! + 1 };
      },
    });
  });
  visit(tree, 'inlineCode', (node: InlineCode) => {
    const start = node.position?.start;
    const end = node.position?.end;
    if (!start || !end || start.offset === undefined || end.offset === undefined) return;
    const source = markdown.slice(start.offset, end.offset);
    const ticks = /^`+\s?/.exec(source)?.[0].length ?? 1;
    const inner = source.indexOf(node.value, ticks - 1);
    spans.push({
      value: node.value,
      positionOf(offset) {
        if (start.line !== end.line || inner < 0) return { line: start.line, column: start.column };
        return { line: start.line, column: start.column + inner + offset };
      },
    });
  });
  return { blocks, spans };
}

/** What the model's API offers, by name. */
interface ApiIndex {
  packageName: string;
  modules: Map<string, Set<string>>;
  top: Map<string, ApiSymbol>;
  /** Every name a page may mention: symbols, members, namespace children, parameters. */
  names: string[];
  nameSet: Set<string>;
}

/** Property names of an object type written as text (`{ Quiet: "quiet"; Loud: "loud" }`). */
function keysOfTypeText(type: string | undefined): string[] {
  if (!type?.startsWith('{')) return [];
  return [...type.matchAll(/[{;,]\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[:(]/g)].map((m) => m[1]!);
}

/** Names that may follow `Symbol.` (members, namespace children, object keys); undefined when unknown. */
function membersOf(symbol: ApiSymbol): Set<string> | undefined {
  const names = [
    ...symbol.members.map((m) => m.name),
    ...symbol.children.map((c) => c.name),
    ...keysOfTypeText(symbol.type),
  ];
  if (symbol.kind === 'class') names.push('prototype', 'name', 'length');
  if (names.length === 0 && symbol.kind !== 'enum' && symbol.kind !== 'namespace') return undefined;
  return new Set(names);
}

function indexOf(api: ApiModel): ApiIndex {
  const modules = new Map<string, Set<string>>();
  const top = new Map<string, ApiSymbol>();
  const names = new Set<string>();
  for (const module of api.modules) {
    // A default export is imported as `default` (any local name), not by the name its page uses.
    modules.set(module.name, new Set(module.symbols.map((s) => (s.defaultExport ? 'default' : s.name))));
    for (const symbol of module.symbols)
      if (!top.has(symbol.name) || symbol.members.length > 0) top.set(symbol.name, symbol);
  }
  for (const symbol of allSymbols(api)) {
    names.add(symbol.name);
    names.add(symbol.qualifiedName);
    for (const member of symbol.members) {
      names.add(member.name);
      for (const signature of member.signatures) for (const p of signature.parameters) names.add(p.name);
    }
    for (const key of keysOfTypeText(symbol.type)) names.add(key);
    for (const field of symbol.fields ?? []) for (const key of field.path.split('.')) names.add(key);
    for (const signature of symbol.signatures) {
      for (const p of signature.parameters) {
        names.add(p.name);
        for (const field of p.fields ?? []) names.add(field.path);
      }
    }
  }
  return { packageName: api.packageName, modules, top, names: [...names], nameSet: names };
}

/** Words that are never the package's API even when they look like identifiers. */
const GLOBALS = new Set(
  'true false null undefined this new await async return import export default const let var function class type interface enum extends implements typeof keyof void never any unknown string number boolean object symbol bigint Promise Array Object String Number Boolean Map Set WeakMap Date JSON Math Error RegExp Symbol console process globalThis window document fetch require module exports URL Response Request Headers'.split(
    ' ',
  ),
);

const IDENT = '[A-Za-z_$][\\w$]*';
const INLINE = new RegExp(`^(?:new\\s+|await\\s+)?(${IDENT}(?:\\??\\.${IDENT})*)\\s*(\\(.*\\))?;?$`, 's');

/** One finding for a name the API lacks. */
function missing(
  name: string,
  where: { line: number; column: number },
  index: ApiIndex,
  suggestion: string | undefined,
  what: string,
  candidates: readonly string[] = [...index.top.keys()],
): Finding {
  return {
    ruleId: RULE_ID,
    severity: 'error',
    line: where.line,
    column: where.column,
    reason: `\`${name}\` is not part of the ${index.packageName} API${what}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
    fix: suggestion
      ? `Write \`${suggestion}\` instead, or remove the mention.`
      : `Name only what the reference lists (${candidates
          .slice(0, 8)
          .map((n) => `\`${n}\``)
          .join(', ')}${candidates.length > 8 ? ', …' : ''}), or remove it.`,
  };
}

/** Check a dotted path such as `Greeter.greet` or `createGreter`; returns a finding when it is not in the API. */
function checkPath(
  path: string,
  call: boolean,
  position: (offset: number) => { line: number; column: number },
  index: ApiIndex,
): Finding | undefined {
  const parts = path.split(/\??\./);
  const head = parts[0]!;
  if (GLOBALS.has(head)) return undefined;
  const symbol = index.top.get(head);
  if (symbol) {
    if (parts.length < 2) return undefined;
    const members = membersOf(symbol);
    const member = parts[1]!;
    if (!members || members.has(member)) return undefined;
    const suggestion = didYouMean(member, [...members]);
    const known = [...members].map((m) => `${head}.${m}`);
    return missing(
      `${head}.${member}`,
      position(head.length + 1),
      index,
      suggestion ? `${head}.${suggestion}` : undefined,
      ` (${head} has no member \`${member}\`)`,
      known,
    );
  }
  if (index.nameSet.has(head) || index.nameSet.has(path)) return undefined;
  // An unknown name is the package's only when it is close to one of its names (a typo
  // or an invented variant); other libraries' names (`defineConfig()`) are not ours to judge.
  if (head.length < 3) return undefined;
  const suggestion = didYouMean(head, index.names);
  if (!suggestion) return undefined;
  if (!call && parts.length === 1 && suggestion.toLowerCase() !== head.toLowerCase() && /^[a-z]+$/.test(head)) {
    // A plain lower-case word in code (`title`, `lang`) is usually a value, not API.
    return undefined;
  }
  return missing(head, position(0), index, suggestion, '');
}

const IMPORT = /\bimport\s+(type\s+)?([\w$*{},\s]+?)\s+from\s+(['"])([^'"]+)\3/g;

/** Imports from the package in a code block: every imported name must be exported by that module. */
function checkBlock(block: CodeBlock, index: ApiIndex): Finding[] {
  const findings: Finding[] = [];
  const namespaces = new Map<string, Set<string>>();
  for (const match of block.value.matchAll(IMPORT)) {
    const specifier = match[4]!;
    const exported = index.modules.get(specifier);
    if (!exported) {
      if (specifier === index.packageName || specifier.startsWith(`${index.packageName}/`)) {
        const suggestion = didYouMean(specifier, [...index.modules.keys()]);
        const at = block.positionOf(match.index + match[0].lastIndexOf(specifier));
        findings.push(missing(specifier, at, index, suggestion, ' (no such module)'));
      }
      continue;
    }
    const clause = match[2]!;
    const clauseStart = match.index + match[0].indexOf(clause, match[1]?.length ?? 0);
    const star = /\*\s+as\s+([\w$]+)/.exec(clause);
    if (star) namespaces.set(star[1]!, exported);
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) {
      let offset = clauseStart + braces.index + 1;
      for (const part of braces[1]!.split(',')) {
        const name = /^\s*(?:type\s+)?([\w$]+)/.exec(part);
        if (name && !exported.has(name[1]!)) {
          const at = block.positionOf(offset + part.indexOf(name[1]!));
          findings.push(
            missing(
              name[1]!,
              at,
              index,
              didYouMean(name[1]!, [...exported]),
              ` (\`${specifier}\` does not export it)`,
              [...exported],
            ),
          );
        }
        offset += part.length + 1;
      }
    }
    const defaultName = /^\s*([\w$]+)\s*(,|$)/.exec(clause);
    if (defaultName && !exported.has('default')) {
      findings.push(
        missing(
          'default',
          block.positionOf(clauseStart),
          index,
          undefined,
          ` (\`${specifier}\` has no default export)`,
        ),
      );
    }
  }
  for (const [local, exported] of namespaces) {
    for (const use of block.value.matchAll(new RegExp(`\\b${local.replace(/\$/g, '\\$')}\\.(${IDENT})`, 'g'))) {
      const name = use[1]!;
      if (!exported.has(name))
        findings.push(
          missing(
            `${local}.${name}`,
            block.positionOf(use.index + local.length + 1),
            index,
            didYouMean(name, [...exported]),
            '',
          ),
        );
    }
  }
  return findings;
}

const CODE_LANGS = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'jsx', 'mts', 'mjs', 'cts', 'cjs']);

/** Every API-looking name in the page's inline code and code blocks must exist in `api`. */
export function checkApiSymbols(markdown: string, api: ApiModel): Finding[] {
  const index = indexOf(api);
  const { blocks, spans } = codeOf(markdown);
  const findings: Finding[] = [];
  for (const span of spans) {
    const text = span.value.trim();
    const match = INLINE.exec(text);
    if (!match) continue;
    const lead = span.value.indexOf(text) + match[0].indexOf(match[1]!);
    const finding = checkPath(match[1]!, match[2] !== undefined, (offset) => span.positionOf(lead + offset), index);
    if (finding) findings.push(finding);
  }
  for (const block of blocks) if (CODE_LANGS.has(block.lang)) findings.push(...checkBlock(block, index));
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The import graph of the integration's source, held to its layers: fails on any import
 * cycle and on any import a layer may not make (upwards, or sideways past what its row
 * allows), type-only imports included. The layers are read from the table in
 * integrations/aigc/ARCHITECTURE.md, so the picture and the rule cannot drift apart.
 * Run: npm run check:imports (`--src DIR --architecture FILE` to check another tree).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InlineCode, Root, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import ts from 'typescript';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

export interface Layer {
  name: string;
  /** Folders (ending in `/`) and files, relative to the source root. */
  files: string[];
  /** Names of the lower layers this one may import. */
  mayImport: string[];
}

export interface ImportEdge {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

export interface Problem {
  /** Source-root-relative file, and the line of the import when there is one. */
  file: string;
  line?: number;
  message: string;
}

const SOURCE = /\.(?:ts|mts|astro)$/;

/** The layers, lowest first, from the first table with `Layer`, `Files` and `May import` columns. */
export function readLayers(markdown: string): Layer[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  let table: Table | undefined;
  visit(tree, 'table', (node: Table) => {
    if (table) return;
    const header = node.children[0]?.children.map(cellText) ?? [];
    if (['layer', 'files', 'may import'].every((name) => header.includes(name))) table = node;
  });
  if (!table)
    throw new Error('No layer table: ARCHITECTURE.md needs a table with the columns Layer, Files and May import.');
  const header = table.children[0]!.children.map(cellText);
  const column = (name: string) => header.indexOf(name);
  return table.children.slice(1).map((row) => ({
    name: codes(row.children[column('layer')])[0] ?? cellText(row.children[column('layer')]),
    files: codes(row.children[column('files')]),
    mayImport: codes(row.children[column('may import')]),
  }));
}

function cellText(cell: TableCell | undefined): string {
  let text = '';
  if (cell)
    visit(cell, (node) => {
      if ('value' in node && typeof node.value === 'string') text += node.value;
    });
  return text.trim().toLowerCase();
}

/** The inline-code spans of a cell: layer names and file patterns are written as code. */
function codes(cell: TableCell | undefined): string[] {
  const found: string[] = [];
  if (cell) visit(cell, 'inlineCode', (node: InlineCode) => void found.push(node.value));
  return found;
}

/** Every source file under `root`, as `/`-separated relative paths, sorted. */
export function listSources(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}

/** The relative imports of one file (static, re-exports, `import()` with a literal), resolved against `files`. */
export function readImports(root: string, file: string, files: ReadonlySet<string>): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const block of scriptBlocks(file, text)) {
    const source = ts.createSourceFile(file, block.code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const add = (specifier: ts.Expression | undefined, node: ts.Node, typeOnly: boolean) => {
      if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
      const target = relative(root, resolve(root, dirname(file), specifier.text))
        .split(sep)
        .join('/');
      if (!files.has(target)) return;
      const line = block.line + source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      edges.push({ from: file, to: target, line, typeOnly });
    };
    const visitNode = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const named =
          clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(node.moduleSpecifier, node, typeOnly);
      } else if (ts.isExportDeclaration(node)) {
        add(node.moduleSpecifier, node, node.isTypeOnly);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node.arguments[0], node, false);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        add(node.argument.literal as ts.Expression, node, true);
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(source);
  }
  return edges;
}

/** The script parts of a file: all of a `.ts`; an `.astro` file's frontmatter and `<script>` elements. */
function scriptBlocks(file: string, text: string): { code: string; line: number }[] {
  if (extname(file) !== '.astro') return [{ code: text, line: 1 }];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const blocks: { code: string; line: number }[] = [];
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (frontmatter) blocks.push({ code: frontmatter[1]!, line: 2 });
  for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    blocks.push({ code: match[1]!, line: lineAt(match.index + match[0].indexOf('>') + 1) });
  }
  return blocks;
}

/** Which layer a file belongs to: the longest pattern that matches it. */
function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const pattern of layer.files) {
      const matches = pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern;
      if (matches && (!best || pattern.length > best.length)) best = { layer, length: pattern.length };
    }
  }
  return best?.layer;
}

/** Import cycles, each as its files in import order (Tarjan's strongly connected components). */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || next.get(file)?.includes(file)) cycles.push(component.reverse());
  };
  for (const file of [...next.keys()].sort()) if (!index.has(file)) connect(file);
  return cycles;
}

/** Everything wrong with the tree under `root` against the layers in `architecture`. */
export function checkImports(root: string, architecture: string): Problem[] {
  const layers = readLayers(readFileSync(architecture, 'utf8'));
  const problems: Problem[] = [];
  const rank = new Map(layers.map((layer, i) => [layer.name, i]));
  for (const [i, layer] of layers.entries()) {
    for (const name of layer.mayImport) {
      const at = rank.get(name);
      if (at === undefined)
        problems.push({
          file: architecture,
          message: `layer ${layer.name} may import \`${name}\`, which is no layer of the table. Fix the name.`,
        });
      else if (at >= i)
        problems.push({
          file: architecture,
          message: `layer ${layer.name} may import ${name}, which is not below it. List layers lowest first; a layer imports only lower ones.`,
        });
    }
  }
  const files = listSources(root);
  const known = new Set(files);
  const edges = files.flatMap((file) => readImports(root, file, known));
  for (const file of files) {
    if (!layerOf(file, layers))
      problems.push({
        file,
        message: `is in no layer. Add it (or its folder) to the Files of one row of the layer table in ${relative(process.cwd(), architecture)}.`,
      });
  }
  for (const edge of edges) {
    const from = layerOf(edge.from, layers);
    const to = layerOf(edge.to, layers);
    if (!from || !to || from === to) continue;
    const kind = edge.typeOnly ? 'type import' : 'import';
    if (rank.get(to.name)! > rank.get(from.name)!) {
      problems.push({
        file: edge.from,
        line: edge.line,
        message: `${kind} of ${edge.to} runs up from ${from.name} to ${to.name}. Move what both need down to ${from.name} or below, or pass it in from above.`,
      });
    } else if (!from.mayImport.includes(to.name)) {
      problems.push({
        file: edge.from,
        line: edge.line,
        message: `${kind} of ${edge.to}: ${from.name} may import ${from.mayImport.join(', ') || 'nothing'}, not ${to.name}. Pass it in from above, or change the layer table if the rule is wrong.`,
      });
    }
  }
  for (const cycle of findCycles(edges)) {
    const first = edges.find((e) => e.from === cycle[0] && cycle.includes(e.to));
    problems.push({
      file: cycle[0]!,
      ...(first ? { line: first.line } : {}),
      message: `import cycle: ${[...cycle, cycle[0]].join(' -> ')}. Move what they share into a file both import, or pass it in.`,
    });
  }
  return problems;
}

function main(argv: string[]): number {
  const flag = (name: string, fallback: string) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
  };
  const root = resolve(flag('--src', 'integrations/aigc/src'));
  const architecture = resolve(flag('--architecture', 'integrations/aigc/ARCHITECTURE.md'));
  const problems = checkImports(root, architecture);
  const shown = (file: string) => relative(process.cwd(), resolve(root, file));
  for (const p of problems) console.error(`${shown(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  if (problems.length > 0) {
    console.error(
      `check-imports: ${problems.length} problem(s); the layers are in ${relative(process.cwd(), architecture)}.`,
    );
    return 1;
  }
  console.log(
    `check-imports: ${listSources(root).length} files, no cycles, no import against the layers of ${relative(process.cwd(), architecture)}.`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));

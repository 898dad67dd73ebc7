/**
 * Rule `typescript`: every ```ts block of a page type-checks against the real package.
 * Each block becomes a virtual module next to the project root; imports of the package
 * (and its subpaths) resolve to the files the reference was extracted from, everything
 * else resolves as the project would. Errors land on line:column inside the page.
 */
import { join } from 'node:path';
import type TypeScript from 'typescript';
import { resolveSource, typescript } from './source.ts';
import { codeOf, type CodeBlock } from './check-symbols.ts';
import type { Finding } from '../../validate/finding.ts';

export const RULE_ID = 'typescript';

export interface TypeScriptCheckOptions {
  /** The package name snippets import (`fixture-api`, `astro-aigc`). */
  packageName: string;
  /** The reference `source`: a `.ts` entry of the project or an installed package name. */
  entry: string;
  /** Project root (node_modules and the entry are resolved from here). */
  root: string;
}

const TS_LANGS = new Set(['ts', 'typescript', 'mts', 'cts', 'tsx']);

/** Parsed library files (lib.*.d.ts, @types, the package's .d.ts) kept across checks: a repair loop re-checks often. */
const sourceFileCache = new Map<string, TypeScript.SourceFile>();
const CACHE_LIMIT = 2000;

function compilerOptions(
  ts: typeof TypeScript,
  paths: Record<string, string[]>,
  root: string,
): TypeScript.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ts.sys.fileExists(join(root, 'node_modules/@types/node/package.json')) ? ['node'] : [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.Preserve,
    baseUrl: root,
    paths,
  };
}

/** `import … from '<package>'` → the entry files the reference came from. */
function packagePaths(options: TypeScriptCheckOptions): Record<string, string[]> {
  const resolved = resolveSource(options.entry, options.root);
  const paths: Record<string, string[]> = {};
  for (const entry of resolved.entries) paths[entry.module] = [entry.file];
  if (!paths[options.packageName] && resolved.entries[0]) paths[options.packageName] = [resolved.entries[0].file];
  return paths;
}

/** Type-check every TypeScript block of `markdown`; one finding per compiler error. */
export async function checkTypeScriptBlocks(markdown: string, options: TypeScriptCheckOptions): Promise<Finding[]> {
  const blocks = codeOf(markdown).blocks.filter((b) => TS_LANGS.has(b.lang) && !/\b(no-?check|nocheck)\b/.test(b.meta));
  if (blocks.length === 0) return [];
  const ts = typescript();
  const compiler = compilerOptions(ts, packagePaths(options), options.root);
  // Virtual files sit in the root so node_modules resolution works as for project code.
  const virtual = new Map<string, { block: CodeBlock; text: string }>();
  blocks.forEach((block, index) => {
    const name = join(options.root, `__aigc_snippet_${index + 1}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`)
      .split('\\')
      .join('/');
    virtual.set(name, { block, text: block.value });
  });

  const host = ts.createCompilerHost(compiler, true);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const snippet = virtual.get(fileName);
    if (snippet) return ts.createSourceFile(fileName, snippet.text, languageVersion, true);
    const key = `${typeof languageVersion === 'object' ? languageVersion.languageVersion : languageVersion}:${fileName}`;
    const cached = sourceFileCache.get(key);
    if (cached) return cached;
    const file = baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
    // Only files that do not change during a build are kept: libraries and declarations.
    if (file && (fileName.includes('/node_modules/') || fileName.endsWith('.d.ts'))) {
      if (sourceFileCache.size >= CACHE_LIMIT) sourceFileCache.clear();
      sourceFileCache.set(key, file);
    }
    return file;
  };
  const baseFileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || baseFileExists(fileName);
  const baseReadFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(fileName)?.text ?? baseReadFile(fileName);
  host.getCurrentDirectory = () => options.root;

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: compiler, host });
  const findings: Finding[] = [];
  for (const [fileName, { block }] of virtual) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    for (const diagnostic of diagnostics) {
      if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
      const where = block.positionOf(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      findings.push({
        ruleId: RULE_ID,
        severity: 'error',
        line: where.line,
        column: where.column,
        reason: `TS${diagnostic.code}: ${message.split('\n')[0]}`,
        fix: fixFor(diagnostic.code, options.packageName),
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function fixFor(code: number, packageName: string): string {
  switch (code) {
    case 2305:
    case 2724:
      return `Import only names ${packageName} exports (see the API reference).`;
    case 2307:
      return `Import from "${packageName}" or a module the project has installed.`;
    case 2304:
    case 2552:
      return 'Declare or import every name the example uses, so the example runs as written.';
    case 2339:
    case 2551:
      return 'Use only properties the type has (see its reference page).';
    case 2345:
    case 2322:
      return 'Pass values of the types the signature asks for (see the parameter table).';
    default:
      return 'Change the example so it compiles against the package as published.';
  }
}

/**
 * `source` → ApiModel, with TypeDoc doing the reading. Cached by the hash of the source
 * files: a second extraction of unchanged sources reads one JSON file and starts no
 * compiler.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
// Loaded only through `loadExtractor()` (generators/reference.ts): TypeDoc is an optional peer.

import {
  Application,
  Converter,
  ReflectionKind,
  TSConfigReader,
  type DeclarationReflection,
  type ProjectReflection,
  type Reflection,
} from 'typedoc';
import { writeFileAtomic } from '../../utils/atomic-write.ts';
import { installedVersion } from '../../utils/optional-dependency.ts';
import { sha256 } from '../../utils/hash.ts';
import { toProjectPath } from '../../utils/paths.ts';
import { declaredTypeOf, factsOf, namesOnly, type ReflectionFacts } from './facts.ts';
import { mapProject, type MappedProject } from './map.ts';
import { EXTRACT_VERSION, type ApiModel } from './model.ts';
import { sourceFingerprint, typescript, type ResolvedSource } from './source.ts';
import { existsSync, readFile, readFileSync } from '../../utils/read-ledger.ts';

const TYPEDOC_VERSION = installedVersion('typedoc') ?? 'missing';

export interface ExtractOptions {
  /** Folder for cached models (default `<root>/node_modules/.aigc/reference`). */
  cacheDir?: string;
}

export interface ExtractResult {
  model: ApiModel;
  /** Whether the model came from the cache. */
  cached: boolean;
}

/** Extract the public API of `source` (a project `.ts` entry or an installed package name). */
export async function extractApi(source: string, root: string, options: ExtractOptions = {}): Promise<ApiModel> {
  return (await extractApiWithStatus(source, root, options)).model;
}

/** `extractApi`, also saying whether the cache answered (for tests and the benchmark). */
export async function extractApiWithStatus(
  source: string,
  root: string,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const { resolved, files, hash } = sourceFingerprint(source, root);
  const cacheDir = options.cacheDir ?? join(root, 'node_modules/.aigc/reference');
  const cacheKey = sha256(`${EXTRACT_VERSION}\n${TYPEDOC_VERSION}\n${source}\n${hash}`);
  const cacheFile = join(cacheDir, `${cacheKey}.json`);
  try {
    return { model: JSON.parse(await readFile(cacheFile, 'utf8')) as ApiModel, cached: true };
  } catch {
    // Not cached yet (or unreadable): extract.
  }
  // Jobs of one run that read the same source (the reference and a guide held to it) share
  // one TypeDoc run instead of racing to write the same cache file.
  let running = inFlight.get(cacheFile);
  if (!running) {
    running = extractUncached(source, root, { resolved, files, hash }, cacheDir, cacheFile).finally(() =>
      inFlight.delete(cacheFile),
    );
    inFlight.set(cacheFile, running);
  }
  return { model: await running, cached: false };
}

const inFlight = new Map<string, Promise<ApiModel>>();

async function extractUncached(
  source: string,
  root: string,
  { resolved, files, hash }: ReturnType<typeof sourceFingerprint>,
  cacheDir: string,
  cacheFile: string,
): Promise<ApiModel> {
  const { project, facts, declaredTypes } = await convert(resolved, cacheDir);
  const { modules, typeLinks, internalRefs } = mapProject({
    project,
    modules: moduleReflections(project, resolved),
    sourceOf: (reflection) => sourceOf(reflection, root),
    facts,
    declaredTypes,
    packageName: resolved.packageName,
  });
  const model: ApiModel = {
    schema: 2,
    packageName: resolved.packageName,
    ...(resolved.packageVersion ? { packageVersion: resolved.packageVersion } : {}),
    source,
    sourceHash: hash,
    files: files.map((file) => toProjectPath(root, file)),
    modules,
    typeLinks,
    internals: internalsOf(internalRefs, root),
  };
  await writeFileAtomic(cacheFile, JSON.stringify(model));
  return model;
}

/** Run TypeDoc on the entries with a generated tsconfig naming exactly them. */
async function convert(
  resolved: ResolvedSource,
  cacheDir: string,
): Promise<{ project: ProjectReflection; facts: Map<number, ReflectionFacts>; declaredTypes: Map<number, string> }> {
  const tsconfig = await writeTsconfig(resolved, cacheDir);
  const app = await Application.bootstrapWithPlugins(
    {
      entryPoints: resolved.entries.map((e) => e.file),
      entryPointStrategy: 'resolve',
      tsconfig,
      plugin: [],
      skipErrorChecking: true,
      excludePrivate: true,
      excludeProtected: false,
      excludeExternals: false,
      excludeReferences: false,
      disableGit: true,
      sourceLinkTemplate: 'about:blank',
      readme: 'none',
      sort: ['source-order'],
      logLevel: 'Error',
      name: resolved.packageName,
    },
    [new TSConfigReader()],
  );
  // What only the checker knows (a default export's own name, merged declarations, the
  // fields and defaults of options types), read while it is at hand.
  const ts = typescript();
  const facts = new Map<number, ReflectionFacts>();
  const declaredTypes = new Map<number, string>();
  app.converter.on(Converter.EVENT_CREATE_PARAMETER, (context, parameter) => {
    const text = declaredTypeOf(ts, context, parameter);
    if (text) declaredTypes.set(parameter.id, text);
  });
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (_context, signature, node) => {
    // Keyed `-id`: the declared return type of a signature, apart from its parameters'.
    const returns = node && 'type' in node ? node.type : undefined;
    if (returns && ts.isTypeNode(returns) && namesOnly(ts, returns))
      declaredTypes.set(-signature.id, returns.getText().replace(/\s+/g, ' '));
  });
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Property)) {
      const text = declaredTypeOf(ts, context, reflection);
      if (text) declaredTypes.set(reflection.id, text);
    }
    const parent = reflection.parent;
    if (!parent || !(parent.isProject() || parent.kindOf(ReflectionKind.SomeModule))) return;
    const found = factsOf(ts, context, reflection, reflection.kindOf(ReflectionKind.TypeAlias) ? 'type' : 'other');
    if (found) facts.set(reflection.id, found);
  });
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) {
    throw new Error(
      `TypeDoc could not read the API of ${resolved.entries.map((e) => e.file).join(', ')}. Run \`npx typedoc --json /dev/null ${resolved.entries[0]?.file ?? ''}\` to see why.`,
    );
  }
  return { project, facts, declaredTypes };
}

/** Declarations of the types the API names but does not export, read from their files: shown as internal, never a dead name. */
function internalsOf(refs: MappedProject['internalRefs'], root: string): ApiModel['internals'] {
  const ts = typescript();
  const out: ApiModel['internals'] = [];
  const files = new Map<string, import('typescript').SourceFile>();
  for (const ref of refs) {
    let file = files.get(ref.fileName);
    if (!file) {
      try {
        file = ts.createSourceFile(ref.fileName, readFileSync(ref.fileName, 'utf8'), ts.ScriptTarget.Latest, true);
      } catch {
        continue;
      }
      files.set(ref.fileName, file);
    }
    const node = declarationAt(ts, file, ref.pos);
    if (!node) continue;
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const doc = docs
      .map((d) => (typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? '')))
      .join('\n')
      .trim();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    out.push({
      name: ref.name,
      declaration: declarationText(ts, node),
      doc,
      source: { file: relative(root, ref.fileName).split('\\').join('/'), line: line + 1 },
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function declarationAt(
  ts: typeof import('typescript'),
  file: import('typescript').SourceFile,
  pos: number,
): import('typescript').Node | undefined {
  let found: import('typescript').Node | undefined;
  const visit = (node: import('typescript').Node): void => {
    if (pos < node.pos || pos >= node.end) return;
    if (
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isEnumDeclaration(node) ||
      ts.isVariableStatement(node) ||
      ts.isFunctionDeclaration(node)
    )
      found = node;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The declaration as written, without its doc comment and `export`, bodies of classes left out. */
function declarationText(ts: typeof import('typescript'), node: import('typescript').Node): string {
  const text = node.getText().replace(/^export\s+(declare\s+)?/, '');
  // A function's body is no part of its API; a schema const (`typeof Schema`) is shown whole.
  if (ts.isFunctionDeclaration(node) && node.body)
    return text.slice(0, node.body.getStart() - node.getStart() - (node.getText().length - text.length)).trim();
  if (!ts.isClassDeclaration(node)) return text;
  const members = node.members
    .filter((m) => !ts.isConstructorDeclaration(m) || m.parameters.length > 0)
    .map((m) => {
      const own = m.getText();
      return ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) ? own.replace(/\s*\{[\s\S]*\}\s*$/, ';') : own;
    });
  return `${text.slice(0, text.indexOf('{')).trim()} {\n${members.map((m) => `  ${m}`).join('\n')}\n}`;
}

/**
 * A tsconfig with the entries as its only roots: it extends the nearest project tsconfig
 * (keeping its paths and settings) for project source, or uses strict NodeNext defaults
 * for an installed package, which has none.
 */
async function writeTsconfig(resolved: ResolvedSource, cacheDir: string): Promise<string> {
  const near = resolved.installed ? undefined : findTsconfig(dirname(resolved.entries[0]!.file));
  const config = {
    ...(near ? { extends: near } : {}),
    compilerOptions: {
      ...(near
        ? {}
        : { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, lib: ['ES2023', 'DOM'] }),
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
    },
    files: resolved.entries.map((e) => e.file),
    include: [],
  };
  await mkdir(cacheDir, { recursive: true });
  const path = join(cacheDir, `tsconfig.${sha256(JSON.stringify(config)).slice(0, 16)}.json`);
  await writeFile(path, JSON.stringify(config, null, 2));
  return path;
}

function findTsconfig(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** One entry: the project is the module. Several: TypeDoc makes a module per entry, in order. */
function moduleReflections(
  project: ProjectReflection,
  resolved: ResolvedSource,
): { reflection: ProjectReflection | DeclarationReflection; name: string }[] {
  if (resolved.entries.length === 1) return [{ reflection: project, name: resolved.entries[0]!.module }];
  const modules = (project.children ?? []).filter((c) => c.kindOf(ReflectionKind.Module));
  return resolved.entries.map((entry) => {
    const reflection =
      modules.find((m) => m.sources?.some((s) => resolve(s.fullFileName) === entry.file)) ??
      modules.find((m) => entry.file.replace(/\.(d\.)?[cm]?tsx?$/, '').endsWith(m.name));
    if (!reflection) throw new Error(`TypeDoc made no module for ${entry.file} (${entry.module}).`);
    return { reflection, name: entry.module };
  });
}

function sourceOf(reflection: Reflection, root: string): { file: string; line: number } | undefined {
  const declaration = reflection as Partial<DeclarationReflection>;
  const source = declaration.sources?.[0] ?? declaration.signatures?.[0]?.sources?.[0];
  if (!source) return undefined;
  const rel = relative(root, source.fullFileName).split('\\').join('/');
  return { file: rel, line: source.line };
}

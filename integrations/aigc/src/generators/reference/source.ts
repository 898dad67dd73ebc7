/**
 * Where a reference's `source` points, and which files decide its API. A `source` is a
 * `.ts` entry of the project (`integrations/aigc/src/index.ts`) or an installed package
 * name, optionally with a subpath (`astro-aigc`, `astro-aigc/loader`), resolved through
 * its package.json `exports` / `types` to its type entry files.
 */

import { dirname, join, resolve, sep } from 'node:path';
import type TypeScript from 'typescript';
import { requireOptional } from '../../utils/optional-dependency.ts';
import { sha256 } from '../../utils/hash.ts';
import { toProjectPath } from '../../utils/paths.ts';
import { existsSync, readFileSync, realpathSync } from '../../utils/read-ledger.ts';

export interface EntryPoint {
  /** Absolute path of the entry file. */
  file: string;
  /** Import specifier users write (package name + subpath), or the file's package name. */
  module: string;
}

export interface ResolvedSource {
  entries: EntryPoint[];
  packageName: string;
  packageVersion?: string;
  /** Folder whose files count as the package's own (the package root, realpath). */
  scope: string;
  /** An installed package (its files are inside node_modules) rather than project source. */
  installed: boolean;
  /** package.json of the package, when one was found. */
  packageJson?: string;
}

const TS_FILE = /\.(d\.)?[cm]?tsx?$/;

/** Resolve `source` against the project root; throws with the fix when it cannot. */
export function resolveSource(source: string, root: string): ResolvedSource {
  if (TS_FILE.test(source) || source.startsWith('.') || source.startsWith('/')) return resolveFile(source, root);
  return resolvePackage(source, root);
}

function resolveFile(source: string, root: string): ResolvedSource {
  const file = resolve(root, source);
  if (!existsSync(file)) {
    throw new Error(
      `Reference source "${source}" does not exist (looked for ${file}). Set \`source\` to a .ts entry of the project or an installed package name.`,
    );
  }
  const real = realpathSync(file);
  const pkg = findPackageJson(dirname(real));
  const meta = pkg ? readPackage(pkg) : undefined;
  const installed = real.split(sep).includes('node_modules');
  return {
    entries: [
      {
        file: real,
        module:
          meta?.name ??
          source
            .replace(/\.(d\.)?[cm]?tsx?$/, '')
            .split('/')
            .pop()!,
      },
    ],
    packageName: meta?.name ?? source,
    ...(meta?.version ? { packageVersion: meta.version } : {}),
    scope: pkg ? dirname(pkg) : dirname(real),
    installed,
    ...(pkg ? { packageJson: pkg } : {}),
  };
}

function resolvePackage(source: string, root: string): ResolvedSource {
  const parts = source.split('/');
  const name = source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = parts.slice(source.startsWith('@') ? 2 : 1).join('/');
  const dir = findInstalled(name, root);
  if (!dir)
    throw new Error(
      `Reference source "${source}": package "${name}" is not installed under ${root}. Install it, or set \`source\` to a .ts file.`,
    );
  const packageJson = join(dir, 'package.json');
  const meta = readPackage(packageJson);
  const wanted = subpath ? [`./${subpath}`] : undefined;
  const entries = typeEntries(meta, dir, wanted).map(({ key, file }) => ({
    file: realpathSync(file),
    module: key === '.' ? name : `${name}/${key.slice(2)}`,
  }));
  if (entries.length === 0) {
    throw new Error(
      `Reference source "${source}": ${name} ships no TypeScript types for ${subpath ? `"./${subpath}"` : 'its entry'} (no "types" in package.json exports). Point \`source\` at its .d.ts file instead.`,
    );
  }
  return {
    entries,
    packageName: name,
    ...(meta.version ? { packageVersion: meta.version } : {}),
    scope: realpathSync(dir),
    installed: realpathSync(dir).split(sep).includes('node_modules'),
    packageJson: realpathSync(packageJson),
  };
}

interface PackageMeta {
  name?: string;
  version?: string;
  types?: string;
  typings?: string;
  main?: string;
  exports?: unknown;
}

function readPackage(path: string): PackageMeta {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageMeta;
}

function findPackageJson(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function findInstalled(name: string, root: string): string | undefined {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The type entry of each export subpath (`wanted` ones only, when given). Wildcard subpaths are skipped. */
function typeEntries(meta: PackageMeta, dir: string, wanted: string[] | undefined): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  const exports = meta.exports;
  const map: Record<string, unknown> =
    exports &&
    typeof exports === 'object' &&
    !Array.isArray(exports) &&
    Object.keys(exports).some((k) => k.startsWith('.'))
      ? (exports as Record<string, unknown>)
      : exports !== undefined
        ? { '.': exports }
        : {};
  for (const [key, target] of Object.entries(map)) {
    if (key.includes('*') || key.endsWith('.json') || (wanted && !wanted.includes(key))) continue;
    const file = sourceOf(target, dir) ?? typesOf(target) ?? declarationBeside(jsOf(target), dir);
    if (file && existsSync(join(dir, file))) found.push({ key, file: join(dir, file) });
  }
  if (found.length === 0 && (!wanted || wanted.includes('.'))) {
    const declared = meta.types ?? meta.typings ?? meta.main?.replace(/\.[cm]?js$/, '.d.ts');
    if (declared && TS_FILE.test(declared) && existsSync(join(dir, declared)))
      found.push({ key: '.', file: join(dir, declared) });
  }
  return found;
}

/** The first JavaScript file an export target points at (`import`, then `default`). */
function jsOf(target: unknown): string | undefined {
  if (typeof target === 'string') return /\.[cm]?js$/.test(target) ? target : undefined;
  if (target && typeof target === 'object' && !Array.isArray(target)) {
    const conditions = target as Record<string, unknown>;
    for (const key of ['import', 'node', 'default', 'require']) {
      const file = key in conditions ? jsOf(conditions[key]) : undefined;
      if (file) return file;
    }
  }
  return undefined;
}

/** `dist/x.js` → `dist/x.d.ts` when it exists: how TypeScript finds types without a `types` condition. */
function declarationBeside(js: string | undefined, dir: string): string | undefined {
  if (!js) return undefined;
  const declaration = js
    .replace(/\.js$/, '.d.ts')
    .replace(/\.mjs$/, '.d.mts')
    .replace(/\.cjs$/, '.d.cts');
  return existsSync(join(dir, declaration)) ? declaration : undefined;
}

/**
 * A `source` condition's TypeScript file, when it exists: a workspace package documented from
 * its source (with its comments and source lines) rather than from its compiled `.d.ts`.
 * Published packages do not ship it, so their declarations are used.
 */
function sourceOf(target: unknown, dir: string): string | undefined {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return undefined;
  const source = (target as Record<string, unknown>).source;
  return typeof source === 'string' && TS_FILE.test(source) && existsSync(join(dir, source)) ? source : undefined;
}

/** The TypeScript file an export target points at: its `types` condition, or a `.ts` target itself. */
function typesOf(target: unknown): string | undefined {
  if (typeof target === 'string') return TS_FILE.test(target) ? target : undefined;
  if (Array.isArray(target)) {
    for (const item of target) {
      const file = typesOf(item);
      if (file) return file;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    if (typeof conditions.types === 'string') return conditions.types;
    for (const key of ['import', 'node', 'default', 'require']) {
      const file = key in conditions ? typesOf(conditions[key]) : undefined;
      if (file) return file;
    }
  }
  return undefined;
}

/** TypeScript, an optional peer: only sites with API reference (`source:`) load it. */
export function typescript(): typeof TypeScript {
  return requireOptional<typeof TypeScript>('typescript', 'API reference (an outline with `source:`)');
}

function resolveOptions(ts: typeof TypeScript): TypeScript.CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    resolveJsonModule: false,
    noEmit: true,
  };
}

/**
 * The files that decide the API: the entries and every file they reach through imports,
 * re-exports and references, within the package (for a project entry: outside
 * node_modules). A cheap dependency walk with `ts.preProcessFile`, synchronous so the
 * planner can key jobs on it; the API itself comes from TypeDoc.
 */
export function collectSourceFiles(resolved: ResolvedSource): string[] {
  const ts = typescript();
  const seen = new Set<string>();
  const queue = resolved.entries.map((entry) => entry.file);
  const inScope = (file: string): boolean =>
    resolved.installed ? file.startsWith(resolved.scope + sep) : !file.split(sep).includes('node_modules');
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    // preProcessFile misses `export * as ns from`; a plain scan of module specifiers covers it.
    // Comments are left out of the scan: a doc comment's usage example (`import x from 'astro-aigc'`) is no import.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const scanned = [...code.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"\n]+)['"]/g)].map((m) => m[1]!);
    const specifiers = new Set(
      [...info.importedFiles, ...info.referencedFiles].map((ref) => ref.fileName).concat(scanned),
    );
    for (const specifier of specifiers) {
      const target = resolveImport(ts, specifier, file);
      if (target && inScope(target) && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].sort();
}

function resolveImport(ts: typeof TypeScript, specifier: string, from: string): string | undefined {
  if (specifier.endsWith('.d.ts') || /^\.{1,2}\//.test(specifier)) {
    const direct = resolve(dirname(from), specifier);
    if (TS_FILE.test(direct) && existsSync(direct)) return realpathSync(direct);
  }
  const result = ts.resolveModuleName(specifier, from, resolveOptions(ts), ts.sys);
  const file = result.resolvedModule?.resolvedFileName;
  return file && TS_FILE.test(file) && existsSync(file) ? realpathSync(file) : undefined;
}

/**
 * sha256 over the files (project-relative path + content hash, sorted) and the
 * package.json of the package: any edit to the API's source changes it.
 */
export function hashSourceFiles(resolved: ResolvedSource, files: string[], root: string): string {
  const lines = files.map((file) => `${toProjectPath(root, file)}\t${sha256(readFileSync(file))}`);
  if (resolved.packageJson) lines.push(`package.json\t${sha256(readFileSync(resolved.packageJson))}`);
  return sha256(lines.join('\n'));
}

/** Resolve, walk and hash in one call: what the planner puts into job inputs. */
/** Hash of the files a `source` reads (throws with the fix when it cannot be resolved). */
export type SourceHasher = (source: string, root: string) => string;

export const sourceHash: SourceHasher = (source, root) => sourceFingerprint(source, root).hash;

/** A `SourceHasher` that reads each source once: for one plan, where several jobs name the same source. */
export function memoSourceHash(): SourceHasher {
  const seen = new Map<string, string>();
  return (source, root) => {
    const key = `${root}\0${source}`;
    let hash = seen.get(key);
    if (hash === undefined) {
      hash = sourceHash(source, root);
      seen.set(key, hash);
    }
    return hash;
  };
}

export function sourceFingerprint(
  source: string,
  root: string,
): { resolved: ResolvedSource; files: string[]; hash: string } {
  const resolved = resolveSource(source, root);
  const files = collectSourceFiles(resolved);
  return { resolved, files, hash: hashSourceFiles(resolved, files, root) };
}

/**
 * The API model: what the reference pages, the prompts and the checks know about a
 * package. Small and JSON-serialisable, so it can be cached and hashed; TypeDoc's own
 * reflection tree never leaves extract.ts.
 */

/** Bump when extraction or the model changes: cached models are then redone. */
export const EXTRACT_VERSION = '5';

/** TSDoc of one declaration, as Markdown. Links to other symbols are written `[text](api:<id>)`. */
export interface ApiDoc {
  summary: string;
  remarks?: string;
  /** Each `@example`, as Markdown (usually one fenced block). */
  examples: string[];
  /** Text of `@deprecated` (empty string when the tag has no text). */
  deprecated?: string;
  returns?: string;
  /** `@defaultValue` / `@default`, as written. */
  defaultValue?: string;
  since?: string;
  see: string[];
  /** Each `@throws`, as Markdown. */
  throws?: string[];
}

/** One field of an object type (options): nested objects are flattened to dotted paths. */
export interface ApiField {
  /** Dotted path, e.g. `limits.concurrency`. */
  path: string;
  type: string;
  optional: boolean;
  readonly: boolean;
  /** `@default`, or the default of the zod schema the type was inferred from. */
  default?: string;
  /** TSDoc, or the schema's `.describe()` text. */
  doc: string;
  deprecated?: string;
}

/** Where a type name leads: a page of this reference, a package documented elsewhere, or nowhere public. */
export type ApiTypeLink = { page: string } | { package: string; url: string } | { internal: string };

export type ApiSymbolKind =
  | 'function'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'variable'
  | 'namespace'
  | 'reexport';

export interface ApiTypeParameter {
  name: string;
  constraint?: string;
  default?: string;
  doc: string;
}

export interface ApiParameter {
  name: string;
  type: string;
  optional: boolean;
  rest: boolean;
  defaultValue?: string;
  doc: string;
  /** Fields of an anonymous object parameter (`settings: { root: string; … }`). */
  fields?: ApiField[];
}

export interface ApiSignature {
  /** The whole signature as TypeScript text, e.g. `greet(name: string): string`. */
  text: string;
  typeParameters: ApiTypeParameter[];
  parameters: ApiParameter[];
  returns: { type: string; doc: string };
  doc: ApiDoc;
}

export type ApiMemberKind = 'constructor' | 'property' | 'method' | 'accessor' | 'enum-member' | 'index';

/** A member of a class, interface, enum or object type. */
export interface ApiMember {
  name: string;
  kind: ApiMemberKind;
  /** Declaration text, e.g. `static standard(): Greeter` or `volume?: Volume`. */
  text: string;
  type?: string;
  static: boolean;
  readonly: boolean;
  optional: boolean;
  defaultValue?: string;
  signatures: ApiSignature[];
  doc: ApiDoc;
  /** Name of the type this member is inherited from (`Error`), when it is not declared here. */
  inheritedFrom?: string;
}

/** One exported declaration. Same-named value and type (a const and a type alias) are two symbols. */
export interface ApiSymbol {
  /** Page id, unique in the model: file name of the symbol's page (without `.md`). */
  id: string;
  name: string;
  /** The export is the module's default export (`name` is then its local or package name). */
  defaultExport?: boolean;
  /** Kinds of the declarations merged under this name (`class`, `interface`), when more than one. */
  merged?: string[];
  /** Fields of an object type (options), with defaults and docs. */
  fields?: ApiField[];
  /** Named types whose fields it has too (`AstroIntegration` of `AstroIntegration & { … }`). */
  fieldsAlsoOf?: string[];
  /** Dotted path from the module, e.g. `Greetings.isLoud`. */
  qualifiedName: string;
  kind: ApiSymbolKind;
  /** Declaration text for a ```ts fence (all overloads, or the class/interface body). */
  declaration: string;
  doc: ApiDoc;
  signatures: ApiSignature[];
  members: ApiMember[];
  typeParameters: ApiTypeParameter[];
  /** Type of a variable or the aliased type of a type alias. */
  type?: string;
  defaultValue?: string;
  extends: string[];
  implements: string[];
  /** Members of a namespace (they get pages too). */
  children: ApiSymbol[];
  /** For `reexport`: id of the symbol it names. */
  target?: string;
  /** Ids of other symbols this one's types name (for "see also" links). */
  references: string[];
  /** Where it is declared, project-relative. */
  source?: { file: string; line: number };
}

export interface ApiModule {
  /** Page id of the module page. */
  id: string;
  /** Import specifier, e.g. `fixture-api` or `astro-aigc/loader`. */
  name: string;
  doc: ApiDoc;
  symbols: ApiSymbol[];
}

export interface ApiModel {
  /** Bump with the shape of this model (part of the cache key). */
  schema: 2;
  packageName: string;
  packageVersion?: string;
  /** The `source` it was extracted from, as given. */
  source: string;
  /** sha256 over the source files read (paths and bytes). */
  sourceHash: string;
  /** Those files, project-relative. */
  files: string[];
  modules: ApiModule[];
  /** Where each type name used in signatures leads (names with no entry are built-ins or type parameters). */
  typeLinks: Record<string, ApiTypeLink>;
  /** Types the API names but does not export, with their declaration text. */
  internals: { name: string; declaration: string; doc: string; source?: { file: string; line: number } }[];
}

/** Every symbol of a model, namespace members included, in page order. */
export function allSymbols(model: ApiModel): ApiSymbol[] {
  const out: ApiSymbol[] = [];
  const walk = (symbols: ApiSymbol[]): void => {
    for (const symbol of symbols) {
      out.push(symbol);
      walk(symbol.children);
    }
  };
  for (const module of model.modules) walk(module.symbols);
  return out;
}

/**
 * TypeDoc's reflection tree → the small ApiModel. Only what the project exports is
 * here (TypeDoc already left the rest out); types are written with TypeDoc's own
 * `toString()`, so no type is re-derived by hand.
 */
import {
  ReflectionKind,
  makeRecursiveVisitor,
  type DeclarationReflection,
  type ParameterReflection,
  type ProjectReflection,
  type Reflection,
  type SignatureReflection,
  type SomeType,
  type TypeParameterReflection,
} from 'typedoc';
import { summaryOf, toApiDoc, type LinkResolver } from './comment.ts';
import type { ReflectionFacts } from './facts.ts';
import type {
  ApiField,
  ApiMember,
  ApiMemberKind,
  ApiModule,
  ApiParameter,
  ApiSignature,
  ApiSymbol,
  ApiSymbolKind,
  ApiTypeLink,
  ApiTypeParameter,
} from './model.ts';

const SYMBOL_KINDS: Partial<Record<ReflectionKind, ApiSymbolKind>> = {
  [ReflectionKind.Function]: 'function',
  [ReflectionKind.Class]: 'class',
  [ReflectionKind.Interface]: 'interface',
  [ReflectionKind.TypeAlias]: 'type',
  [ReflectionKind.Enum]: 'enum',
  [ReflectionKind.Variable]: 'variable',
  [ReflectionKind.Namespace]: 'namespace',
  [ReflectionKind.Module]: 'namespace',
  [ReflectionKind.Reference]: 'reexport',
};

/** Page-id-safe slug of a name: lower case, with `.` kept for namespace paths. */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'symbol'
  );
}

export interface MapInput {
  project: ProjectReflection;
  /** Module reflections with their import specifier; for one entry, the project itself. */
  modules: { reflection: ProjectReflection | DeclarationReflection; name: string }[];
  /** Project-relative source path of a reflection's declaration. */
  sourceOf(reflection: Reflection): { file: string; line: number } | undefined;
  /** What the checker told about reflections while TypeDoc converted them (by reflection id). */
  facts?: ReadonlyMap<number, ReflectionFacts>;
  /** Types of parameters and properties as their declarations write them, where TypeDoc would expand a named type. */
  declaredTypes?: ReadonlyMap<number, string>;
  /** The package's name: an anonymous default export is called after it. */
  packageName?: string;
}

export interface MappedProject {
  modules: ApiModule[];
  typeLinks: Record<string, ApiTypeLink>;
  /** Reflection-less references into the package's own files: types it names but does not export. */
  internalRefs: { name: string; fileName: string; pos: number }[];
}

/** `astro-aigc` → `astroAigc`, `@scope/pkg` → `pkg`: what a user would call an anonymous default import. */
export function importName(packageName: string): string {
  const bare = packageName.replace(/^@[^/]+\//, '').replace(/\/.*$/, '');
  return (
    bare
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))
      .replace(/^[0-9]/, '_$&') || 'module'
  );
}

/** Map the project; page ids are assigned first so `{@link}`s and references can point at pages. */
/**
 * The declared types of the mapping in progress (mapping is synchronous: one project at a time).
 * Read through `typeText`.
 */
let declaredTypes: ReadonlyMap<number, string> = new Map();

/** A reflection's type as text: as declared when TypeDoc would expand a named type, else TypeDoc's. */
function typeText(reflection: Reflection & { type?: SomeType | undefined }): string | undefined {
  return declaredTypes.get(reflection.id) ?? reflection.type?.toString();
}

export function mapProject(input: MapInput): MappedProject {
  declaredTypes = input.declaredTypes ?? new Map();
  const facts = input.facts ?? new Map<number, ReflectionFacts>();
  const nameOf = (reflection: DeclarationReflection): string =>
    reflection.name === 'default'
      ? (facts.get(reflection.id)?.localName ?? importName(input.packageName ?? 'module'))
      : reflection.name;
  const ids = new Map<number, string>();
  const used = new Set<string>();
  const claim = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; used.has(id) || used.has(id.toLowerCase()); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
  const multi = input.modules.length > 1;
  const moduleIds = input.modules.map((m) => claim(`module-${slug(m.name.replace(/\//g, '-'))}`));
  input.modules.forEach((module, index) => {
    const prefix = multi ? `${moduleIds[index]!.slice('module-'.length)}.` : '';
    const assign = (children: DeclarationReflection[] | undefined, path: string): void => {
      for (const child of children ?? []) {
        if (!SYMBOL_KINDS[child.kind]) continue;
        const wanted = slug(prefix + path + nameOf(child));
        // A value and a type of one name (`const Volume` + `type Volume`) get `volume` and `volume-type`.
        ids.set(child.id, claim(used.has(wanted) ? `${wanted}-${SYMBOL_KINDS[child.kind]}` : wanted));
        if (child.kindOf(ReflectionKind.SomeModule)) assign(child.children, `${path}${child.name}.`);
      }
    };
    assign(module.reflection.children, '');
  });

  const link: LinkResolver = (reflection) => {
    if (ids.has(reflection.id)) return ids.get(reflection.id);
    // A member links to its owner's page, at the member's anchor.
    const parent = reflection.parent;
    if (parent && ids.has(parent.id)) return `${ids.get(parent.id)}#${slug(reflection.name)}`;
    const grand = parent?.parent;
    if (parent?.kindOf(ReflectionKind.SomeSignature) && grand && ids.has(grand.id)) return ids.get(grand.id);
    return undefined;
  };

  const mapSymbol = (reflection: DeclarationReflection, path: string): ApiSymbol => {
    const known = facts.get(reflection.id);
    // `export type { SomeClass }` reaches TypeDoc as an interface; the source says class.
    const kind =
      reflection.kindOf(ReflectionKind.Interface) && known?.declaredClass ? 'class' : SYMBOL_KINDS[reflection.kind]!;
    const name = nameOf(reflection);
    const signatures = (reflection.signatures ?? []).map((s) => mapSignature(s, link, name));
    const id = ids.get(reflection.id)!;
    // `type X = { … }` arrives with its properties as children, like an interface.
    const members =
      kind === 'class' || kind === 'interface' || kind === 'enum' || (kind === 'type' && !reflection.type)
        ? mapMembers(reflection, link)
        : [];
    const children =
      kind === 'namespace'
        ? (reflection.children ?? [])
            .filter((c) => SYMBOL_KINDS[c.kind])
            .map((c) => mapSymbol(c, `${path}${reflection.name}.`))
        : [];
    // Functions carry their docs on signatures; the first one's summary speaks for the symbol.
    const doc = toApiDoc(reflection.comment ?? reflection.signatures?.[0]?.comment, link);
    const fields = known?.fields ?? (kind === 'type' ? fieldsOfReflectionType(reflection.type, link) : undefined);
    if (doc.deprecated === undefined) {
      const deprecated = reflection.signatures
        ?.find((s) => s.comment?.getTag('@deprecated'))
        ?.comment?.getTag('@deprecated');
      if (deprecated) doc.deprecated = toApiDoc(reflection.signatures![0]!.comment, link).deprecated ?? '';
    }
    const symbol: ApiSymbol = {
      id,
      name,
      ...(reflection.name === 'default' ? { defaultExport: true } : {}),
      ...(known?.merged ? { merged: known.merged } : {}),
      ...(fields && fields.length > 0 ? { fields } : {}),
      ...(fields && known?.fieldsAlsoOf ? { fieldsAlsoOf: known.fieldsAlsoOf } : {}),
      qualifiedName: path + name,
      kind,
      declaration: '',
      doc,
      signatures,
      members,
      typeParameters: mapTypeParameters(reflection.typeParameters, link),
      ...(reflection.type && kind !== 'function' ? { type: reflection.type.toString() } : {}),
      ...(reflection.defaultValue ? { defaultValue: reflection.defaultValue } : {}),
      extends: (reflection.extendedTypes ?? []).map(String),
      implements: (reflection.implementedTypes ?? []).map(String),
      children,
      references: referencesOf(reflection, ids),
    };
    if (reflection.isReference()) {
      const target = reflection.getTargetReflectionDeep();
      const targetId = ids.get(target.id);
      if (targetId) symbol.target = targetId;
      const comment = target.comment ?? (target as Partial<DeclarationReflection>).signatures?.[0]?.comment;
      if (!symbol.doc.summary && comment) symbol.doc = toApiDoc(comment, link);
    }
    const source = input.sourceOf(reflection);
    if (source) symbol.source = source;
    symbol.declaration = declarationOf(symbol, reflection);
    return symbol;
  };

  const modules = input.modules.map((module, index) => {
    const project = module.reflection;
    return {
      id: moduleIds[index]!,
      name: module.name,
      doc: toApiDoc(project.comment, link),
      symbols: (project.children ?? []).filter((c) => SYMBOL_KINDS[c.kind]).map((c) => mapSymbol(c, '')),
    };
  });
  return { modules, ...typeLinksOf(input, ids, nameOf) };
}

/**
 * Where every type name of the API leads: its page, its package (a dependency's type), or
 * nowhere public (a type of the package it does not export: listed as internal).
 * Built-ins (TypeScript's lib: `Promise`, `Error`) and type parameters get no entry.
 */
function typeLinksOf(
  input: MapInput,
  ids: Map<number, string>,
  nameOf: (r: DeclarationReflection) => string,
): Omit<MappedProject, 'modules'> {
  const typeLinks: Record<string, ApiTypeLink> = {};
  const internalRefs: MappedProject['internalRefs'] = [];
  const own = input.packageName ?? input.project.packageName ?? input.project.name;
  const visitor = makeRecursiveVisitor({
    reference(type) {
      const name = type.name;
      if (typeLinks[name]) return;
      const target = type.reflection;
      if (target && ids.has(target.id)) {
        typeLinks[name] = { page: ids.get(target.id)! };
        return;
      }
      if (type.refersToTypeParameter || !type.symbolId) return;
      const pkg = type.package;
      if (pkg && pkg !== own && pkg !== 'typescript') {
        typeLinks[name] = { package: pkg, url: type.externalUrl ?? `https://www.npmjs.com/package/${pkg}` };
      } else if ((pkg === own || !pkg) && !/node_modules[\\/]typescript[\\/]lib/.test(type.symbolId.fileName ?? '')) {
        typeLinks[name] = { internal: name };
        if (type.symbolId.fileName)
          internalRefs.push({ name, fileName: type.symbolId.fileName, pos: type.symbolId.pos });
      }
    },
  });
  const visitReflection = (reflection: Reflection): void => {
    reflection.visit({
      declaration: (d) => {
        d.type?.visit(visitor);
        d.extendedTypes?.forEach((t) => {
          t.visit(visitor);
        });
        d.implementedTypes?.forEach((t) => {
          t.visit(visitor);
        });
        d.signatures?.forEach(visitReflection);
        d.indexSignatures?.forEach(visitReflection);
        if (d.getSignature) visitReflection(d.getSignature);
        if (d.setSignature) visitReflection(d.setSignature);
        d.typeParameters?.forEach((t) => {
          t.type?.visit(visitor);
        });
        d.children?.forEach(visitReflection);
      },
      signature: (s) => {
        s.type?.visit(visitor);
        s.parameters?.forEach((p) => {
          p.type?.visit(visitor);
        });
        s.typeParameters?.forEach((t) => {
          t.type?.visit(visitor);
        });
      },
    });
  };
  for (const module of input.modules)
    for (const child of module.reflection.children ?? []) if (ids.has(child.id)) visitReflection(child);
  // A default export is linked under the name its pages use.
  for (const module of input.modules)
    for (const child of module.reflection.children ?? [])
      if (child.name === 'default' && ids.has(child.id)) typeLinks[nameOf(child)] = { page: ids.get(child.id)! };
  return { typeLinks, internalRefs };
}

/** Fields of an anonymous object type (`{ root: string; force?: boolean }`), from TypeDoc's reflection of it. */
export function fieldsOfReflectionType(type: SomeType | undefined, link: LinkResolver): ApiField[] | undefined {
  if (type?.type !== 'reflection') return undefined;
  const declaration = type.declaration;
  if ((declaration.signatures?.length ?? 0) > 0 || !declaration.children?.length) return undefined;
  return declaration.children.map((child) => {
    const doc = toApiDoc(child.comment, link);
    const field: ApiField = {
      path: child.name,
      type: typeText(child) ?? (child.signatures?.[0] ? mapSignature(child.signatures[0], link).text : 'unknown'),
      optional: child.flags.isOptional,
      readonly: child.flags.isReadonly,
      doc: doc.summary,
    };
    const fallback =
      doc.defaultValue ??
      (child.defaultValue !== undefined && child.defaultValue !== '...' ? child.defaultValue : undefined);
    if (fallback !== undefined) field.default = fallback;
    if (doc.deprecated !== undefined) field.deprecated = doc.deprecated;
    return field;
  });
}

function mapTypeParameters(list: TypeParameterReflection[] | undefined, link: LinkResolver): ApiTypeParameter[] {
  return (list ?? []).map((p) => ({
    name: p.name,
    ...(p.type ? { constraint: p.type.toString() } : {}),
    ...(p.default ? { default: p.default.toString() } : {}),
    doc: summaryOf(p.comment, link),
  }));
}

function mapParameter(p: ParameterReflection, link: LinkResolver): ApiParameter {
  const fields = declaredTypes.has(p.id) ? undefined : fieldsOfReflectionType(p.type, link);
  // An inline object type is written from its fields, each as declared (no named type expanded).
  const literal =
    fields &&
    `{ ${fields.map((f) => `${f.readonly ? 'readonly ' : ''}${f.path}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }`;
  return {
    ...(fields ? { fields } : {}),
    name: p.name,
    type: literal ?? typeText(p) ?? 'unknown',
    optional: p.flags.isOptional || p.defaultValue !== undefined,
    rest: p.flags.isRest,
    ...(p.defaultValue !== undefined && p.defaultValue !== '...' ? { defaultValue: p.defaultValue } : {}),
    doc: summaryOf(p.comment, link),
  };
}

function parameterText(p: ApiParameter): string {
  return `${p.rest ? '...' : ''}${p.name}${p.optional && !p.rest ? '?' : ''}: ${p.type}`;
}

function typeParameterText(list: ApiTypeParameter[]): string {
  if (list.length === 0) return '';
  return `<${list.map((t) => `${t.name}${t.constraint ? ` extends ${t.constraint}` : ''}${t.default ? ` = ${t.default}` : ''}`).join(', ')}>`;
}

function mapSignature(signature: SignatureReflection, link: LinkResolver, displayName?: string): ApiSignature {
  const typeParameters = mapTypeParameters(signature.typeParameters, link);
  const parameters = (signature.parameters ?? []).map((p) => mapParameter(p, link));
  const returnType = declaredTypes.get(-signature.id) ?? signature.type?.toString() ?? 'void';
  const doc = toApiDoc(signature.comment, link);
  const isConstructor = signature.kindOf(ReflectionKind.ConstructorSignature);
  const name = isConstructor
    ? 'constructor'
    : signature.name === '__type'
      ? ''
      : signature.name === 'default' && displayName
        ? displayName
        : signature.name;
  const text = `${name}${typeParameterText(typeParameters)}(${parameters.map(parameterText).join(', ')})${isConstructor ? '' : `: ${returnType}`}`;
  return { text, typeParameters, parameters, returns: { type: returnType, doc: doc.returns ?? '' }, doc };
}

const MEMBER_KINDS: Partial<Record<ReflectionKind, ApiMemberKind>> = {
  [ReflectionKind.Constructor]: 'constructor',
  [ReflectionKind.Property]: 'property',
  [ReflectionKind.Method]: 'method',
  [ReflectionKind.Accessor]: 'accessor',
  [ReflectionKind.EnumMember]: 'enum-member',
};

function mapMembers(owner: DeclarationReflection, link: LinkResolver): ApiMember[] {
  const members: ApiMember[] = [];
  for (const index of owner.indexSignatures ?? []) {
    const parameter = index.parameters?.[0];
    members.push({
      name: `[${parameter?.name ?? 'key'}: ${parameter?.type?.toString() ?? 'string'}]`,
      kind: 'index',
      text: `[${parameter?.name ?? 'key'}: ${parameter?.type?.toString() ?? 'string'}]: ${index.type?.toString() ?? 'unknown'}`,
      type: index.type?.toString() ?? 'unknown',
      static: false,
      readonly: index.flags.isReadonly,
      optional: false,
      signatures: [],
      doc: toApiDoc(index.comment, link),
    });
  }
  for (const child of owner.children ?? []) {
    const kind = MEMBER_KINDS[child.kind];
    if (!kind || child.flags.isPrivate || child.name.startsWith('#')) continue;
    const signatures = (child.signatures ?? []).map((s) => mapSignature(s, link));
    const modifiers = `${child.flags.isStatic ? 'static ' : ''}${child.flags.isProtected ? 'protected ' : ''}${child.flags.isAbstract ? 'abstract ' : ''}${child.flags.isReadonly ? 'readonly ' : ''}`;
    const getter = child.getSignature;
    const setter = child.setSignature;
    const type = typeText(child) ?? getter?.type?.toString() ?? setter?.parameters?.[0]?.type?.toString();
    const optional = child.flags.isOptional;
    let text: string;
    if (kind === 'enum-member') text = `${child.name} = ${child.type?.toString() ?? child.defaultValue ?? ''}`;
    else if (signatures.length > 0)
      text = signatures
        .map((s) => modifiers + s.text.replace(/^([^(<]*)/, (name) => name + (optional ? '?' : '')))
        .join('\n');
    else if (kind === 'accessor')
      text = [
        getter ? `${modifiers}get ${child.name}(): ${type}` : '',
        setter ? `${modifiers}set ${child.name}(value: ${type})` : '',
      ]
        .filter(Boolean)
        .join('\n');
    else text = `${modifiers}${child.name}${optional ? '?' : ''}: ${type ?? 'unknown'}`;
    const doc = toApiDoc(child.comment ?? getter?.comment ?? child.signatures?.[0]?.comment, link);
    const inherited = child.inheritedFrom?.name.split('.')[0];
    members.push({
      ...(inherited ? { inheritedFrom: inherited } : {}),
      name: child.name,
      kind,
      text,
      ...(type ? { type } : {}),
      static: child.flags.isStatic,
      readonly: child.flags.isReadonly || (kind === 'accessor' && !setter),
      optional,
      ...(child.defaultValue !== undefined && child.defaultValue !== '...' && kind !== 'enum-member'
        ? { defaultValue: child.defaultValue }
        : {}),
      signatures,
      doc,
    });
  }
  return members;
}

function referencesOf(reflection: DeclarationReflection, ids: Map<number, string>): string[] {
  const found = new Set<string>();
  const visitor = makeRecursiveVisitor({
    reference(type) {
      const target = type.reflection;
      if (target && ids.has(target.id) && target.id !== reflection.id) found.add(ids.get(target.id)!);
    },
  });
  const visit = (type: SomeType | undefined): void => type?.visit(visitor);
  const visitSignature = (s: SignatureReflection): void => {
    visit(s.type);
    for (const p of s.parameters ?? []) visit(p.type);
  };
  visit(reflection.type);
  reflection.signatures?.forEach(visitSignature);
  reflection.extendedTypes?.forEach(visit);
  reflection.implementedTypes?.forEach(visit);
  for (const child of reflection.children ?? []) {
    if (child.kindOf(ReflectionKind.SomeModule)) continue;
    visit(child.type);
    child.signatures?.forEach(visitSignature);
    if (child.getSignature) visitSignature(child.getSignature);
  }
  return [...found].sort();
}

/** The TypeScript declaration shown in the symbol's signature fence. */
function declarationOf(symbol: ApiSymbol, reflection: DeclarationReflection): string {
  const typeParams = typeParameterText(symbol.typeParameters);
  // Inherited members are named in one comment, not repeated: their pages are their owners'.
  const own = symbol.members.filter((m) => !m.inheritedFrom);
  const inherited = [...new Set(symbol.members.flatMap((m) => (m.inheritedFrom ? [m.inheritedFrom] : [])))].map(
    (from) =>
      `// inherited from ${from}: ${symbol.members
        .filter((m) => m.inheritedFrom === from)
        .map((m) => m.name)
        .join(', ')}`,
  );
  const body = (lines: string[]): string =>
    lines.length === 0 && inherited.length === 0
      ? '{}'
      : `{\n${[
          ...lines.map((l) =>
            l
              .split('\n')
              .map((x) => `  ${x};`)
              .join('\n'),
          ),
          ...inherited.map((l) => `  ${l}`),
        ].join('\n')}\n}`;
  const exported = symbol.defaultExport ? 'export default ' : '';
  switch (symbol.kind) {
    case 'function':
      return symbol.signatures
        .map((s) => `${symbol.defaultExport ? 'export default ' : ''}function ${s.text}`)
        .join('\n');
    case 'class': {
      const heritage = `${symbol.extends.length ? ` extends ${symbol.extends.join(', ')}` : ''}${symbol.implements.length ? ` implements ${symbol.implements.join(', ')}` : ''}`;
      return `${exported}${reflection.flags.isAbstract ? 'abstract ' : ''}class ${symbol.name}${typeParams}${heritage} ${body(own.map((m) => m.text))}`;
    }
    case 'interface':
      return `interface ${symbol.name}${typeParams}${symbol.extends.length ? ` extends ${symbol.extends.join(', ')}` : ''} ${body(own.map((m) => m.text))}`;
    case 'type':
      return `type ${symbol.name}${typeParams} = ${symbol.type ?? body(symbol.members.map((m) => m.text))}`;
    case 'enum':
      return `enum ${symbol.name} {\n${symbol.members.map((m) => `  ${m.text},`).join('\n')}\n}`;
    case 'variable': {
      const keyword = reflection.flags.isConst ? 'const' : 'let';
      return symbol.defaultExport
        ? `declare ${keyword} ${symbol.name}: ${symbol.type ?? 'unknown'}\nexport default ${symbol.name}`
        : `${keyword} ${symbol.name}: ${symbol.type ?? 'unknown'}`;
    }
    case 'namespace':
      return `namespace ${symbol.name} {\n${symbol.children
        .map((c) =>
          c.declaration
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n'),
        )
        .join('\n')}\n}`;
    case 'reexport': {
      const target = reflection.isReference() ? reflection.getTargetReflectionDeep().name : symbol.name;
      return target === symbol.name ? `export { ${symbol.name} }` : `export { ${target} as ${symbol.name} }`;
    }
  }
}

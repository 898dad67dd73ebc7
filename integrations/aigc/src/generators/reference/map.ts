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
import type { ApiMember, ApiMemberKind, ApiModule, ApiParameter, ApiSignature, ApiSymbol, ApiSymbolKind, ApiTypeParameter } from './model.ts';

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
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'symbol';
}

export interface MapInput {
  project: ProjectReflection;
  /** Module reflections with their import specifier; for one entry, the project itself. */
  modules: { reflection: ProjectReflection | DeclarationReflection; name: string }[];
  /** Project-relative source path of a reflection's declaration. */
  sourceOf(reflection: Reflection): { file: string; line: number } | undefined;
}

/** Map the project; page ids are assigned first so `{@link}`s and references can point at pages. */
export function mapProject(input: MapInput): ApiModule[] {
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
        const wanted = slug(prefix + path + child.name);
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
    const kind = SYMBOL_KINDS[reflection.kind]!;
    const id = ids.get(reflection.id)!;
    const signatures = (reflection.signatures ?? []).map((s) => mapSignature(s, link));
    // `type X = { … }` arrives with its properties as children, like an interface.
    const members = kind === 'class' || kind === 'interface' || kind === 'enum' || (kind === 'type' && !reflection.type) ? mapMembers(reflection, link) : [];
    const children =
      kind === 'namespace' ? (reflection.children ?? []).filter((c) => SYMBOL_KINDS[c.kind]).map((c) => mapSymbol(c, `${path}${reflection.name}.`)) : [];
    // Functions carry their docs on signatures; the first one's summary speaks for the symbol.
    const doc = toApiDoc(reflection.comment ?? reflection.signatures?.[0]?.comment, link);
    if (doc.deprecated === undefined) {
      const deprecated = reflection.signatures?.find((s) => s.comment?.getTag('@deprecated'))?.comment?.getTag('@deprecated');
      if (deprecated) doc.deprecated = toApiDoc(reflection.signatures![0]!.comment, link).deprecated ?? '';
    }
    const symbol: ApiSymbol = {
      id,
      name: reflection.name,
      qualifiedName: path + reflection.name,
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
      if (!symbol.doc.summary && target.comment) symbol.doc = toApiDoc(target.comment, link);
    }
    const source = input.sourceOf(reflection);
    if (source) symbol.source = source;
    symbol.declaration = declarationOf(symbol, reflection);
    return symbol;
  };

  return input.modules.map((module, index) => {
    const project = module.reflection;
    return {
      id: moduleIds[index]!,
      name: module.name,
      doc: toApiDoc(project.comment, link),
      symbols: (project.children ?? []).filter((c) => SYMBOL_KINDS[c.kind]).map((c) => mapSymbol(c, '')),
    };
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
  return {
    name: p.name,
    type: p.type?.toString() ?? 'unknown',
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

function mapSignature(signature: SignatureReflection, link: LinkResolver): ApiSignature {
  const typeParameters = mapTypeParameters(signature.typeParameters, link);
  const parameters = (signature.parameters ?? []).map((p) => mapParameter(p, link));
  const returnType = signature.type?.toString() ?? 'void';
  const doc = toApiDoc(signature.comment, link);
  const isConstructor = signature.kindOf(ReflectionKind.ConstructorSignature);
  const name = isConstructor ? 'constructor' : signature.name === '__type' ? '' : signature.name;
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
    const type = child.type?.toString() ?? getter?.type?.toString() ?? setter?.parameters?.[0]?.type?.toString();
    const optional = child.flags.isOptional;
    let text: string;
    if (kind === 'enum-member') text = `${child.name} = ${child.type?.toString() ?? child.defaultValue ?? ''}`;
    else if (signatures.length > 0) text = signatures.map((s) => modifiers + s.text.replace(/^([^(<]*)/, (name) => name + (optional ? '?' : ''))).join('\n');
    else if (kind === 'accessor') text = [getter ? `${modifiers}get ${child.name}(): ${type}` : '', setter ? `${modifiers}set ${child.name}(value: ${type})` : ''].filter(Boolean).join('\n');
    else text = `${modifiers}${child.name}${optional ? '?' : ''}: ${type ?? 'unknown'}`;
    const doc = toApiDoc(child.comment ?? getter?.comment ?? child.signatures?.[0]?.comment, link);
    members.push({
      name: child.name,
      kind,
      text,
      ...(type ? { type } : {}),
      static: child.flags.isStatic,
      readonly: child.flags.isReadonly || (kind === 'accessor' && !setter),
      optional,
      ...(child.defaultValue !== undefined && child.defaultValue !== '...' && kind !== 'enum-member' ? { defaultValue: child.defaultValue } : {}),
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
  const body = (lines: string[]): string => (lines.length === 0 ? '{}' : `{\n${lines.map((l) => l.split('\n').map((x) => `  ${x};`).join('\n')).join('\n')}\n}`);
  switch (symbol.kind) {
    case 'function':
      return symbol.signatures.map((s) => `function ${s.text}`).join('\n');
    case 'class': {
      const heritage = `${symbol.extends.length ? ` extends ${symbol.extends.join(', ')}` : ''}${symbol.implements.length ? ` implements ${symbol.implements.join(', ')}` : ''}`;
      return `${reflection.flags.isAbstract ? 'abstract ' : ''}class ${symbol.name}${typeParams}${heritage} ${body(symbol.members.map((m) => m.text))}`;
    }
    case 'interface':
      return `interface ${symbol.name}${typeParams}${symbol.extends.length ? ` extends ${symbol.extends.join(', ')}` : ''} ${body(symbol.members.map((m) => m.text))}`;
    case 'type':
      return `type ${symbol.name}${typeParams} = ${symbol.type ?? body(symbol.members.map((m) => m.text))}`;
    case 'enum':
      return `enum ${symbol.name} {\n${symbol.members.map((m) => `  ${m.text},`).join('\n')}\n}`;
    case 'variable': {
      const keyword = reflection.flags.isConst ? 'const' : 'let';
      return `${keyword} ${symbol.name}: ${symbol.type ?? 'unknown'}`;
    }
    case 'namespace':
      return `namespace ${symbol.name} {\n${symbol.children.map((c) => c.declaration.split('\n').map((l) => `  ${l}`).join('\n')).join('\n')}\n}`;
    case 'reexport': {
      const target = reflection.isReference() ? reflection.getTargetReflectionDeep().name : symbol.name;
      return target === symbol.name ? `export { ${symbol.name} }` : `export { ${target} as ${symbol.name} }`;
    }
  }
}

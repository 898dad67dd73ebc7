/**
 * ApiModel → Markdown pages (one per module and per exported symbol) and a sidebar
 * tree. Deterministic: the same model always gives the same bytes. Signatures are ```ts
 * fences, which the site's Shiki highlights; frontmatter is the planner's business.
 */
import { foldDeclaration } from './fold.ts';
import {
  allSymbols,
  type ApiDoc,
  type ApiField,
  type ApiMember,
  type ApiModel,
  type ApiModule,
  type ApiParameter,
  type ApiSignature,
  type ApiSymbol,
  type ApiSymbolKind,
  type ApiTypeParameter,
} from './model.ts';

export interface RenderOptions {
  /** URL of the reference landing page, ending in `/` (e.g. `/docs/api/`); pages live below it. */
  base: string;
}

export interface ReferencePage {
  /** File name below the reference folder, without `.md` (a symbol or module id). */
  id: string;
  title: string;
  description: string;
  kind: 'module' | 'internal' | ApiSymbolKind;
  body: string;
}

/** Page id of the list of types the API names but does not export. */
export const INTERNALS_ID = 'internal-types';

/** A link in the sidebar (Starlight's `{ label, link }`, plus what the page is). */
export interface SidebarLink {
  label: string;
  link: string;
  /** Page id below the reference folder ('' for the landing page). */
  id: string;
  kind: 'overview' | 'module' | ApiSymbolKind;
  deprecated?: boolean;
}

/** A group in the sidebar (Starlight's `{ label, items }`). */
export interface SidebarGroup {
  label: string;
  items: SidebarEntry[];
  collapsed?: boolean;
}

export type SidebarEntry = SidebarLink | SidebarGroup;

export interface RenderedReference {
  pages: ReferencePage[];
  sidebar: SidebarEntry[];
}

const KIND_TITLES: Record<ApiSymbolKind, string> = {
  function: 'Functions',
  class: 'Classes',
  interface: 'Interfaces',
  type: 'Type aliases',
  enum: 'Enums',
  variable: 'Variables',
  namespace: 'Namespaces',
  reexport: 'Re-exports',
};
const KIND_ORDER = Object.keys(KIND_TITLES) as ApiSymbolKind[];
const KIND_NAMES: Record<ApiSymbolKind, string> = {
  function: 'function',
  class: 'class',
  interface: 'interface',
  type: 'type alias',
  enum: 'enum',
  variable: 'variable',
  namespace: 'namespace',
  reexport: 're-export',
};

export function pageUrl(base: string, id: string): string {
  return id === '' ? base : `${base}${id}/`;
}

/** Turn `api:<id>[#anchor]` links of doc text into page URLs. */
export function resolveApiLinks(markdown: string, base: string): string {
  return markdown.replace(
    /\]\(api:([^)#\s]+)(#[^)\s]*)?\)/g,
    (_m, id: string, anchor: string | undefined) => `](${pageUrl(base, id)}${anchor ?? ''})`,
  );
}

/** Plain first sentence of a doc summary, for descriptions and tables. */
export function firstSentence(markdown: string): string {
  const plain = markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^.*?[.!?](?=\s|$)/.exec(plain);
  return (match ? match[0] : plain).trim();
}

/** Inline code that survives a GFM table cell. */
function cellCode(text: string): string {
  return code(text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' '));
}

/** A code span of any text: fenced with more backticks than it holds. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Writes a type as code in which every name that has a page (here, in a dependency's docs,
 * or in the internal types list) is a link: `Promise<`[`CleanResult`](…)`>`.
 */
type TypeRef = (type: string, inCell: boolean) => string;

function typeLinker(model: ApiModel, base: string): TypeRef {
  const urls = new Map<string, string>();
  for (const [name, target] of Object.entries(model.typeLinks ?? {})) {
    if ('page' in target) urls.set(name, pageUrl(base, target.page));
    else if ('url' in target) urls.set(name, target.url);
    else urls.set(name, `${pageUrl(base, INTERNALS_ID)}#${anchorOf(target.internal)}`);
  }
  for (const symbol of allSymbols(model))
    if (!urls.has(symbol.qualifiedName)) urls.set(symbol.qualifiedName, pageUrl(base, symbol.id));
  return (type, inCell) => {
    const asCode = (text: string): string => (inCell ? cellCode(text) : code(text));
    // Spaces at a fragment's edge stay outside its code span (markdownlint MD038): `{ data:` [`X`](…)
    const asSpacedCode = (text: string): string => {
      const lead = /^\s*/.exec(text)![0];
      const trail = /\s*$/.exec(text)![0];
      const core = text.slice(lead.length, text.length - trail.length);
      const space = (edge: string): string => (edge && inCell ? ' ' : edge);
      return core ? `${space(lead)}${asCode(core)}${space(trail)}` : space(text);
    };
    const out: string[] = [];
    let plain = '';
    let last = 0;
    for (const match of type.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g)) {
      plain += type.slice(last, match.index);
      last = match.index + match[0].length;
      const url = /^["']/.test(match[0]) ? undefined : urls.get(match[0]);
      if (!url) {
        plain += match[0];
        continue;
      }
      if (plain) out.push(asSpacedCode(plain));
      plain = '';
      out.push(`[${asCode(match[0])}](${url})`);
    }
    plain += type.slice(last);
    if (plain) out.push(asSpacedCode(plain));
    return out.join('');
  };
}

/** The `id` Astro gives a `### \`Name\`` heading. */
function anchorOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Plain text in a GFM table cell; `<` is escaped, since a summary stripped of its code spans (`/<id>/`) would read as HTML. */
function cellText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n+/g, ' ').trim() || '—';
}

export function renderReference(model: ApiModel, options: RenderOptions): RenderedReference {
  const link = (text: string): string => resolveApiLinks(text, options.base);
  const names = new Map(allSymbols(model).map((s) => [s.id, s.qualifiedName]));
  const typeRef = typeLinker(model, options.base);
  // Declarations of one name in one scope (a namespace and a type alias): each page points at the other.
  const twins = new Map<string, ApiSymbol[]>();
  const scopes = [...model.modules.map((m) => m.symbols), ...allSymbols(model).map((s) => s.children)];
  for (const scope of scopes) {
    for (const symbol of scope) {
      const others = scope.filter(
        (s) => s !== symbol && s.name === symbol.name && s.kind !== 'reexport' && symbol.kind !== 'reexport',
      );
      if (others.length > 0) twins.set(symbol.id, others);
    }
  }
  const pages: ReferencePage[] = [];
  if ((model.internals ?? []).length > 0) pages.push(renderInternals(model, link));
  for (const module of model.modules) {
    pages.push(renderModule(module, model, options.base, link));
    const walk = (symbols: ApiSymbol[], owner: string): void => {
      for (const symbol of symbols) {
        pages.push(renderSymbol(symbol, owner, options.base, link, typeRef, names, twins));
        walk(symbol.children, symbol.qualifiedName);
      }
    };
    walk(module.symbols, module.name);
  }
  return { pages, sidebar: sidebarOf(model, options.base) };
}

/** Types the API names but does not export: declared here so no name in a signature is dead. */
function renderInternals(model: ApiModel, link: (t: string) => string): ReferencePage {
  const body = [
    `Types that signatures of \`${model.packageName}\` name but that it does not export: you can use values of these types, but not import the names.`,
    '',
  ];
  for (const internal of model.internals) {
    body.push(`## \`${internal.name}\``, '');
    if (internal.doc) body.push(link(internal.doc), '');
    body.push('```ts', foldDeclaration(internal.declaration), '```', '');
    if (internal.source) body.push(`Defined in \`${internal.source.file}:${internal.source.line}\`.`, '');
  }
  return {
    id: INTERNALS_ID,
    title: 'Internal types',
    description: `Types ${model.packageName} names in its API without exporting them.`,
    kind: 'internal',
    body: `${body.join('\n').trim()}\n`,
  };
}

function symbolTable(symbols: ApiSymbol[], base: string): string[] {
  const lines = ['| Name | Kind | Summary |', '| --- | --- | --- |'];
  for (const symbol of symbols) {
    const deprecated = symbol.doc.deprecated !== undefined ? ' (deprecated)' : '';
    const kind = `${symbol.kind}${symbol.defaultExport ? ', default export' : ''}`;
    lines.push(
      `| [\`${symbol.name}\`](${pageUrl(base, symbol.id)}) | ${kind}${deprecated} | ${cellText(firstSentence(symbol.doc.summary))} |`,
    );
  }
  return lines;
}

/** The index of a model's symbols, grouped by kind: the deterministic half of the landing page. */
export function renderIndex(model: ApiModel, base: string): string {
  const out: string[] = [];
  for (const module of model.modules) {
    out.push(`## \`${module.name}\``, '');
    if (module.doc.summary) out.push(resolveApiLinks(module.doc.summary, base), '');
    out.push(`Import from \`${module.name}\`. [All of the module on one page](${pageUrl(base, module.id)}).`, '');
    out.push(...symbolTable(module.symbols, base), '');
  }
  return out.join('\n').trim();
}

function renderModule(module: ApiModule, model: ApiModel, base: string, link: (t: string) => string): ReferencePage {
  const body: string[] = [];
  if (module.doc.summary) body.push(link(module.doc.summary), '');
  const version = model.packageVersion ? ` (version ${model.packageVersion})` : '';
  body.push(`Exports of \`${module.name}\`${version}, extracted from its TypeScript source.`, '');
  body.push(...docBlocks(module.doc, link));
  for (const kind of KIND_ORDER) {
    const symbols = module.symbols.filter((s) => s.kind === kind);
    if (symbols.length === 0) continue;
    body.push(`## ${KIND_TITLES[kind]}`, '', ...symbolTable(symbols, base), '');
  }
  return {
    id: module.id,
    title: module.name,
    description: firstSentence(module.doc.summary) || `API of ${module.name}.`,
    kind: 'module',
    body: body.join('\n').trim() + '\n',
  };
}

/** Remarks, examples, see-also of a doc, as page sections (the summary is placed by the caller). */
function docBlocks(doc: ApiDoc, link: (t: string) => string, level = 2): string[] {
  const h = '#'.repeat(level);
  const out: string[] = [];
  if (doc.remarks) out.push(`${h} Remarks`, '', link(doc.remarks), '');
  if (doc.examples.length > 0) {
    out.push(`${h} ${doc.examples.length > 1 ? 'Examples' : 'Example'}`, '');
    for (const example of doc.examples) out.push(link(example), '');
  }
  if (doc.throws && doc.throws.length > 0) out.push(`${h} Throws`, '', ...doc.throws.map((t) => `- ${link(t)}`), '');
  if (doc.since) out.push(`Available since ${doc.since}.`, '');
  if (doc.see.length > 0) out.push(`${h} See also`, '', ...doc.see.map((s) => `- ${link(s)}`), '');
  return out;
}

function deprecation(doc: ApiDoc, link: (t: string) => string): string[] {
  if (doc.deprecated === undefined) return [];
  return [`> **Deprecated.** ${link(doc.deprecated) || 'Do not use in new code.'}`, ''];
}

function typeParameterTable(list: ApiTypeParameter[], heading: string): string[] {
  if (list.length === 0) return [];
  const lines = [heading, '', '| Name | Constraint | Default | Description |', '| --- | --- | --- | --- |'];
  for (const t of list) {
    lines.push(
      `| \`${t.name}\` | ${t.constraint ? cellCode(t.constraint) : '—'} | ${t.default ? cellCode(t.default) : '—'} | ${cellText(t.doc)} |`,
    );
  }
  return [...lines, ''];
}

function parameterTable(
  list: ApiParameter[],
  heading: string,
  link: (t: string) => string,
  typeRef: TypeRef,
): string[] {
  if (list.length === 0) return [];
  const lines = [heading, '', '| Name | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const p of list) {
    const name = `\`${p.rest ? '...' : ''}${p.name}${p.optional && !p.rest ? '?' : ''}\``;
    const fallback = p.defaultValue !== undefined ? cellCode(p.defaultValue) : p.optional ? '*optional*' : '—';
    lines.push(`| ${name} | ${typeRef(p.type, true)} | ${fallback} | ${cellText(link(p.doc))} |`);
  }
  lines.push('');
  const level = /^#+/.exec(heading)?.[0] ?? '##';
  for (const p of list)
    if (p.fields) lines.push(...fieldTable(p.fields, `${level} \`${p.name}\` fields`, link, typeRef, `${p.name}.`));
  return lines;
}

/** One row per field of an object type: what an options page is read for. */
function fieldTable(
  fields: ApiField[],
  heading: string,
  link: (t: string) => string,
  typeRef: TypeRef,
  prefix = '',
): string[] {
  if (fields.length === 0) return [];
  const lines = [heading, '', '| Field | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const f of fields) {
    const flags = `${f.readonly ? ' *readonly*' : ''}${f.deprecated !== undefined ? ' *deprecated*' : ''}`;
    const doc = [f.doc, f.deprecated ? `Deprecated: ${f.deprecated}` : ''].filter(Boolean).join(' ');
    lines.push(
      `| \`${prefix}${f.path}${f.optional ? '?' : ''}\`${flags} | ${typeRef(f.type, true)} | ${f.default !== undefined ? cellCode(f.default) : '—'} | ${cellText(link(doc))} |`,
    );
  }
  return [...lines, ''];
}

/** `ownTags`: an overload after the first, whose tags are its own (the first one's are the symbol's). */
function signatureSection(
  signature: ApiSignature,
  level: number,
  link: (t: string) => string,
  typeRef: TypeRef,
  showSummary: boolean,
  ownTags = false,
): string[] {
  const h = '#'.repeat(level);
  const out: string[] = [];
  if (showSummary && signature.doc.summary) out.push(link(signature.doc.summary), '');
  out.push(...typeParameterTable(signature.typeParameters, `${h} Type parameters`));
  if (ownTags) out.push(...signatureTags(signature.doc, link, level));
  out.push(...parameterTable(signature.parameters, `${h} Parameters`, link, typeRef));
  if (signature.text.startsWith('constructor')) {
    if (signature.returns.doc) out.push(`${h} Returns`, '', link(signature.returns.doc), '');
  } else {
    out.push(
      `${h} Returns`,
      '',
      `${typeRef(signature.returns.type, false)}${signature.returns.doc ? ` — ${link(signature.returns.doc)}` : ''}`,
      '',
    );
  }
  return out;
}

/** Tags of an overload's own comment that the symbol's doc blocks do not show (each overload keeps its docs). */
function signatureTags(doc: ApiDoc, link: (t: string) => string, level: number): string[] {
  return [...deprecation(doc, link), ...docBlocks({ ...doc, remarks: undefined } as ApiDoc, link, level)];
}

function memberSection(member: ApiMember, link: (t: string) => string, typeRef: TypeRef): string[] {
  const out = [`### \`${member.name}\``, '', '```ts', foldDeclaration(member.text), '```', ''];
  out.push(...deprecation(member.doc, link));
  if (member.doc.summary) out.push(link(member.doc.summary), '');
  const fallback = member.doc.defaultValue ?? member.defaultValue;
  if (fallback !== undefined && member.kind !== 'enum-member') out.push(`Default: ${code(fallback)}`, '');
  // The declaration above shows the type; repeat it only to link the types it names.
  const linked =
    member.type && member.signatures.length === 0 && member.kind !== 'enum-member' ? typeRef(member.type, false) : '';
  if (linked.includes('](')) out.push(`Type: ${linked}`, '');
  member.signatures.forEach((signature, index) => {
    if (member.signatures.length > 1) out.push(`**Overload ${index + 1}:** \`${signature.text}\``, '');
    out.push(...signatureSection(signature, 4, link, typeRef, index > 0 || !member.doc.summary, index > 0));
  });
  out.push(...docBlocks(member.doc, link, 4));
  return out;
}

function renderSymbol(
  symbol: ApiSymbol,
  owner: string,
  base: string,
  link: (t: string) => string,
  typeRef: TypeRef,
  names: Map<string, string>,
  twins: Map<string, ApiSymbol[]>,
): ReferencePage {
  const body: string[] = [];
  body.push(...deprecation(symbol.doc, link));
  if (symbol.doc.summary) body.push(link(symbol.doc.summary), '');
  if (symbol.defaultExport)
    body.push(`The default export of \`${owner}\`: \`import ${symbol.name} from '${owner}'\`.`, '');
  if (symbol.merged)
    body.push(
      `Declared as ${symbol.merged.join(' and ')} under one name (TypeScript merges them); both parts are shown here.`,
      '',
    );
  for (const twin of twins.get(symbol.id) ?? [])
    body.push(
      `\`${symbol.name}\` is also a ${KIND_NAMES[twin.kind]}: [its page](${pageUrl(base, twin.id)}) (TypeScript merges declarations of one name).`,
      '',
    );
  body.push('```ts', foldDeclaration(symbol.declaration), '```', '');
  if (symbol.kind === 'reexport' && symbol.target)
    body.push(
      `Another name for [\`${symbol.declaration.match(/\{ (\S+)/)?.[1] ?? symbol.name}\`](${pageUrl(base, symbol.target)}).`,
      '',
    );
  if (symbol.kind === 'function') {
    symbol.signatures.forEach((signature, index) => {
      if (symbol.signatures.length > 1)
        body.push(`## Overload ${index + 1}`, '', '```ts', foldDeclaration(`function ${signature.text}`), '```', '');
      body.push(
        ...signatureSection(signature, symbol.signatures.length > 1 ? 3 : 2, link, typeRef, index > 0, index > 0),
      );
    });
  }
  if (symbol.kind !== 'function') body.push(...typeParameterTable(symbol.typeParameters, '## Type parameters'));
  if (symbol.kind === 'variable' && symbol.type) body.push('## Type', '', typeRef(symbol.type, false), '');
  // A const documented like a function (`@returns` on `const f: typeof g`).
  if (symbol.signatures.length === 0 && symbol.doc.returns) body.push('## Returns', '', link(symbol.doc.returns), '');
  if (symbol.kind === 'type' && symbol.type && !symbol.fields)
    body.push('## Type', '', typeRef(symbol.type, false), '');
  if (symbol.fields) body.push(...fieldTable(symbol.fields, '## Fields', link, typeRef));
  if (symbol.fieldsAlsoOf)
    body.push(
      `It has every field of ${symbol.fieldsAlsoOf.map((name) => typeRef(name, false)).join(' and ')} too.`,
      '',
    );
  const own = symbol.members.filter((m) => !m.inheritedFrom);
  if (own.length > 0) {
    body.push('## Members', '');
    for (const member of own) body.push(...memberSection(member, link, typeRef));
  }
  body.push(...inheritedSections(symbol.members, typeRef));
  if (symbol.children.length > 0) body.push('## Members', '', ...symbolTable(symbol.children, base), '');
  body.push(...docBlocks(symbol.doc, link));
  if (symbol.references.length > 0) {
    body.push(
      '## Related',
      '',
      ...symbol.references.map((id) => `- [\`${names.get(id) ?? id}\`](${pageUrl(base, id)})`),
      '',
    );
  }
  if (symbol.source) body.push(`Defined in \`${symbol.source.file}:${symbol.source.line}\` of \`${owner}\`.`, '');
  return {
    id: symbol.id,
    title: symbol.qualifiedName,
    description:
      firstSentence(symbol.doc.summary) ||
      (symbol.kind === 'reexport'
        ? `${symbol.qualifiedName}, exported again by ${owner}.`
        : `The ${KIND_NAMES[symbol.kind]} ${symbol.qualifiedName} of ${owner}.`),
    kind: symbol.kind,
    body: body.join('\n').trim() + '\n',
  };
}

/** Inherited members collapsed to their names under the type they come from (linked when it has a page). */
function inheritedSections(members: ApiMember[], typeRef: TypeRef): string[] {
  const owners = [...new Set(members.flatMap((m) => (m.inheritedFrom ? [m.inheritedFrom] : [])))];
  return owners.flatMap((owner) => {
    const names = members.filter((m) => m.inheritedFrom === owner).map((m) => code(m.name));
    return [`## Inherited from ${typeRef(owner, false)}`, '', `${names.join(', ')}: see ${typeRef(owner, false)}.`, ''];
  });
}

function sidebarOf(model: ApiModel, base: string): SidebarEntry[] {
  const linkOf = (symbol: ApiSymbol): SidebarEntry => {
    const item: SidebarLink = { label: symbol.name, link: pageUrl(base, symbol.id), id: symbol.id, kind: symbol.kind };
    if (symbol.doc.deprecated !== undefined) item.deprecated = true;
    if (symbol.children.length === 0) return item;
    return {
      label: symbol.name,
      items: [{ ...item, label: 'Overview' }, ...symbol.children.map(linkOf)],
      collapsed: true,
    };
  };
  const moduleGroup = (module: ApiModule): SidebarEntry[] => {
    const groups: SidebarEntry[] = [
      {
        label: model.modules.length > 1 ? 'All exports' : 'Module',
        link: pageUrl(base, module.id),
        id: module.id,
        kind: 'module',
      },
    ];
    for (const kind of KIND_ORDER) {
      const symbols = module.symbols.filter((s) => s.kind === kind);
      if (symbols.length > 0) groups.push({ label: KIND_TITLES[kind], items: symbols.map(linkOf) });
    }
    return groups;
  };
  const overview: SidebarLink = { label: 'Overview', link: base, id: '', kind: 'overview' };
  const internals: SidebarEntry[] =
    (model.internals ?? []).length > 0
      ? [{ label: 'Internal types', link: pageUrl(base, INTERNALS_ID), id: INTERNALS_ID, kind: 'module' }]
      : [];
  if (model.modules.length === 1) return [overview, ...moduleGroup(model.modules[0]!), ...internals];
  return [
    overview,
    ...model.modules.map((module) => ({ label: module.name, items: moduleGroup(module) })),
    ...internals,
  ];
}

/** The sidebar as Starlight's `sidebar` config wants it: only `label`, `link`, `items`, `collapsed`. */
export function toStarlightSidebar(entries: SidebarEntry[]): unknown[] {
  return entries.map((entry) =>
    'items' in entry
      ? { label: entry.label, items: toStarlightSidebar(entry.items), ...(entry.collapsed ? { collapsed: true } : {}) }
      : { label: entry.label, link: entry.link },
  );
}

/**
 * What TypeDoc's reflections do not keep but a reader needs, read from the TypeScript
 * checker while TypeDoc converts: the local name of a default export, the declarations a
 * symbol merges (class + interface, namespace + type), and the fields of object types
 * (zod-inferred options included) with their docs and defaults.
 */
import type TypeScript from 'typescript';
import type { Context, DeclarationReflection } from 'typedoc';
import type { ApiField } from './model.ts';

export interface ReflectionFacts {
  /** The name a default export has where it is declared (`aigc` of `export default function aigc`). */
  localName?: string;
  /** Kinds of the declarations merged under this name, when more than one. */
  merged?: string[];
  /** Declared as a class, though exported as a type only (`export type { X }` makes TypeDoc see an interface). */
  declaredClass?: boolean;
  /** Fields of an object type, nested objects flattened to dotted paths. */
  fields?: ApiField[];
  /** Named types whose fields the type has too (the named parts of an intersection). */
  fieldsAlsoOf?: string[];
}

/** Deepest nesting flattened into dotted paths (`limits.concurrency`). */
const MAX_DEPTH = 3;
/** Object types with more fields than this are shown as members, not as a table. */
const MAX_FIELDS = 200;

/**
 * The type of a parameter or property as its declaration writes it, when that is made of
 * names only (`AigcOptions | AigcUserOptions`, `Omit<Settings, 'x'>`): TypeDoc converts
 * such types from the checker's resolved type, which can expand a named alias into a
 * literal of hundreds of characters. Undefined when the declaration has an inline object
 * or function type (TypeDoc's own conversion shows those best).
 */
export function declaredTypeOf(
  ts: typeof TypeScript,
  context: Context,
  reflection: { id: number },
): string | undefined {
  const symbol = context.getSymbolFromReflection(reflection as Parameters<Context['getSymbolFromReflection']>[0]);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  const node =
    declaration &&
    (ts.isParameter(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration))
      ? declaration.type
      : undefined;
  if (!node || !namesOnly(ts, node)) return undefined;
  return node.getText().replace(/\s+/g, ' ');
}

/** A type node made of names, literals and operators only: no inline object, function or query type. */
export function namesOnly(ts: typeof TypeScript, node: TypeScript.Node): boolean {
  if (
    ts.isTypeLiteralNode(node) ||
    ts.isMappedTypeNode(node) ||
    ts.isFunctionTypeNode(node) ||
    ts.isConstructorTypeNode(node) ||
    ts.isTypeQueryNode(node) ||
    ts.isImportTypeNode(node) ||
    ts.isConditionalTypeNode(node)
  )
    return false;
  if (ts.isTypeReferenceNode(node) && !node.typeArguments) return true;
  let ok = true;
  ts.forEachChild(node, (child) => {
    if (ok && !(ts.isIdentifier(child) || ts.isQualifiedName(child) || ts.isToken(child))) ok = namesOnly(ts, child);
  });
  return (
    ok &&
    (ts.isTypeReferenceNode(node) ||
      ts.isUnionTypeNode(node) ||
      ts.isIntersectionTypeNode(node) ||
      ts.isArrayTypeNode(node) ||
      ts.isParenthesizedTypeNode(node) ||
      ts.isLiteralTypeNode(node) ||
      ts.isTypeOperatorNode(node) ||
      ts.isIndexedAccessTypeNode(node) ||
      ts.isTupleTypeNode(node) ||
      (node.kind >= ts.SyntaxKind.FirstKeyword && node.kind <= ts.SyntaxKind.LastKeyword))
  );
}

/** Facts of one reflection, or undefined when there is nothing to add. */
export function factsOf(
  ts: typeof TypeScript,
  context: Context,
  reflection: DeclarationReflection,
  kind: 'type' | 'other',
): ReflectionFacts | undefined {
  const symbol = context.getSymbolFromReflection(reflection);
  if (!symbol) return undefined;
  const facts: ReflectionFacts = {};
  const declarations =
    (symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol).declarations ?? [];
  if (reflection.name === 'default') {
    const named = declarations
      .map((d) => (d as { name?: TypeScript.Node }).name)
      .find((n): n is TypeScript.Identifier => n !== undefined && ts.isIdentifier(n));
    // tsc names an anonymous default `_default` in declarations: that is no one's name.
    if (named && named.text !== '_default' && named.text !== 'default') facts.localName = named.text;
  }
  const kinds = [
    ...new Set(declarations.map((d) => declarationKind(ts, d)).filter((k): k is string => k !== undefined)),
  ];
  if (kinds.length > 1) facts.merged = kinds;
  if (kinds.includes('class')) facts.declaredClass = true;
  if (kind === 'type') {
    const target = symbol.flags & ts.SymbolFlags.Alias ? context.checker.getAliasedSymbol(symbol) : symbol;
    const declared = context.checker.getDeclaredTypeOfSymbol(target);
    const fields = fieldsOfType(ts, context.checker, declared);
    if (fields && fields.length > 0) {
      facts.fields = fields;
      const also = fieldsAlsoOf(ts, context.checker, declared);
      if (also.length > 0) facts.fieldsAlsoOf = also;
    }
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}

function declarationKind(ts: typeof TypeScript, node: TypeScript.Declaration): string | undefined {
  if (ts.isClassDeclaration(node)) return 'class';
  if (ts.isInterfaceDeclaration(node)) return 'interface';
  if (ts.isModuleDeclaration(node)) return 'namespace';
  if (ts.isTypeAliasDeclaration(node)) return 'type';
  if (ts.isFunctionDeclaration(node)) return 'function';
  if (ts.isEnumDeclaration(node)) return 'enum';
  if (ts.isVariableDeclaration(node)) return 'variable';
  return undefined;
}

/** The fields of an object type (or an intersection of them); undefined for anything else. */
export function fieldsOfType(
  ts: typeof TypeScript,
  checker: TypeScript.TypeChecker,
  type: TypeScript.Type,
): ApiField[] | undefined {
  if (!isPlainObject(ts, checker, type)) return undefined;
  const out: ApiField[] = [];
  // Of an intersection, only the anonymous parts' fields: a named part (`AstroIntegration & { … }`)
  // is a link of its own (see `fieldsAlsoOf`).
  const parts = type.isIntersection() ? type.types.filter((t) => isAnonymousObject(ts, checker, t)) : [type];
  for (const part of parts) walk(ts, checker, part, [], out, 0);
  return out.length > MAX_FIELDS ? undefined : out;
}

/** The named parts of an intersection (`AstroIntegration` of `AstroIntegration & { … }`): their fields are theirs to document. */
export function fieldsAlsoOf(ts: typeof TypeScript, checker: TypeScript.TypeChecker, type: TypeScript.Type): string[] {
  if (!type.isIntersection()) return [];
  return type.types
    .filter((t) => !isAnonymousObject(ts, checker, t))
    .map((t) =>
      checker.typeToString(
        t,
        undefined,
        ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope,
      ),
    );
}

/** An object whose fields are worth a table: not a function, array, tuple, primitive or union. */
function isPlainObject(ts: typeof TypeScript, checker: TypeScript.TypeChecker, type: TypeScript.Type): boolean {
  if (type.isUnion()) return false;
  if (type.isIntersection()) return type.types.every((t) => isPlainObject(ts, checker, t));
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  if (checker.isArrayType(type) || checker.isTupleType(type)) return false;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
  return checker.getPropertiesOfType(type).length > 0;
}

/** A nested object worth flattening: anonymous (a literal or a zod-inferred mapped type), not a named interface or class. */
function isAnonymousObject(ts: typeof TypeScript, checker: TypeScript.TypeChecker, type: TypeScript.Type): boolean {
  if (!isPlainObject(ts, checker, type) || type.aliasSymbol) return false;
  if (type.isIntersection()) return type.types.every((t) => isAnonymousObject(ts, checker, t));
  const flags = (type as TypeScript.ObjectType).objectFlags;
  return (
    (flags & (ts.ObjectFlags.Anonymous | ts.ObjectFlags.Mapped)) !== 0 && !(type.symbol?.flags & ts.SymbolFlags.Class)
  );
}

function walk(
  ts: typeof TypeScript,
  checker: TypeScript.TypeChecker,
  type: TypeScript.Type,
  at: string[],
  out: ApiField[],
  depth: number,
): void {
  for (const property of checker.getPropertiesOfType(type)) {
    const name = property.getName();
    if (name.startsWith('__') || name.startsWith('#')) continue;
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const raw = checker.getTypeOfSymbol(property);
    const value = checker.getNonNullableType(raw);
    const path = [...at, name];
    // A field declared with a named type (`aigcOptions: AigcOptions`) keeps the name: it is a link, not a nest.
    const typeNode =
      declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration))
        ? declaration.type
        : undefined;
    const named = typeNode && namesOnly(ts, typeNode) ? typeNode.getText().replace(/\s+/g, ' ') : undefined;
    if (
      !named &&
      depth < MAX_DEPTH &&
      isAnonymousObject(ts, checker, value) &&
      checker.getPropertiesOfType(value).length > 0
    ) {
      walk(ts, checker, value, path, out, depth + 1);
      continue;
    }
    const schema = declaration ? schemaFacts(ts, checker, declaration) : {};
    const tags = property.getJsDocTags(checker);
    const tagText = (names: string[]): string | undefined => {
      const tag = tags.find((t) => names.includes(t.name));
      return tag ? unfence(ts.displayPartsToString(tag.text)) : undefined;
    };
    const doc = ts.displayPartsToString(property.getDocumentationComment(checker)).trim();
    const fallback = tagText(['default', 'defaultValue']) ?? schema.default;
    const deprecated = tagText(['deprecated']);
    const field: ApiField = {
      path: path.join('.'),
      type:
        named ??
        checker.typeToString(
          value,
          undefined,
          ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope,
        ),
      optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
      readonly:
        declaration !== undefined && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0,
      // The schema's own description is what the options table and its errors say; TSDoc otherwise.
      doc: schema.description ?? doc,
    };
    if (fallback !== undefined) field.default = fallback;
    if (deprecated !== undefined || tags.some((t) => t.name === 'deprecated')) field.deprecated = deprecated ?? '';
    out.push(field);
  }
}

function unfence(text: string): string {
  const match = /^```\w*\n([\s\S]*?)\n```$/.exec(text.trim());
  return (match ? match[1]! : text).trim();
}

/**
 * `.default(x)` and `.describe('…')` of a zod schema a field was inferred from: the property's
 * declaration is the schema's `key: z.string().default('x')` (TypeScript keeps it through
 * `z.input`/`z.infer`). A schema named by a const is followed to its initializer.
 */
function schemaFacts(
  ts: typeof TypeScript,
  checker: TypeScript.TypeChecker,
  declaration: TypeScript.Declaration,
): { default?: string; description?: string } {
  let expression: TypeScript.Expression | undefined = ts.isPropertyAssignment(declaration)
    ? declaration.initializer
    : undefined;
  const facts: { default?: string; description?: string } = {};
  for (let hops = 0; expression && hops < 20; hops++) {
    if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
      const method = expression.expression.name.text;
      const argument = expression.arguments[0];
      if (method === 'describe' && argument) {
        const text = constantText(ts, checker, argument);
        if (text !== undefined) facts.description ??= text;
      }
      if (method === 'default' && argument && facts.default === undefined)
        facts.default = literalText(ts, checker, argument);
      expression = expression.expression.expression;
    } else if (ts.isIdentifier(expression)) {
      const symbol = checker.getSymbolAtLocation(expression);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const variable = target?.valueDeclaration;
      expression = variable && ts.isVariableDeclaration(variable) ? variable.initializer : undefined;
    } else {
      expression = undefined;
    }
  }
  return facts;
}

/** A string the checker can spell out: a literal, or a template whose parts are constants (`\`Unset: ${DEFAULT}\``). */
function constantText(
  ts: typeof TypeScript,
  checker: TypeScript.TypeChecker,
  node: TypeScript.Expression,
): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (!ts.isTemplateExpression(node)) return undefined;
  let text = node.head.text;
  for (const span of node.templateSpans) {
    const type = checker.getTypeAtLocation(span.expression);
    if (!type.isStringLiteral() && !type.isNumberLiteral()) return undefined;
    text += String(type.value) + span.literal.text;
  }
  return text;
}

/** A default as JSON when it is a literal (or a const of literal type), else as written. */
function literalText(ts: typeof TypeScript, checker: TypeScript.TypeChecker, node: TypeScript.Expression): string {
  if (ts.isStringLiteralLike(node)) return JSON.stringify(node.text);
  if (ts.isNumericLiteral(node)) return String(Number(node.text));
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  const type = checker.getTypeAtLocation(node);
  if (type.isStringLiteral()) return JSON.stringify(type.value);
  if (type.isNumberLiteral()) return String(type.value);
  return node.getText().replace(/\s+/g, ' ');
}

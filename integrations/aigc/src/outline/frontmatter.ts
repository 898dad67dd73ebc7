import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { z } from 'astro/zod';
import { didYouMean } from '../utils/did-you-mean.ts';
import { OutlineError } from './error.ts';
import { KEY_ALIASES, KEY_HELP, KNOWN_KEYS, OutlineFrontmatterSchema, suggestLang } from './frontmatter-schema.ts';
import type { OutlineData, Position } from './types.ts';

export interface FrontmatterSource {
  /** The YAML between the two `---` lines. */
  yaml: string;
  /** 1-based line of the opening `---` in the outline file. */
  fenceLine: number;
  file: string;
  defaultLang: string;
}

/** Parse and validate an outline's frontmatter; throws the first problem as an OutlineError. */
export function readFrontmatter(source: FrontmatterSource): OutlineData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.yaml, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const fence: Position = { line: source.fenceLine, column: 1 };
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + source.fenceLine, column: col };
  };
  const fail = (ruleId: string, position: Position, reason: string, hint: string): never => {
    throw new OutlineError({ file: source.file, position, reason, hint, ruleId });
  };

  const yamlError = doc.errors[0];
  if (yamlError) {
    const [start] = yamlError.linePos ?? [];
    const position = start ? { line: start.line + source.fenceLine, column: start.col } : fence;
    return fail(
      yamlError.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      position,
      yamlReason(yamlError),
      yamlHint(yamlError),
    );
  }

  if (doc.contents !== null && !isMap(doc.contents)) {
    const position = doc.contents.range ? positionAt(doc.contents.range[0]) : fence;
    return fail(
      'frontmatter-not-mapping',
      position,
      'the frontmatter must be `key: value` lines',
      `write one key per line, e.g. ${KEY_HELP.title!.example}`,
    );
  }

  checkKeys(doc, positionAt, fail);

  const values = withoutEmptyOptionals(doc.toJS() ?? {});
  const result = OutlineFrontmatterSchema.safeParse(values);
  if (!result.success) {
    const issue = firstIssue(result.error.issues, doc, positionAt);
    return reportIssue(issue, values, doc, positionAt, fence, fail);
  }

  const data = result.data;
  if (data.kind === 'reference' && data.source === undefined) {
    const kindNode = doc.get('kind', true);
    const position = isNode(kindNode) && kindNode.range ? positionAt(kindNode.range[0]) : fence;
    fail(
      'missing-source',
      position,
      '`kind: reference` needs `source`: the TypeScript entry point to document',
      `add a line such as ${KEY_HELP.source!.example}`,
    );
  }

  return {
    title: data.title,
    ...(data.description === undefined ? {} : { description: data.description }),
    kind: data.kind,
    lang: data.lang ?? source.defaultLang,
    translate: data.translate,
    ...(data.audience === undefined ? {} : { audience: data.audience }),
    ...(data.length === undefined ? {} : { length: data.length }),
    tags: data.tags,
    ...(data.cover === undefined ? {} : { cover: data.cover }),
    ...(data.narration === undefined ? {} : { narration: data.narration }),
    ...(data.video === undefined ? {} : { video: data.video }),
    ...(data.source === undefined ? {} : { source: data.source }),
    ...(data.sources.length === 0
      ? {}
      : {
          sources: data.sources.map((s) =>
            typeof s === 'string'
              ? { src: s }
              : s.title === undefined
                ? { src: s.src }
                : { src: s.src, title: s.title },
          ),
        }),
    draft: data.draft,
  };
}

type Fail = (ruleId: string, position: Position, reason: string, hint: string) => never;
type PositionAt = (offset: number) => Position;

/** Unknown keys come first: a typo in `title` also makes the title "missing". */
function checkKeys(doc: Document, positionAt: PositionAt, fail: Fail): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (KNOWN_KEYS.includes(key)) continue;
    const position = isNode(pair.key) && pair.key.range ? positionAt(pair.key.range[0]) : { line: 1, column: 1 };
    const suggestion = KEY_ALIASES[key.toLowerCase()] ?? didYouMean(key, KNOWN_KEYS);
    fail(
      'unknown-key',
      position,
      suggestion ? `unknown key \`${key}\`: did you mean \`${suggestion}\`?` : `unknown key \`${key}\``,
      suggestion
        ? `rename it: ${KEY_HELP[suggestion]!.example}`
        : `remove it; an outline takes ${KNOWN_KEYS.map((k) => `\`${k}\``).join(', ')}`,
    );
  }
}

/** `description:` with nothing after it means "not set"; only the title must have a value. */
function withoutEmptyOptionals(values: unknown): unknown {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return values;
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => key === 'title' || value !== null));
}

function nodeOffset(doc: Document, path: readonly PropertyKey[]): number | undefined {
  const node = doc.getIn(path as unknown[], true);
  if (isNode(node) && node.range) return node.range[0];
  return undefined;
}

/** The issue that comes first in the file, so the error points at the earliest problem. */
function firstIssue(issues: readonly z.core.$ZodIssue[], doc: Document, positionAt: PositionAt): z.core.$ZodIssue {
  const line = (issue: z.core.$ZodIssue): number => {
    const offset = nodeOffset(doc, issue.path);
    return offset === undefined ? 0 : positionAt(offset).line;
  };
  return [...issues].sort((a, b) => line(a) - line(b))[0]!;
}

function reportIssue(
  issue: z.core.$ZodIssue,
  values: unknown,
  doc: Document,
  positionAt: PositionAt,
  fence: Position,
  fail: Fail,
): never {
  const key = String(issue.path[0] ?? 'title');
  const help = KEY_HELP[key]!;
  const offset = nodeOffset(doc, issue.path) ?? nodeOffset(doc, [key]);
  const position = offset === undefined ? fence : positionAt(offset);
  const value = (issue.path as PropertyKey[]).reduce<unknown>(
    (current, step) => (current as Record<PropertyKey, unknown> | undefined)?.[step],
    values,
  );

  if (key === 'title') {
    if (value === undefined)
      return fail(
        'missing-title',
        fence,
        'the outline has no `title`',
        `add a line to the frontmatter, e.g. ${help.example}`,
      );
    if (value === null || typeof value === 'string')
      return fail('empty-title', position, '`title` is empty', `write the page title after it, e.g. ${help.example}`);
  }
  if (key === 'kind' && typeof value === 'string') {
    const suggestion = didYouMean(value, ['article', 'guide', 'reference'], { maxDistance: 3 });
    return fail(
      'invalid-kind',
      position,
      `\`kind\` must be article, guide or reference, not \`${value}\`${suggestion ? `: did you mean \`${suggestion}\`?` : ''}`,
      `write ${suggestion ? `kind: ${suggestion}` : help.example}`,
    );
  }
  if ((key === 'lang' || (key === 'translate' && issue.path.length > 1)) && typeof value === 'string') {
    const suggestion = suggestLang(value);
    return fail(
      `invalid-${key}`,
      position,
      `\`${value}\` is not a BCP 47 language tag${suggestion ? `: did you mean \`${suggestion}\`?` : ''}`,
      suggestion
        ? key === 'lang'
          ? `write lang: ${suggestion}`
          : `write ${suggestion} instead of ${value}`
        : `write ${help.example}`,
    );
  }
  if (key === 'cover' && typeof value === 'string') {
    return fail(
      'invalid-cover',
      position,
      '`cover` is empty',
      `write an image prompt, or cover: false for no cover, e.g. ${help.example}`,
    );
  }
  const found =
    issue.path.length > 1 ? `item ${Number(issue.path[1]) + 1} is ${describe(value)}` : `found ${describe(value)}`;
  // A single word where a list belongs is the common slip: show that word as a list.
  const asList =
    (key === 'tags' || key === 'translate') && (typeof value === 'string' || typeof value === 'number')
      ? `${key}: [${value}]`
      : undefined;
  return fail(
    `invalid-${key}`,
    position,
    `\`${key}\` must be ${help.must}, e.g. ${help.example}; ${found}`,
    `write ${asList ?? help.example}`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** The yaml message without its own " at line…" suffix and code frame (we print ours). */
function yamlReason(error: YAMLError): string {
  const first = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `invalid YAML in the frontmatter: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function yamlHint(error: YAMLError): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'DUPLICATE_KEY':
      return 'each key may appear once: remove or merge the repeated line';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'put text that contains `: ` in quotes, e.g. title: "AIGC: a primer"';
    case 'MISSING_CHAR':
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
      return 'close every [ with ] and every quote; lists look like tags: [aigc, ai]';
    default:
      return 'each line is `key: value`; quote values that contain `: ` or start with a special character, e.g. title: "AIGC: a primer"';
  }
}

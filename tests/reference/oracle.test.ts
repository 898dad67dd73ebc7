/**
 * The oracle: for real published packages of different shapes, our reference pages against
 * TypeDoc's own JSON for the same entry. Every exported reflection must have a page (or a
 * section) with the same name and kind, and every comment TypeDoc read must be on a page.
 *
 * The packages (pinned devDependencies, none used by astro-aigc itself):
 * - emittery: a default-exported class, generic, with many overloaded methods;
 * - typescript-event-target: a class merged with an interface of the same name, extending `EventTarget`;
 * - p-retry: a default-exported function, an options type with `@default` tags, an `Error` subclass;
 * - neverthrow: overloads, a namespace merged with a type alias, classes;
 * - http-status-codes: enums, re-exports from sub-modules, an anonymous default export;
 * - @astrojs/rss: zod-inferred options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Application, ReflectionKind, TSConfigReader, type JSONOutput } from 'typedoc';
import { describe, expect, it } from 'vitest';
import { extractApi } from '../../integrations/aigc/src/generators/reference/extract.ts';
import {
  allSymbols,
  type ApiModel,
  type ApiSymbol,
  type ApiSymbolKind,
} from '../../integrations/aigc/src/generators/reference/model.ts';
import { renderReference, type ReferencePage } from '../../integrations/aigc/src/generators/reference/render.ts';
import { resolveSource } from '../../integrations/aigc/src/generators/reference/source.ts';
import { ROOT, tempDir } from './support.ts';

const PACKAGES = ['emittery', 'typescript-event-target', 'p-retry', 'neverthrow', 'http-status-codes', '@astrojs/rss'];

/** TypeDoc's kinds, as our pages name them. */
const KINDS: Partial<Record<ReflectionKind, ApiSymbolKind[]>> = {
  [ReflectionKind.Function]: ['function'],
  [ReflectionKind.Class]: ['class'],
  // An interface declared as a class (exported as a type) is shown as the class it is.
  [ReflectionKind.Interface]: ['interface', 'class'],
  [ReflectionKind.TypeAlias]: ['type'],
  [ReflectionKind.Enum]: ['enum'],
  [ReflectionKind.Variable]: ['variable'],
  [ReflectionKind.Namespace]: ['namespace'],
  [ReflectionKind.Module]: ['namespace'],
  [ReflectionKind.Reference]: ['reexport'],
};

/** TypeDoc on its own, with its default options, writing its JSON for the entries we document. */
async function typedocJson(source: string, dir: string): Promise<JSONOutput.ProjectReflection> {
  const resolved = resolveSource(source, ROOT);
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        lib: ['ES2023', 'DOM'],
        skipLibCheck: true,
        noEmit: true,
      },
      files: resolved.entries.map((e) => e.file),
    }),
  );
  const app = await Application.bootstrapWithPlugins(
    {
      entryPoints: resolved.entries.map((e) => e.file),
      tsconfig,
      skipErrorChecking: true,
      logLevel: 'Error',
      readme: 'none',
      disableGit: true,
      sourceLinkTemplate: 'about:blank',
      plugin: [],
    },
    [new TSConfigReader()],
  );
  const project = await app.convert();
  if (!project) throw new Error(`TypeDoc could not convert ${source}`);
  return app.serializer.projectToObject(project, dir as Parameters<typeof app.serializer.projectToObject>[1]);
}

/** Plain text of a Markdown page or a TypeDoc comment, for "this text is on the page". */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\\\|/g, '|')
    .replace(/&lt;/g, '<')
    .replace(/\s+/g, ' ')
    .trim();
}

function commentText(comment: JSONOutput.Comment | undefined): string[] {
  if (!comment) return [];
  const parts = (list: JSONOutput.CommentDisplayPart[]) => plain(list.map((p) => ('text' in p ? p.text : '')).join(''));
  return [
    parts(comment.summary),
    ...(comment.blockTags ?? [])
      .filter((t) => ['@returns', '@remarks', '@deprecated', '@throws', '@see', '@since'].includes(t.tag))
      .map((t) => parts(t.content)),
  ].filter((t) => t.length > 0);
}

interface Expectation {
  /** Where it sits, for failure messages. */
  where: string;
  name: string;
  kinds: ApiSymbolKind[];
  texts: string[];
  members: { name: string; texts: string[] }[];
}

/** What TypeDoc says each module exports: name, kind, member names and every documented text. */
function expectations(json: JSONOutput.ProjectReflection): Expectation[] {
  const modules = json.children?.some((c) => c.kind === ReflectionKind.Module)
    ? json.children.filter((c) => c.kind === ReflectionKind.Module)
    : [json];
  const out: Expectation[] = [];
  for (const module of modules) {
    for (const child of (module.children ?? []) as JSONOutput.DeclarationReflection[]) {
      const kinds = KINDS[child.kind as ReflectionKind];
      if (!kinds) continue;
      const texts = [
        ...commentText(child.comment),
        ...(child.signatures ?? []).flatMap((s) => [
          ...commentText(s.comment),
          ...(s.parameters ?? []).flatMap((p) => commentText(p.comment)),
        ]),
      ];
      const members = (child.children ?? [])
        .filter((m) => !m.flags.isPrivate && !m.name.startsWith('#'))
        .map((m) => ({
          name: m.name,
          texts: [
            ...commentText(m.comment),
            ...(m.signatures ?? []).flatMap((s) => commentText(s.comment)),
            ...commentText(m.getSignature?.comment),
          ],
        }));
      out.push({ where: `${module.name}:${child.name}`, name: child.name, kinds, texts, members });
    }
  }
  return out;
}

function symbolFor(model: ApiModel, expected: Expectation): ApiSymbol | undefined {
  const symbols = allSymbols(model).filter((s) => !s.qualifiedName.includes('.'));
  if (expected.name === 'default') return symbols.find((s) => s.defaultExport);
  return symbols.find((s) => s.name === expected.name && expected.kinds.includes(s.kind));
}

describe.each(PACKAGES)('oracle: %s against TypeDoc’s JSON', (pkg) => {
  it('has a page of the same name and kind for every export, every member and every documented text', async () => {
    const dir = tempDir('oracle');
    mkdirSync(dir, { recursive: true });
    const [model, json] = [await extractApi(pkg, ROOT, { cacheDir: join(dir, 'cache') }), await typedocJson(pkg, dir)];
    const rendered = renderReference(model, { base: '/docs/api/' });
    const pages = new Map<string, ReferencePage>(rendered.pages.map((p) => [p.id, p]));
    const wanted = expectations(json);
    expect(wanted.length).toBeGreaterThan(1);
    const problems: string[] = [];
    for (const expected of wanted) {
      const symbol = symbolFor(model, expected);
      const page = symbol && pages.get(symbol.id);
      if (!symbol || !page) {
        problems.push(`${expected.where}: no page for a ${expected.kinds.join('/')} of this name`);
        continue;
      }
      const text = plain(`${page.title}\n${page.body}`);
      for (const t of expected.texts)
        if (!text.includes(t)) problems.push(`${expected.where}: page ${page.id} lacks the text "${t.slice(0, 80)}"`);
      for (const member of expected.members) {
        // Own members have a section; inherited ones are named under "Inherited from".
        if (!page.body.includes(`\`${member.name}\``))
          problems.push(`${expected.where}: page ${page.id} does not name member ${member.name}`);
        const inherited = symbol.members.find((m) => m.name === member.name)?.inheritedFrom;
        if (inherited) continue;
        for (const t of member.texts)
          if (!text.includes(t))
            problems.push(`${expected.where}.${member.name}: page ${page.id} lacks the text "${t.slice(0, 80)}"`);
      }
    }
    // No page says `default`, and no page links to a page that is not there.
    for (const page of rendered.pages) {
      if (/^(function|class) default\b/m.test(page.body)) problems.push(`${page.id}: declares \`default\``);
      for (const [, id] of page.body.matchAll(/\]\(\/docs\/api\/([^/)#]+)\//g))
        if (!pages.has(id!)) problems.push(`${page.id}: links to missing page ${id}`);
    }
    expect(problems).toEqual([]);
  }, 300_000); // Two TypeDoc runs over one small package each, on a machine shared with other builds.
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractApiWithStatus } from '../../integrations/aigc/src/generators/reference/extract.ts';
import { allSymbols, type ApiModel, type ApiSymbol } from '../../integrations/aigc/src/generators/reference/model.ts';
import { sourceFingerprint } from '../../integrations/aigc/src/generators/reference/source.ts';
import { FIXTURE_SOURCE, ROOT, fixtureCopy, tempDir } from './support.ts';

let model: ApiModel;
let cacheDir: string;
let firstCached: boolean;
const byName = (name: string): ApiSymbol => {
  const found = allSymbols(model).find((s) => s.qualifiedName === name);
  if (!found) throw new Error(`no symbol ${name}`);
  return found;
};

beforeAll(async () => {
  cacheDir = tempDir('cache');
  const result = await extractApiWithStatus(FIXTURE_SOURCE, ROOT, { cacheDir });
  model = result.model;
  firstCached = result.cached;
});

describe('extractApi on the fixture package', () => {
  it('names the package and the files it read', () => {
    expect(model.packageName).toBe('fixture-api');
    expect(model.packageVersion).toBe('1.2.3');
    expect(model.files).toEqual([
      'tests/fixtures/api-package/src/dates.ts',
      'tests/fixtures/api-package/src/index.ts',
      'tests/fixtures/api-package/src/legacy.ts',
      'tests/fixtures/api-package/src/strings.ts',
    ]);
    expect(model.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has one symbol of every construct, each of the right kind', () => {
    const kinds = Object.fromEntries(model.modules[0]!.symbols.map((s) => [s.id, s.kind]));
    expect(kinds).toMatchObject({
      greet: 'function',
      greeter: 'class',
      greeteroptions: 'interface',
      greeting: 'type',
      punctuation: 'enum',
      default_salutation: 'variable',
      greetings: 'namespace',
      strings: 'namespace',
      makegreeter: 'reexport',
      formatdate: 'function',
      datestyle: 'type',
      volume: 'variable',
      'volume-type': 'type',
    });
  });

  it('leaves out what the entry does not export', () => {
    const names = allSymbols(model).map((s) => s.name);
    expect(names).not.toContain('secretHelper');
    expect(names).not.toContain('InternalState');
    expect(names).not.toContain('unexportedFromEntry');
  });

  it('keeps overloads, parameters, defaults and type parameters', () => {
    const greet = byName('greet');
    expect(greet.signatures.map((s) => s.text)).toEqual([
      'greet(name: string): string',
      'greet(names: readonly string[], separator?: string): string',
    ]);
    expect(greet.signatures[1]!.parameters[1]).toMatchObject({
      name: 'separator',
      optional: true,
      doc: 'Put between the greetings.',
    });
    const pick = byName('pick').signatures[0]!;
    expect(pick.typeParameters).toEqual([
      { name: 'T', constraint: 'object', default: 'Record<string, unknown>', doc: 'Type of the items.' },
    ]);
    expect(pick.parameters[2]).toMatchObject({
      name: 'fallback',
      type: 'T | null',
      defaultValue: 'null',
      optional: true,
    });
    expect(byName('formatDate').declaration).toBe('function formatDate(date: Date, style?: DateStyle): string');
  });

  it('maps class members, accessors, statics, and enum members', () => {
    const greeter = byName('Greeter');
    expect(greeter.members.map((m) => `${m.kind}:${m.name}`)).toEqual([
      'property:count',
      'constructor:constructor',
      'method:greet',
      'accessor:salutation',
      'method:standard',
    ]);
    expect(greeter.members.find((m) => m.name === 'standard')!.text).toBe('static standard(): Greeter');
    expect(greeter.members.find((m) => m.name === 'count')!.defaultValue).toBe('0');
    expect(greeter.declaration).not.toContain('#options');
    expect(byName('Punctuation').members.map((m) => m.text)).toEqual(['Period = "."', 'Bang = "!"']);
    expect(byName('GreeterOptions').members.find((m) => m.name === 'volume')!.doc.defaultValue).toBe("'quiet'");
  });

  it('keeps TSDoc: summaries, @example, @deprecated, @returns and {@link} targets', () => {
    expect(byName('Greeter').doc.examples[0]).toContain("new Greeter({ salutation: 'Hi' })");
    expect(byName('createGreeter').doc.examples[0]).toMatch(/^```ts\nimport \{ createGreeter \} from 'fixture-api';/);
    expect(byName('sayHello').doc.deprecated).toBe(
      'Use [`createGreeter`](api:creategreeter) and [`Greeter.greet`](api:greeter#greet) instead.',
    );
    expect(byName('createGreeter').signatures[0]!.returns.doc).toBe('A new greeter.');
    expect(byName('createGreeter').references).toEqual(['greeter', 'greeteroptions']);
    expect(byName('makeGreeter').target).toBe('creategreeter');
  });

  it('maps namespace members as symbols of their own', () => {
    expect(byName('Greetings').children.map((c) => c.id)).toEqual(['greetings.isloud', 'greetings.max']);
    expect(byName('strings.capitalize').declaration).toBe('function capitalize(text: string): string');
  });
});

describe('extraction cache', () => {
  it('is a miss the first time and a hit the second', async () => {
    expect(firstCached).toBe(false);
    const again = await extractApiWithStatus(FIXTURE_SOURCE, ROOT, { cacheDir });
    expect(again.cached).toBe(true);
    expect(again.model).toEqual(model);
  });

  it('shares one extraction between jobs that ask at the same time (a reference and a guide)', async () => {
    const dir = tempDir('cache-concurrent');
    const [a, b] = await Promise.all([
      extractApiWithStatus(FIXTURE_SOURCE, ROOT, { cacheDir: dir }),
      extractApiWithStatus(FIXTURE_SOURCE, ROOT, { cacheDir: dir }),
    ]);
    expect(a.model).toBe(b.model);
    expect(a.model).toEqual(model);
    expect((await extractApiWithStatus(FIXTURE_SOURCE, ROOT, { cacheDir: dir })).cached).toBe(true);
  });

  it('misses after a source file changes, and the hash changes with it', async () => {
    const copy = fixtureCopy();
    const dir = tempDir('cache2');
    const before = await extractApiWithStatus(copy.source, copy.root, { cacheDir: dir });
    const file = join(copy.root, 'pkg/src/strings.ts');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n/** Lower-case everything. */\nexport function lower(text: string): string {\n  return text.toLowerCase();\n}\n`,
    );
    expect(sourceFingerprint(copy.source, copy.root).hash).not.toBe(before.model.sourceHash);
    const after = await extractApiWithStatus(copy.source, copy.root, { cacheDir: dir });
    expect(after.cached).toBe(false);
    expect(allSymbols(after.model).map((s) => s.qualifiedName)).toContain('strings.lower');
  });
});

describe('the files a source hash reads', () => {
  it('follows imports, not usage examples in comments (a doc comment importing a sibling file is no import)', () => {
    const copy = fixtureCopy();
    writeFileSync(join(copy.root, 'pkg/src/example-only.ts'), 'export const built = 1;\n');
    const file = join(copy.root, 'pkg/src/index.ts');
    const before = sourceFingerprint(copy.source, copy.root);
    writeFileSync(
      file,
      `/**\n * import { built } from './example-only.ts';\n */\n// import { built } from './example-only.ts';\n${readFileSync(file, 'utf8')}`,
    );
    const after = sourceFingerprint(copy.source, copy.root);
    expect(after.files.map((f) => f.replace(/\\/g, '/'))).not.toContainEqual(
      expect.stringMatching(/example-only\.ts$/),
    );
    expect(after.files).toEqual(before.files);
    writeFileSync(file, `export * as example from './example-only.ts';\n${readFileSync(file, 'utf8')}`);
    expect(sourceFingerprint(copy.source, copy.root).files).toContainEqual(expect.stringMatching(/example-only\.ts$/));
  });
});

describe('a real published package (change-case, bundled .d.ts)', () => {
  const declared = readFileSync(join(ROOT, 'node_modules/change-case/dist/index.d.ts'), 'utf8');
  const exported = [...declared.matchAll(/^export (?:declare )?(?:function|interface|type|const|class) (\w+)/gm)].map(
    (m) => m[1]!,
  );

  it('extracts by package name and lists every export of its .d.ts', async () => {
    const { model: api } = await extractApiWithStatus('change-case', ROOT, { cacheDir });
    expect(exported.length).toBeGreaterThan(10);
    expect(api.packageName).toBe('change-case');
    const names = api.modules.flatMap((m) => m.symbols.map((s) => s.name));
    expect(new Set(names)).toEqual(new Set(exported));
    expect(api.files.every((f) => f.startsWith('node_modules/change-case/'))).toBe(true);
    const camel = api.modules[0]!.symbols.find((s) => s.name === 'camelCase')!;
    expect(camel.declaration).toBe('function camelCase(input: string, options?: PascalCaseOptions): string');
  });

  it('extracts the .d.ts file given as a path too', async () => {
    const { model: api } = await extractApiWithStatus('node_modules/change-case/dist/index.d.ts', ROOT, { cacheDir });
    expect(api.modules[0]!.symbols.map((s) => s.name).sort()).toEqual([...exported].sort());
  });
});

describe('astro-aigc documents itself', () => {
  it('extracts the options module of the integration', async () => {
    const { model: api } = await extractApiWithStatus('integrations/aigc/src/options.ts', ROOT, { cacheDir });
    const names = api.modules[0]!.symbols.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'DEFAULT_MODELS',
        'AigcOptionsSchema',
        'parseOptions',
        'AigcOptions',
        'AigcUserOptions',
        'AigcOptionsError',
      ]),
    );
    expect(api.packageName).toBe('astro-aigc');
  });

  it('extracts the workspace package by name: one module per typed export subpath', async () => {
    const { model: api } = await extractApiWithStatus('astro-aigc', ROOT, { cacheDir });
    expect(api.modules.map((m) => m.name)).toEqual(['astro-aigc', 'astro-aigc/loader', 'astro-aigc/api']);
    const names = (module: string) => api.modules.find((m) => m.name === module)!.symbols.map((s) => s.name);
    // The default export under its own name, marked as the default export.
    expect(names('astro-aigc')).toContain('aigc');
    expect(names('astro-aigc')).not.toContain('default');
    expect(api.modules[0]!.symbols.find((s) => s.name === 'aigc')).toMatchObject({
      defaultExport: true,
      kind: 'function',
      id: 'astro-aigc.aigc',
    });
    expect(names('astro-aigc/loader')).toContain('aigcLoader');
    expect(names('astro-aigc/api')).toEqual(expect.arrayContaining(['generate', 'clean']));
    // Page ids stay unique across modules.
    const ids = allSymbols(api).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

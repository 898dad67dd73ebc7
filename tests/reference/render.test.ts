import { beforeAll, describe, expect, it } from 'vitest';
import { extractApi } from '../../integrations/aigc/src/generators/reference/extract.ts';
import { allSymbols, type ApiModel } from '../../integrations/aigc/src/generators/reference/model.ts';
import { foldDeclaration } from '../../integrations/aigc/src/generators/reference/fold.ts';
import {
  renderReference,
  toStarlightSidebar,
  type RenderedReference,
  type SidebarEntry,
} from '../../integrations/aigc/src/generators/reference/render.ts';
import { checkApiSymbols } from '../../integrations/aigc/src/generators/reference/check-symbols.ts';
import { FIXTURE_SOURCE, ROOT, tempDir } from './support.ts';

let model: ApiModel;
let rendered: RenderedReference;
const page = (id: string) => {
  const found = rendered.pages.find((p) => p.id === id);
  if (!found) throw new Error(`no page ${id}`);
  return found;
};

beforeAll(async () => {
  model = await extractApi(FIXTURE_SOURCE, ROOT, { cacheDir: tempDir('render') });
  rendered = renderReference(model, { base: '/docs/api/' });
});

function links(entries: SidebarEntry[]): string[] {
  return entries.flatMap((e) => ('items' in e ? links(e.items) : [e.link]));
}

describe('reference pages', () => {
  it('gives every exported symbol and the module a page, and nothing else', () => {
    const ids = rendered.pages.map((p) => p.id).sort();
    expect(ids).toEqual(['module-fixture-api', ...allSymbols(model).map((s) => s.id)].sort());
    expect(ids).not.toContain('secrethelper');
    expect(ids).not.toContain('internalstate');
    expect(ids).not.toContain('unexportedfromentry');
  });

  it('shows each symbol signature in a ts fence', () => {
    for (const symbol of allSymbols(model)) {
      expect(page(symbol.id).body).toContain(`\`\`\`ts\n${foldDeclaration(symbol.declaration)}\n\`\`\``);
    }
    expect(page('formatdate').body).toContain('```ts\nfunction formatDate(date: Date, style?: DateStyle): string\n```');
  });

  it('renders overloads, parameter tables with defaults, and type parameters', () => {
    const greet = page('greet').body;
    expect(greet).toContain('## Overload 1');
    expect(greet).toContain('## Overload 2');
    expect(greet).toContain('| `separator?` | `string` | *optional* | Put between the greetings. |');
    const pick = page('pick').body;
    expect(pick).toContain('| `T` | `object` | `Record<string, unknown>` | Type of the items. |');
    expect(pick).toContain('| `fallback?` | `T \\| null` | `null` | Returned when nothing matches. |');
    expect(pick).toContain('## Returns\n\n`T | null`');
  });

  it('shows @deprecated as a callout and @example blocks', () => {
    expect(page('sayhello').body).toMatch(
      /^> \*\*Deprecated\.\*\* Use \[`createGreeter`\]\(\/docs\/api\/creategreeter\/\) and \[`Greeter\.greet`\]\(\/docs\/api\/greeter\/#greet\) instead\./,
    );
    expect(page('greeter').body).toContain("## Example\n\n```ts\nconst greeter = new Greeter({ salutation: 'Hi' });");
    expect(page('creategreeter').body).toContain("import { createGreeter } from 'fixture-api';");
    expect(page('creategreeter').body).not.toContain('Deprecated');
  });

  it('links symbols to each other and members to anchors that exist', () => {
    expect(page('creategreeter').body).toContain(
      '## Related\n\n- [`Greeter`](/docs/api/greeter/)\n- [`GreeterOptions`](/docs/api/greeteroptions/)',
    );
    // A parameter or return type that is the package's own symbol links to its page; others stay code.
    expect(page('creategreeter').body).toContain(
      '| `options?` | [`GreeterOptions`](/docs/api/greeteroptions/) | *optional* | Greeter options. |',
    );
    expect(page('creategreeter').body).toContain('## Returns\n\n[`Greeter`](/docs/api/greeter/) — A new greeter.');
    expect(page('greeter').body).toContain('### `greet`');
    expect(page('makegreeter').body).toContain('Another name for [`createGreeter`](/docs/api/creategreeter/).');
    expect(page('module-fixture-api').body).toContain(
      '| [`Greeter`](/docs/api/greeter/) | class | Makes greetings for names. |',
    );
  });

  it('gives every page a title and a description from TSDoc', () => {
    expect(page('greeter')).toMatchObject({
      title: 'Greeter',
      description: 'Makes greetings for names.',
      kind: 'class',
    });
    expect(page('greetings.isloud')).toMatchObject({
      title: 'Greetings.isLoud',
      description: 'Whether a greeting is loud.',
    });
  });

  it('keeps angle brackets of a summary as text in the tables, not as stray HTML', () => {
    const copy = structuredClone(model);
    const symbol = allSymbols(copy)[0]!;
    symbol.doc.summary = 'Published at `/<collection>/<id>/`, always.';
    const rows = renderReference(copy, { base: '/docs/api/' })
      .pages.flatMap((p) => p.body.split('\n'))
      .filter((line) => line.startsWith(`| [\`${symbol.name}\`]`));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('Published at /&lt;collection>/&lt;id>/, always.');
  });

  it('is deterministic', () => {
    expect(renderReference(model, { base: '/docs/api/' })).toEqual(rendered);
  });

  it('pages name only API that exists (the api-symbol rule passes on them)', () => {
    for (const p of rendered.pages) expect(checkApiSymbols(p.body, model), p.id).toEqual([]);
  });
});

describe('reference sidebar', () => {
  it('links the overview and every page exactly once', () => {
    const all = links(rendered.sidebar);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(['/docs/api/', ...rendered.pages.map((p) => `/docs/api/${p.id}/`)]));
  });

  it('groups by kind and marks deprecated entries', () => {
    const groups = rendered.sidebar.filter((e) => 'items' in e).map((e) => e.label);
    expect(groups).toEqual([
      'Functions',
      'Classes',
      'Interfaces',
      'Type aliases',
      'Enums',
      'Variables',
      'Namespaces',
      'Re-exports',
    ]);
    const functions = rendered.sidebar.find((e) => e.label === 'Functions')!;
    expect('items' in functions && functions.items.find((i) => i.label === 'sayHello')).toMatchObject({
      deprecated: true,
    });
  });

  it('converts to Starlight sidebar items', () => {
    const starlight = toStarlightSidebar(rendered.sidebar) as { label: string; link?: string; items?: unknown[] }[];
    expect(starlight[0]).toEqual({ label: 'Overview', link: '/docs/api/' });
    expect(JSON.stringify(starlight)).not.toMatch(/"(id|kind|deprecated)"/);
  });
});

describe('long declarations', () => {
  const long = `function clean(settings: { root: string; options: { outlines: string; output: string; text: { provider: "auto" | "openai"; model: string } }; force?: boolean; env?: ProcessEnv }): Promise<CleanResult>`;

  // Folding changes whitespace and ends an opened object's last member with `;`, nothing else.
  const same = (text: string) => text.replace(/\s+/g, '').replace(/;}/g, '}');

  it('are folded across lines, never truncated', () => {
    const folded = foldDeclaration(long, 60);
    expect(folded.split('\n').length).toBeGreaterThan(4);
    expect(same(folded)).toBe(same(long));
    expect(folded).toContain('\n    root: string;\n');
    expect(folded).toContain('provider: "auto" | "openai";');
  });

  it('leave short lines and string literals with brackets alone', () => {
    expect(foldDeclaration('type Tone = "casual" | "formal"')).toBe('type Tone = "casual" | "formal"');
    const odd = `type Odd = { a: "{ not; a; block }"; b: '(x, y)'; c: (x: number) => string; d: Array<{ e: string; f: number }> }`;
    expect(same(foldDeclaration(odd, 40))).toBe(same(odd));
    expect(foldDeclaration(odd, 40)).toContain('"{ not; a; block }"');
  });
});

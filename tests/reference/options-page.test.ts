/**
 * The integration's options page, generated from the source, against the README's options
 * table, generated from the schema: the same options, defaults and descriptions, so neither
 * can drift from the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractApi } from '../../integrations/aigc/src/generators/reference/extract.ts';
import { allSymbols, type ApiModel } from '../../integrations/aigc/src/generators/reference/model.ts';
import { renderReference } from '../../integrations/aigc/src/generators/reference/render.ts';
import { optionRows } from '../../scripts/options-table.ts';
import { ROOT, tempDir } from './support.ts';

let model: ApiModel;

beforeAll(async () => {
  model = await extractApi('astro-aigc', ROOT, { cacheDir: tempDir('options-page') });
}, 300_000);

/** The rows of a page's `## Fields` table: path (without `?`), default, description. */
function fieldRows(body: string): { path: string; default: string; description: string }[] {
  const table = body.slice(body.indexOf('## Fields'));
  return [...table.matchAll(/^\| `([^`]+)`[^|]* \| .*? \| (—|`[^`]*`) \| (.*) \|$/gm)].map((m) => ({
    path: m[1]!.replace(/\?$/, ''),
    default: m[2] === '—' ? '—' : m[2]!.slice(1, -1).replace(/\\\|/g, '|'),
    description: m[3]!.replace(/\\\|/g, '|').replace(/&lt;/g, '<'),
  }));
}

describe('the options page of astro-aigc', () => {
  it('lists every option of the README table with its default and description', () => {
    const page = renderReference(model, { base: '/docs/api/' }).pages.find(
      (p) => p.title === 'AigcUserOptions' && p.id.startsWith('astro-aigc.'),
    );
    expect(page, 'a page for AigcUserOptions').toBeDefined();
    const readme = optionRows().map((r) => ({ path: r.path, default: r.default, description: r.description }));
    expect(readme.length).toBeGreaterThan(30);
    expect(fieldRows(page!.body)).toEqual(readme);
  });

  it('documents the default export as aigc(), its options linked rather than expanded', () => {
    const aigc = model.modules[0]!.symbols.find((s) => s.defaultExport)!;
    expect(aigc.name).toBe('aigc');
    expect(aigc.declaration).toBe('export default function aigc(userOptions?: AigcUserOptions): AigcIntegration');
    const page = renderReference(model, { base: '/docs/api/' }).pages.find((p) => p.id === aigc.id)!;
    expect(page.body).toContain('[`AigcUserOptions`](/docs/api/astro-aigc.aigcuseroptions/)');
    for (const symbol of allSymbols(model))
      expect(symbol.declaration, symbol.id).not.toMatch(/outlines\?: string; output\?: string/);
  });

  it('shows OutlineError as the class it is, its inherited members collapsed, and names nothing it cannot link or list', () => {
    const pages = renderReference(model, { base: '/docs/api/' }).pages;
    const outlineError = allSymbols(model).find((s) => s.name === 'OutlineError')!;
    expect(outlineError.kind).toBe('class');
    const body = pages.find((p) => p.id === outlineError.id)!.body;
    expect(body).toContain('class OutlineError extends Error {');
    expect(body).toContain('## Inherited from `Error`');
    expect(body).not.toContain('### `stack`');
    expect(body).toContain('[`Position`](/docs/api/internal-types/#position)');
    // Every type a page links as internal is declared on the internal types page.
    const internals = pages.find((p) => p.id === 'internal-types')!.body;
    for (const page of pages) {
      for (const [, anchor] of page.body.matchAll(/\/docs\/api\/internal-types\/#([\w-]+)/g))
        expect(internals, `${page.id} → #${anchor}`).toMatch(new RegExp(`^## \`${anchor}\`$`, 'im'));
    }
  });
});

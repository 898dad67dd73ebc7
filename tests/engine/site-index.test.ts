import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSiteIndex } from '../../integrations/aigc/src/site-index.ts';

const root = mkdtempSync(join(tmpdir(), 'aigc-site-index-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The anchors the index gives a page written to content/generated/docs/<name>.md. */
function anchorsOf(markdown: string, name = 'page'): string[] {
  const folder = join(root, 'content/generated/docs');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.md`), markdown);
  const index = buildSiteIndex([], root, 'content/generated');
  return [...(index.routes.get(`/docs/${name}/`) ?? [])];
}

describe('site index anchors come from the Markdown tree', () => {
  it('a heading inside a fenced code block is not an anchor', () => {
    const page =
      '---\ntitle: Shell\n---\n\n## Real heading\n\n```sh\n# comment, not a heading\n```\n\n~~~md\n## Example heading\n~~~\n';
    expect(anchorsOf(page, 'fences')).toEqual(['real-heading']);
  });

  it('setext headings are anchors; frontmatter is not', () => {
    const page = '---\n# not: heading\ntitle: T\n---\n\nUnderlined\n==========\n\nAlso this\n---------\n';
    expect(anchorsOf(page, 'setext')).toEqual(['underlined', 'also-this']);
  });

  it('the anchor is the slug of the heading text, as Astro makes it (underscores kept, markup gone)', () => {
    const page =
      '## Use `snake_case` names\n\n## The *emphasised* [link](https://example.org) part\n\n## Use `snake_case` names\n';
    expect(anchorsOf(page, 'markup')).toEqual([
      'use-snake_case-names',
      'the-emphasised-link-part',
      'use-snake_case-names-1',
    ]);
  });
});

describe('page headings kept between runs', () => {
  it('are read back by the hash of the page text, and parsed again when the page changes', async () => {
    const { readFileSync } = await import('node:fs');
    const folder = join(root, 'content/generated/cached');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'page.md'), '## First heading\n');
    const anchors = () => [
      ...(buildSiteIndex([], root, 'content/generated', {}, '.cache').routes.get('/cached/page/') ?? []),
    ];
    expect(anchors()).toEqual(['first-heading']);
    // Tamper with the kept entry: a run that reads it back shows the tampered heading.
    const cacheFile = join(root, '.cache/page-headings.json');
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string[]>;
    for (const key of Object.keys(kept)) if (kept[key]?.[0] === 'First heading') kept[key] = ['Kept heading'];
    writeFileSync(cacheFile, JSON.stringify(kept));
    expect(anchors()).toEqual(['kept-heading']);
    writeFileSync(join(folder, 'page.md'), '## Second heading\n');
    expect(anchors()).toEqual(['second-heading']);
  });
});

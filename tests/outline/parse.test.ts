import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OutlineError } from '../../integrations/aigc/src/outline/error.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const meta = {
  file: 'content/outlines/articles/what-is-aigc.md',
  collection: 'articles',
  slug: 'what-is-aigc',
  defaultLang: 'en',
};

interface Expected {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}

function parseError(raw: string, file = meta.file): OutlineError {
  try {
    parseOutline(raw, { ...meta, file });
  } catch (error) {
    if (error instanceof OutlineError) return error;
    throw error;
  }
  throw new Error('expected an OutlineError, the outline parsed');
}

describe('malformed outlines (fixtures)', () => {
  const cases = readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('has at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(`${fixtures}${name}/input.md`, 'utf8');
      const expected = JSON.parse(readFileSync(`${fixtures}${name}/expected.json`, 'utf8')) as Expected;
      const file = `tests/outline/fixtures/${name}/input.md`;
      const error = parseError(input, file);
      expect({ ruleId: error.ruleId, line: error.position.line, column: error.position.column }).toEqual({
        ruleId: expected.ruleId,
        line: expected.line,
        column: expected.column,
      });
      expect(error.message).toContain(expected.message);
      // file:line:column first, then the fix.
      expect(error.message.startsWith(`${file}:${expected.line}:${expected.column}: `)).toBe(true);
      expect(error.file).toBe(file);
      expect(error.hint.length).toBeGreaterThan(10);
      expect(error.message).toContain(`fix: ${error.hint}`);
    });
  }
});

describe('error hints say what to write', () => {
  it('shows a wrong single tag as a list', () => {
    const error = parseError('---\ntitle: T\ntags: aigc\n---\n## A\n');
    expect(error.hint).toBe('write tags: [aigc]');
  });

  it('suggests the closest key for a typo and the right key for an alias', () => {
    expect(parseError('---\ntitle: T\ndescripton: x\n---\n## A\n').message).toContain('did you mean `description`?');
    expect(parseError('---\ntitle: T\nkeywords: [a]\n---\n## A\n').message).toContain('did you mean `tags`?');
  });

  it('reports an unknown key before the missing title it causes', () => {
    const error = parseError('---\nTitle: T\n---\n## A\n');
    expect(error.ruleId).toBe('unknown-key');
    expect(error.message).toContain('did you mean `title`?');
  });

  it('tells how to add the frontmatter fences when the YAML has none', () => {
    expect(parseError('title: T\n\n## A\n').hint).toContain('add a line `---` above line 1');
    expect(parseError('Some text\n\n## A\n').hint).toContain('start the file with `---`');
  });

  it('says outline frontmatter is YAML when it is written as TOML', () => {
    const error = parseError('+++\ntitle = "T"\n+++\n\n## A\n- a\n');
    expect(error.ruleId).toBe('toml-frontmatter');
    expect(error.hint).toContain('replace the `+++` lines with `---`');
  });

  it('holds lang to BCP 47 as bcp-47 parses it', () => {
    for (const bad of ['en-', 'en--US', 'en-US-x', 'English'])
      expect(parseError(`---\ntitle: T\nlang: ${bad}\n---\n## A\n`).ruleId).toBe('invalid-lang');
    expect(parseError('---\ntitle: T\nlang: en_US\n---\n## A\n').hint).toBe('write lang: en-US');
  });

  it('names a language tag for a language name', () => {
    expect(parseError('---\ntitle: T\nlang: English\n---\n## A\n').hint).toBe('write lang: en');
  });

  it('points at the first problem in file order when several values are wrong', () => {
    const error = parseError('---\ntitle: T\nlength: many\ntags: x\n---\n## A\n');
    expect(error.ruleId).toBe('invalid-length');
    expect(error.position).toEqual({ line: 3, column: 9 });
  });

  it('counts lines in CRLF files and after a byte order mark', () => {
    const crlf = parseError('---\r\ntitle: T\r\nkind: blog\r\n---\r\n## A\r\n');
    expect(crlf.position).toEqual({ line: 3, column: 7 });
    const bom = parseError('\uFEFF---\ntitle: T\n---\n\n# H1\n');
    expect(bom.ruleId).toBe('no-h1');
    expect(bom.position).toEqual({ line: 5, column: 1 });
  });
});

describe('ids that could escape the output folder', () => {
  const valid = '---\ntitle: T\n---\n## A\n- a\n';
  for (const [collection, slug] of [
    ['articles', '../../etc/passwd'],
    ['articles', '/etc/passwd'],
    ['..', 'x'],
    ['articles', 'a/../../b'],
    ['articles', 'a\\..\\b'],
    ['articles', 'Intro'],
    ['articles', ''],
    ['articles', 'a//b'],
  ] as const) {
    it(`refuses ${collection} / ${slug}`, () => {
      expect(() => parseOutline(valid, { ...meta, collection, slug })).toThrowError(/cannot be part of a page address/);
    });
  }

  it('suggests a slug for a name with capitals and spaces', () => {
    try {
      parseOutline(valid, { ...meta, slug: 'My Intro' });
      expect.unreachable();
    } catch (error) {
      expect((error as OutlineError).ruleId).toBe('invalid-slug');
      expect((error as OutlineError).hint).toBe('rename it to `my-intro`');
    }
  });
});

describe('valid outlines', () => {
  const full = [
    '---',
    'title: What is AIGC',
    'description: A primer',
    'kind: guide',
    'lang: zh-CN',
    'translate: [en, fr]',
    'audience: beginners',
    'length: 900',
    'tags: [aigc, 2024]',
    'cover: A watercolour desk',
    'narration: false',
    'draft: true',
    '---',
    '',
    'Explain what AIGC is,',
    'for **beginners**.',
    '',
    'A second lead paragraph.',
    '',
    '## Text generation',
    '- news reports, articles and `blog` posts',
    '  - sports results',
    '    - scores',
    "- assistants' replies",
    '',
    '```figure',
    'A generator and a discriminator',
    '```',
    '',
    '## Image *generation*',
    '1. diffusion',
    '',
    '```diagram',
    'noise -> image',
    '```',
    '',
    '```dot',
    'digraph { a -> b }',
    '```',
    '',
    '## Ending',
    '',
  ].join('\n');

  let outline: Outline;
  it('parses frontmatter, lead, sections, points with depth and blocks', () => {
    outline = parseOutline(full, meta);
    expect(outline.data).toEqual({
      title: 'What is AIGC',
      description: 'A primer',
      kind: 'guide',
      lang: 'zh-CN',
      translate: ['en', 'fr'],
      audience: 'beginners',
      length: 900,
      tags: ['aigc', '2024'],
      cover: 'A watercolour desk',
      narration: false,
      draft: true,
    });
    expect(outline.lead).toBe('Explain what AIGC is,\nfor **beginners**.\n\nA second lead paragraph.');
    expect(outline.sections.map((s) => [s.heading, s.position.line])).toEqual([
      ['Text generation', 20],
      ['Image generation', 30],
      ['Ending', 41],
    ]);
    expect(outline.sections[0]!.points).toEqual([
      { text: 'news reports, articles and `blog` posts', depth: 1 },
      { text: 'sports results', depth: 2 },
      { text: 'scores', depth: 3 },
      { text: "assistants' replies", depth: 1 },
    ]);
    expect(outline.sections[0]!.blocks).toEqual([
      { type: 'figure', prompt: 'A generator and a discriminator', position: { line: 26, column: 1 } },
    ]);
    expect(outline.sections[1]!.points).toEqual([{ text: 'diffusion', depth: 1 }]);
    expect(outline.sections[1]!.blocks).toEqual([
      { type: 'diagram', description: 'noise -> image', position: { line: 33, column: 1 } },
      { type: 'dot', source: 'digraph { a -> b }', position: { line: 37, column: 1 } },
    ]);
    expect(outline.sections[2]!.points).toEqual([]);
    expect(outline.raw).toBe(full);
    expect(outline.file).toBe(meta.file);
  });

  it('applies defaults', () => {
    const minimal = parseOutline('---\ntitle: Hello\n---\n\n## One\n- a\n', { ...meta, defaultLang: 'fr' });
    expect(minimal.data).toEqual({
      title: 'Hello',
      kind: 'article',
      lang: 'fr',
      translate: [],
      tags: [],
      draft: false,
    });
    expect(minimal.lead).toBe('');
  });

  it('accepts an outline with only a lead, and empty optional keys', () => {
    const leadOnly = parseOutline('---\ntitle: Hello\ndescription:\ncover: false\n---\n\nJust a lead.\n', meta);
    expect(leadOnly.sections).toEqual([]);
    expect(leadOnly.lead).toBe('Just a lead.');
    expect(leadOnly.data.description).toBeUndefined();
    expect(leadOnly.data.cover).toBe(false);
  });

  it('accepts kind reference with a source', () => {
    const reference = parseOutline(
      '---\ntitle: API\nkind: reference\nsource: integrations/aigc/src/index.ts\n---\n## Overview\n',
      meta,
    );
    expect(reference.data.source).toBe('integrations/aigc/src/index.ts');
  });

  it('keeps paragraphs, quotes and ### headings of a section as points; ignores other code', () => {
    const outline = parseOutline(
      '---\ntitle: T\n---\n## A\nSome prose.\n\n### Detail\n\n> quoted\n\n```ts\nconst x = 1;\n```\n',
      meta,
    );
    expect(outline.sections[0]!.points).toEqual([
      { text: 'Some prose.', depth: 1 },
      { text: 'Detail', depth: 1 },
      { text: 'quoted', depth: 1 },
    ]);
    expect(outline.sections[0]!.blocks).toEqual([]);
  });
});

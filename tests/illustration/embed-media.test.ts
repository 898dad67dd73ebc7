import { describe, expect, it } from 'vitest';
import type { LockEntry } from '../../integrations/aigc/src/engine/types.ts';
import { embedMedia, mediaFromLock, type EmbeddedMedia } from '../../integrations/aigc/src/site/embed-media.ts';

const markdown = [
  '---',
  'title: What is AIGC',
  '---',
  '',
  '## Text generation',
  '',
  'Some prose & more.',
  '',
  '```figure',
  'A generator and a discriminator network competing',
  '```',
  'Text right after the block.',
  '',
  '````markdown',
  '```figure',
  'An example inside a code block: not a figure',
  '```',
  '````',
  '',
  '```diagram',
  'outline -> article -> narration',
  '```',
  '',
  '~~~dot',
  'digraph { a -> b }',
  '~~~',
  '',
  '```figure',
  'A painter robot at an easel',
  '```',
  '',
].join('\n');

const url = (name: string) => `/_aigc/articles/what-is-aigc/${name}`;
const media: EmbeddedMedia[] = [
  {
    kind: 'figure',
    index: 1,
    url: url('figure-1.svg'),
    alt: 'Two networks "compete" <here>',
    width: 1536,
    height: 1024,
  },
  {
    kind: 'diagram',
    index: 1,
    url: url('diagram-1.svg'),
    alt: 'Diagram: outline → article → narration',
    width: 300,
    height: 80,
  },
  { kind: 'dot', index: 1, url: url('dot-1.svg'), alt: 'Diagram: a → b', width: 83, height: 155 },
];

describe('embedMedia', () => {
  const out = embedMedia(markdown, media);

  it('replaces each block with a sized, lazy <figure>, escaping alt and caption', () => {
    expect(out).toContain(
      '<figure class="aigc-media aigc-media--figure"><img src="/_aigc/articles/what-is-aigc/figure-1.svg" alt="Two networks &quot;compete&quot; &lt;here&gt;" width="1536" height="1024" loading="lazy" decoding="async"><figcaption>A generator and a discriminator network competing</figcaption></figure>\n\nText right after the block.',
    );
    expect(out).toContain(
      '<img src="/_aigc/articles/what-is-aigc/diagram-1.svg" alt="Diagram: outline → article → narration" width="300" height="80"',
    );
    // Nor is a diagram written as arrows: the picture shows them.
    expect(out).toContain(
      'alt="Diagram: outline → article → narration" width="300" height="80" loading="lazy" decoding="async"></figure>',
    );
    // A dot block's source is no caption.
    expect(out).toContain('alt="Diagram: a → b" width="83" height="155" loading="lazy" decoding="async"></figure>\n');
    expect(out).not.toContain('```diagram');
    expect(out).not.toContain('~~~dot');
  });

  it('embeds a raster as a Markdown image between the figure tags, for Astro to optimise', () => {
    const raster: EmbeddedMedia = {
      kind: 'figure',
      index: 1,
      url: url('figure-1.webp'),
      alt: 'Two [networks] compete',
      width: 1536,
      height: 1024,
      file: './what-is-aigc/figure-1.webp',
    };
    expect(embedMedia(markdown, [raster])).toContain(
      '<figure class="aigc-media aigc-media--figure">\n\n![Two \\[networks\\] compete](./what-is-aigc/figure-1.webp)\n\n<figcaption>A generator and a discriminator network competing</figcaption></figure>\n\nText right after the block.',
    );
  });

  it('leaves fences inside other fences, blocks without media, and everything else byte-identical', () => {
    expect(out).toContain('````markdown\n```figure\nAn example inside a code block: not a figure\n```\n````');
    // figure 2 has no media yet: kept as written.
    expect(out).toContain('```figure\nA painter robot at an easel\n```\n');
    // Replace each emitted <figure> line by X: what remains must be the input with each replaced block as X
    // (plus the one blank line added after the first figure, which the HTML block needs).
    const stripped = out.replace(/<figure[^\n]*<\/figure>/g, 'X');
    expect(stripped).toBe(
      markdown
        .replace('```figure\nA generator and a discriminator network competing\n```\n', 'X\n\n')
        .replace('```diagram\noutline -> article -> narration\n```', 'X')
        .replace('~~~dot\ndigraph { a -> b }\n~~~', 'X'),
    );
    expect(embedMedia(markdown, [])).toBe(markdown);
  });
});

describe('mediaFromLock', () => {
  const entry = (kind: LockEntry['kind'], meta: LockEntry['meta']): LockEntry => ({
    kind,
    outline: 'content/outlines/articles/what-is-aigc.md',
    key: 'k',
    hash: 'h',
    provider: 'offline',
    model: 'm',
    generatedAt: '2026-11-28T00:00:00.000Z',
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    ...(meta ? { meta } : {}),
  });

  it("lists one page's figures, diagrams and dot renders with their URLs, alt text and sizes", () => {
    const artifacts: Record<string, LockEntry> = {
      'content/generated/articles/what-is-aigc.md': entry('article', undefined),
      'content/generated/articles/what-is-aigc/cover.svg': entry('cover', { alt: 'c', width: 1, height: 1 }),
      'content/generated/articles/what-is-aigc/figure-2.webp': entry('figure', {
        alt: 'second',
        width: 1024,
        height: 1024,
      }),
      'content/generated/articles/what-is-aigc/figure-1.webp': entry('figure', {
        alt: 'first',
        width: 1536,
        height: 1024,
      }),
      'content/generated/articles/what-is-aigc/diagram-1.svg': entry('diagram', { alt: 'd', width: 300, height: 80 }),
      'content/generated/articles/what-is-aigc/card.png': entry('card', { alt: 't', width: 1200, height: 630 }),
      'content/generated/articles/other/figure-1.svg': entry('figure', { alt: 'other page', width: 1, height: 1 }),
    };
    expect(mediaFromLock(artifacts, 'content/generated/articles/what-is-aigc.md')).toEqual([
      {
        kind: 'diagram',
        index: 1,
        url: '/_aigc/articles/what-is-aigc/diagram-1.svg',
        alt: 'd',
        width: 300,
        height: 80,
      },
      {
        kind: 'figure',
        index: 1,
        url: '/_aigc/articles/what-is-aigc/figure-1.webp',
        alt: 'first',
        width: 1536,
        height: 1024,
        file: './what-is-aigc/figure-1.webp',
      },
      {
        kind: 'figure',
        index: 2,
        url: '/_aigc/articles/what-is-aigc/figure-2.webp',
        alt: 'second',
        width: 1024,
        height: 1024,
        file: './what-is-aigc/figure-2.webp',
      },
    ]);
  });
});

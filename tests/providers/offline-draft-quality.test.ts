/**
 * The offline drafter's pages must read like a draft a person would keep: they pass the
 * validation pipeline the article generator runs, say each thing once, carry no filler,
 * and keep every bullet's words. Checked on every outline of the demo and on the fixtures.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { loadOutlines } from '../../integrations/aigc/src/outline/load.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import { draftArticle } from '../../integrations/aigc/src/providers/offline/draft/article.ts';
import { ValidationOptionsSchema } from '../../integrations/aigc/src/validate/options.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { chinese, english } from './offline-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Many bullets of every shape in one section, so templates would run out if they could repeat. */
const crowded = `---
title: Planning a small garden
audience: first-time gardeners
---

Explain how to plan a small vegetable garden.

## Tools
- spades
- rakes
- hoses
- garden gloves
- a wheelbarrow
- seed trays
- plant labels
- a compost bin
- secateurs

## Soil and water
- Soil: clay, loam and sand
  - heavy clay in low corners
  - sandy loam in raised beds
- Watering: mornings, evenings and dry spells
- Mulch: straw, bark and leaves
- Generating compost from kitchen scraps
  - peelings
  - coffee grounds
- Lets roots breathe between waterings
- Mainly used for keeping weeds down
- Raised beds drain better than flat ground.
  - They warm up sooner in spring.

## Checks
- run \`npm test\` before planting
- check the forecast
`;

const meta = (file: string) => ({
  file,
  collection: 'articles',
  slug: file.split('/').pop()!.replace(/\.md$/, ''),
  defaultLang: 'en',
});

async function outlines(): Promise<Outline[]> {
  const { outlines: demo, errors } = await loadOutlines(ROOT, 'content/outlines', 'en');
  expect(errors).toEqual([]);
  // Reference pages are written from the API, not drafted from bullets.
  const drafted = demo.filter((outline) => outline.data.kind !== 'reference');
  expect(drafted.length).toBeGreaterThanOrEqual(6);
  const fixtures = [english, chinese, crowded].map((raw, i) =>
    parseOutline(raw, meta(`content/outlines/articles/fixture-${i}.md`)),
  );
  return [...drafted, ...fixtures];
}

/** The padding of the first drafter, English and Chinese: none may come back. */
const BANNED = [
  /it is worth pausing on/i,
  /it helps to keep\b.*\bin view/i,
  /this point connects to the rest of/i,
  /taken together, these points make up/i,
  /the next part builds on this/i,
  /值得多花一点时间/,
  /后面的内容会更容易理解/,
  /中的其他内容密切相关/,
  /合在一起，构成了/,
];

const FENCE = /^(`{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm;

/** The prose of a page: no fenced blocks, no headings. */
function prose(body: string): string {
  return body.replace(FENCE, '').replace(/^#{1,6} .*$/gm, '');
}

function paragraphsOf(text: string): string[] {
  return prose(text)
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim());
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|(?<=[。！？])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** What must survive of a bullet: its longer words (English) or its runs between punctuation (Chinese). */
function keyWords(text: string, lang: string): string[] {
  // Chinese drafts space Chinese from Latin text (house style: "AI 可以"), so words split there too.
  if (/^zh\b/i.test(lang))
    return text
      .split(/[\s\p{P}]+|(?<=\p{Script=Han})(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=\p{Script=Han})/u)
      .filter((part) => part.length >= 2);
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).filter((word) => word.length >= 4);
}

describe('offline drafts read like drafts a person would keep', async () => {
  const all = await outlines();

  it.each(all.map((outline) => [outline.file, outline] as const))('%s', async (_file, outline) => {
    const body = draftArticle(outline);
    const page = withFrontmatter({ title: outline.data.title, lang: outline.data.lang }, body);

    // The validation pipeline the article generator runs finds nothing wrong (no site: links to other pages are not checked).
    const findings = await validateMarkdown(page, {
      file: `content/generated/${outline.collection}/${outline.slug}.md`,
      outline,
      options: ValidationOptionsSchema.parse({}),
      root: ROOT,
      finishReason: 'stop',
    });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);

    // No sentence twice on a page, and none of the old padding.
    const said = sentences(prose(body));
    expect(said.length).toBeGreaterThan(outline.sections.length);
    expect(said.filter((sentence, i) => said.indexOf(sentence) !== i)).toEqual([]);
    for (const phrase of BANNED) expect(body).not.toMatch(phrase);

    // Every bullet's words are there, nested ones included.
    const lower = body.toLowerCase();
    for (const section of outline.sections) {
      for (const point of section.points) {
        // A verb may lose its -s to agree with a plural subject ("Lets roots breathe" → "They also let roots breathe").
        for (const word of keyWords(point.text, outline.data.lang))
          expect(lower, `"${word}" of "${point.text}"`).toContain(word.toLowerCase().replace(/s$/, ''));
      }
    }

    // Consecutive bullets make one to three paragraphs (a block between them starts a new run).
    for (const section of body.split(/^## .*$/m).slice(1)) {
      for (const run of section.replace(FENCE, '\u0000').split('\u0000'))
        expect(paragraphsOf(run).length).toBeLessThanOrEqual(3);
    }
  });

  it('says each bullet once, as its own sentence, even with nine bullets', () => {
    const body = draftArticle(parseOutline(crowded, meta('content/outlines/articles/crowded.md')));
    for (const section of body.split(/^## .*$/m).slice(1)) {
      // Bullets here start differently, so equal openings could only come from a repeated template.
      const openings = sentences(prose(section)).map((sentence) => sentence.split(/\s+/).slice(0, 2).join(' '));
      expect(openings.filter((opening, i) => openings.indexOf(opening) !== i)).toEqual([]);
    }
    // Nine bullets, one section: grouped into three paragraphs, never more.
    expect(paragraphsOf(body.split('## Tools')[1]!.split('## ')[0]!)).toHaveLength(3);
    // Nested phrases join their bullet; inline code stays code; a sentence starts with a capital.
    expect(body).toContain('Soil: clay, loam and sand (heavy clay in low corners and sandy loam in raised beds).');
    expect(body).toContain('Generating compost from kitchen scraps (peelings and coffee grounds).');
    expect(body).toContain('Raised beds drain better than flat ground. They warm up sooner in spring.');
    expect(body).toContain('Run `npm test` before planting.');
  });

  it('writes Chinese without repeating a sentence opening in a section', () => {
    const body = draftArticle(
      all.find((outline) => outline.data.lang.startsWith('zh') && outline.sections.length >= 4)!,
    );
    for (const section of body.split(/^## .*$/m).slice(1)) {
      const openings = sentences(prose(section)).map((sentence) => sentence.slice(0, 2));
      expect(openings.filter((opening, i) => openings.indexOf(opening) !== i)).toEqual([]);
    }
    expect(body).not.toMatch(/[A-Za-z]+ (?:the|and|this) /);
  });
});

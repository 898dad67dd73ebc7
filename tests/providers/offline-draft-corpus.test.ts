/**
 * The offline drafter on a corpus of real-world bullet shapes (tests/fixtures/offline-draft):
 * clauses, fragments, labels, lists, questions, commands, code, links, nested sentences and
 * mixed languages, in English and Chinese. Whatever the shape, every sentence of the draft
 * is whole: it starts as a sentence starts, ends as one ends, has no doubled punctuation,
 * balanced brackets, no bullet forced into a frame ("there are <clause>"), and each bullet
 * is there as written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import { draftArticle } from '../../integrations/aigc/src/providers/offline/draft/article.ts';
import { spaceCjkLatin } from '../../integrations/aigc/src/providers/offline/draft/cjk-spacing.ts';
import { ValidationOptionsSchema } from '../../integrations/aigc/src/validate/options.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';

const fixture = (name: string): Outline =>
  parseOutline(readFileSync(new URL(`../fixtures/offline-draft/${name}`, import.meta.url), 'utf8'), {
    file: `content/outlines/articles/${name}`,
    collection: 'articles',
    slug: name.replace(/\.md$/, ''),
    defaultLang: 'en',
  });

const CORPUS = [fixture('bullets-en.md'), fixture('bullets-zh.md')];

/** Prose paragraphs of a draft: no headings, no fenced blocks. */
function paragraphs(body: string): string[] {
  return body
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, '')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph && !paragraph.startsWith('#'));
}

/** The paragraph with code spans and link targets blanked: their punctuation is not prose. */
function proseOf(paragraph: string): string {
  return paragraph
    .replace(/`[^`]*`/g, 'CODE')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\b(?:e\.g|i\.e|vs|etc)\./g, 'ABBR')
    .replace(/\d+\.\d+/g, '0');
}

/** English sentences of a paragraph (after code, links and abbreviations are blanked). */
function englishSentences(paragraph: string): string[] {
  return proseOf(paragraph)
    .split(/(?<=[.!?…]["'”’)\]]*)\s+/)
    .filter(Boolean);
}

/** What a bullet must still read as in the draft: its text after the first character, without trailing separators. */
function core(text: string): string {
  return text
    .trim()
    .replace(/^[*_[("“‘']+/, '')
    .replace(/[\s,;:，；：、]+$/, '')
    .replace(/[.。]$/, '')
    .slice(1);
}

describe('offline drafts of 100+ real-world bullets are grammatical in shape', () => {
  const bullets = CORPUS.flatMap((outline) => outline.sections.flatMap((section) => section.points));

  it('the corpus holds at least 100 bullets, nested ones included, in both languages', () => {
    expect(bullets.length).toBeGreaterThanOrEqual(100);
    expect(bullets.some((point) => point.depth > 1)).toBe(true);
    expect(CORPUS.map((outline) => outline.data.lang)).toEqual(['en', 'zh-CN']);
  });

  it.each(CORPUS.map((outline) => [outline.data.lang, outline] as const))(
    '%s: passes the checks the article generator runs',
    async (_lang, outline) => {
      const body = draftArticle(outline);
      const findings = await validateMarkdown(
        withFrontmatter({ title: outline.data.title, lang: outline.data.lang }, body),
        {
          file: `content/generated/articles/${outline.slug}.md`,
          outline,
          options: ValidationOptionsSchema.parse({}),
          finishReason: 'stop',
        },
      );
      expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    },
  );

  it.each(CORPUS.map((outline) => [outline.data.lang, outline] as const))(
    '%s: keeps every bullet as written',
    (_lang, outline) => {
      // Chinese drafts follow the house style's CJK–Latin spacing ("AI 可以"): compare with it applied.
      const chinese = outline.data.lang.startsWith('zh');
      const body = draftArticle(outline);
      for (const point of outline.sections.flatMap((section) => section.points))
        expect(body, point.text).toContain(chinese ? spaceCjkLatin(core(point.text)) : core(point.text));
    },
  );

  it.each(CORPUS.map((outline) => [outline.data.lang, outline] as const))(
    '%s: every paragraph ends a sentence; no doubled punctuation; brackets balance',
    (_lang, outline) => {
      for (const paragraph of paragraphs(draftArticle(outline))) {
        const prose = proseOf(paragraph).replace(/\.{3}|……/g, '…');
        expect(prose, paragraph).toMatch(/[.!?…。！？]["'”’)）\]]*$/);
        expect(prose, paragraph).not.toMatch(/[,;:，；：、]\s*[.,;:!?。，；：！？、]/);
        expect(prose, paragraph).not.toMatch(/[.!?。！？]\s*[.。,，]/);
        expect(prose, paragraph).not.toMatch(/\(\s*\)|（\s*）/);
        for (const [open, close] of [
          ['(', ')'],
          ['（', '）'],
          ['[', ']'],
          ['“', '”'],
        ] as const) {
          expect(prose.split(open).length, `${open} in ${paragraph}`).toBe(prose.split(close).length);
        }
        expect(paragraph.split('`').length % 2, paragraph).toBe(1);
      }
    },
  );

  it('English: every sentence starts as a sentence starts, and no bullet is forced into a frame', () => {
    const outline = CORPUS[0]!;
    const body = draftArticle(outline);
    // A name keeps its case (iPhone, eSpeak, macOS), and so does a word the outline writes as code (npm).
    const code = new Set([...outline.raw.matchAll(/`([^`\s]+)/g)].map((match) => match[1]!));
    for (const paragraph of paragraphs(body)) {
      for (const sentence of englishSentences(paragraph)) {
        const first = sentence.split(/\s/, 1)[0]!;
        if (code.has(first) || /^\p{Ll}+\p{Lu}/u.test(first)) continue;
        expect(sentence, paragraph).toMatch(/^(?:[\p{Lu}\p{N}"“‘'(*_[]|CODE|ABBR|\p{Script=Han})/u);
      }
    }
    // "there is/are" only where a bullet itself says it: the drafter adds no frame around a bullet.
    const source = outline.sections.flatMap((section) => section.points.map((point) => point.text)).join('\n');
    expect(body.match(/\bthere (?:is|are)\b/gi)?.length ?? 0).toBe(source.match(/\bthere (?:is|are)\b/gi)?.length ?? 0);
    expect(body).toContain('Sunlight arrives as photons and knocks electrons loose.');
    expect(body).not.toMatch(/\b(?:First|Then|Finally), there/);
  });

  it('Chinese: full-width punctuation beside Chinese, no English connectives', () => {
    const body = draftArticle(CORPUS[1]!);
    for (const paragraph of paragraphs(body)) {
      const prose = proseOf(paragraph);
      expect(prose, paragraph).not.toMatch(/\p{Script=Han}[,;:]|[,;:]\s*\p{Script=Han}/u);
      expect(prose, paragraph).not.toMatch(/\b(?:First|Then|Finally|there)\b/);
    }
  });
});

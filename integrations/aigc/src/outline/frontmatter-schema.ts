import { z } from 'astro/zod';
import { isLanguageTag } from '../utils/language-tag.ts';

/** Numbers are fine where words are expected (`tags: [2024]`); they are read as text. */
const text = z.union([z.string(), z.number().transform(String)]);
const lang = z.string().refine(isLanguageTag, { message: 'not a BCP 47 language tag' });

/** The frontmatter keys of an outline, as written in a file. */
export const OutlineFrontmatterSchema = z.object({
  title: text.pipe(z.string().trim().min(1)),
  description: text.optional(),
  kind: z.enum(['article', 'guide', 'reference']).default('article'),
  lang: lang.optional(),
  translate: z.array(lang).default([]),
  audience: text.optional(),
  length: z.number().int().positive().optional(),
  tags: z.array(text).default([]),
  cover: z.union([z.string().trim().min(1), z.literal(false)]).optional(),
  narration: z.boolean().optional(),
  video: z.boolean().optional(),
  source: z.string().trim().min(1).optional(),
  /** Sources the text must cite as [n]: project files (Markdown, HTML, text) or http(s) URLs, optionally with a title. */
  sources: z
    .array(
      z.union([
        z.string().trim().min(1),
        z.object({ src: z.string().trim().min(1), title: z.string().trim().min(1).optional() }),
      ]),
    )
    .default([]),
  draft: z.boolean().default(false),
});

export type OutlineFrontmatter = z.output<typeof OutlineFrontmatterSchema>;

/** Every key an outline may have, in the order the docs list them. */
export const KNOWN_KEYS: readonly string[] = Object.keys(OutlineFrontmatterSchema.shape);

/** Keys other tools use for the same thing, so the error can name ours. */
export const KEY_ALIASES: Readonly<Record<string, string>> = {
  name: 'title',
  heading: 'title',
  summary: 'description',
  excerpt: 'description',
  type: 'kind',
  layout: 'kind',
  language: 'lang',
  locale: 'lang',
  languages: 'translate',
  translations: 'translate',
  readers: 'audience',
  words: 'length',
  wordcount: 'length',
  keywords: 'tags',
  categories: 'tags',
  category: 'tags',
  tag: 'tags',
  image: 'cover',
  hero: 'cover',
  audio: 'narration',
  voice: 'narration',
  podcast: 'narration',
  entry: 'source',
  references: 'sources',
  citations: 'sources',
  bibliography: 'sources',
  published: 'draft',
};

/** For each key: what it must be, said so the fix is obvious. */
export const KEY_HELP: Readonly<Record<string, { must: string; example: string }>> = {
  title: { must: 'a non-empty text', example: 'title: What is AIGC' },
  description: { must: 'a text', example: 'description: A short summary for search results' },
  kind: { must: 'one of article, guide or reference', example: 'kind: article' },
  lang: { must: 'a BCP 47 language tag', example: 'lang: en (or zh-CN, pt-BR)' },
  translate: { must: 'a list of BCP 47 language tags', example: 'translate: [zh-CN, fr]' },
  audience: { must: 'a text', example: 'audience: beginners' },
  length: { must: 'a positive whole number (words; characters for zh/ja/ko)', example: 'length: 900' },
  tags: { must: 'a list', example: 'tags: [aigc, ai]' },
  cover: { must: 'an image prompt or false', example: 'cover: A watercolour desk where a person and a robot co-write' },
  narration: { must: 'true or false', example: 'narration: true' },
  video: { must: 'true or false', example: 'video: true' },
  source: { must: 'the path of a TypeScript entry point', example: 'source: src/index.ts' },
  sources: {
    must: 'a list of project files or URLs (each a path, or {src, title})',
    example: 'sources: [docs/eu-ai-act.md, https://example.org/report.html]',
  },
  draft: { must: 'true or false', example: 'draft: true' },
};

/** Language names people write instead of a tag. */
export const LANG_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  chinese: 'zh-CN',
  mandarin: 'zh-CN',
  japanese: 'ja',
  korean: 'ko',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  portuguese: 'pt',
  italian: 'it',
  russian: 'ru',
};

/** The tag someone most likely meant by `value`, if it is an obvious near miss. */
export function suggestLang(value: string): string | undefined {
  const named = LANG_NAMES[value.toLowerCase()];
  if (named) return named;
  const dashed = value.replace(/_/g, '-');
  return dashed !== value && isLanguageTag(dashed) ? dashed : undefined;
}

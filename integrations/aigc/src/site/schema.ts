import { z } from 'astro/zod';

/** A generated file that belongs to a page, as the loader hands it to components. */
export const PageAssetSchema = z.object({
  kind: z.string(),
  /** Project-relative path of the file. */
  path: z.string(),
  url: z.string(),
  provider: z.string(),
  model: z.string(),
  generatedAt: z.string(),
  meta: z.record(z.string(), z.unknown()).default({}),
});

/** Frontmatter of a generated page, plus what the loader adds from the lock. */
export const GeneratedPageSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(['article', 'guide', 'reference']).default('article'),
  lang: z.string().default('en'),
  tags: z.array(z.string()).default([]),
  /** Set by a person who reviewed the page: the label then says "AI-assisted, reviewed". */
  reviewed: z.boolean().default(false),
  /** Published as a draft because validation still failed (validation.onFailure: 'draft'). */
  draft: z.boolean().default(false),
  /** A translation: the id of the source page in the same collection. */
  translationOf: z.string().optional(),
  /** A translation: the BCP 47 tag of the source page's language. */
  translatedFrom: z.string().optional(),
  aigc: z.object({
    provider: z.string(),
    model: z.string(),
    generatedAt: z.string(),
    offlineDraft: z.boolean().default(false),
    outline: z.string().optional(),
  }),
  assets: z.array(PageAssetSchema).default([]),
});

export type GeneratedPage = z.output<typeof GeneratedPageSchema>;
export type PageAsset = z.output<typeof PageAssetSchema>;

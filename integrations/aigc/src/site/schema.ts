import { z } from 'astro/zod';

/**
 * Metadata the lock records for an asset, typed per kind. The lock is a file people may edit,
 * so a malformed field reads as absent rather than failing the build (components then fall
 * back: a cover without a size is not drawn, a narration without a duration shows none).
 */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Covers, figures, diagrams and social cards: alt text and pixel size. */
export const ImageMetaSchema = z.object({
  /** Alt text describing what the picture shows. */
  alt: z.string().default('').catch(''),
  /** Intrinsic width in pixels. */
  width: lenient(z.number().positive()),
  /** Intrinsic height in pixels. */
  height: lenient(z.number().positive()),
  /** The prompt the picture was made from (covers and figures). */
  prompt: lenient(z.string()),
  /** Drawn in-process by the offline provider, not by a model. */
  offlineDraft: lenient(z.boolean()),
});

/** Narration: duration, chapters (from the page's headings), voice and size. */
export const NarrationMetaSchema = z.object({
  /** Length of the audio in seconds. */
  durationSeconds: lenient(z.number().nonnegative()),
  /** One chapter per section: its title and start in seconds. */
  chapters: z
    .array(z.object({ title: z.string(), start: z.number().nonnegative() }))
    .default([])
    .catch([]),
  /** Voice the speech model used. */
  voice: lenient(z.string()),
  /** Size of the MP3 in bytes. */
  bytes: lenient(z.number().int().nonnegative()),
  /** BCP 47 tag of the spoken language. */
  lang: lenient(z.string()),
});

/** Video: duration, frame size, chapters and the label its slides carry. */
export const VideoMetaSchema = z.object({
  /** Length of the video in seconds (the narration's). */
  durationSeconds: lenient(z.number().nonnegative()),
  /** Frame width in pixels. */
  width: lenient(z.number().positive()),
  /** Frame height in pixels. */
  height: lenient(z.number().positive()),
  /** Size of the WebM file in bytes. */
  bytes: lenient(z.number().int().nonnegative()),
  /** BCP 47 tag of the spoken language. */
  lang: lenient(z.string()),
  /** One chapter per section: its title and start in seconds. */
  chapters: z
    .array(z.object({ title: z.string(), start: z.number().nonnegative() }))
    .default([])
    .catch([]),
  /** What the slides say about how the video was made. */
  label: lenient(z.string()),
  /** The page it shows was drafted without a language model. */
  offlineDraft: lenient(z.boolean()),
});

/** An API reference's navigation (`sidebar.json`): the package it documents and its page count. */
export const ReferenceMetaSchema = z.object({
  /** Name of the documented package. */
  package: lenient(z.string()),
  /** Pages of the reference. */
  pages: lenient(z.number().int().nonnegative()),
});

const assetFields = {
  /** Project-relative path of the file. */
  path: z.string(),
  /** Public URL of the file (under `/_aigc/`). */
  url: z.string(),
  /** Provider that made it (`openai`, `offline`, or `none` for deterministic output). */
  provider: z.string(),
  /** Model (or tool) that made it. */
  model: z.string(),
  /** When it was generated (ISO 8601). */
  generatedAt: z.string(),
};

const imageAsset = <K extends string>(kind: K) =>
  z.object({ kind: z.literal(kind), ...assetFields, meta: ImageMetaSchema.prefault({}) });

/**
 * A generated file that belongs to a page, as the loader hands it to components: one kind per
 * artifact, its `meta` typed by kind (narrow on `kind`, or use `assetOf(entry, kind)`).
 * `narration-sidecar` is the narration's WebVTT captions; `reference-sidecar` a reference's extra file.
 */
export const PageAssetSchema = z.discriminatedUnion('kind', [
  imageAsset('cover'),
  imageAsset('figure'),
  imageAsset('diagram'),
  imageAsset('card'),
  z.object({ kind: z.literal('narration'), ...assetFields, meta: NarrationMetaSchema.prefault({}) }),
  z.object({ kind: z.literal('reference'), ...assetFields, meta: ReferenceMetaSchema.prefault({}) }),
  z.object({ kind: z.literal('video'), ...assetFields, meta: VideoMetaSchema.prefault({}) }),
  z.object({ kind: z.literal('video-sidecar'), ...assetFields, meta: z.object({}).prefault({}) }),
  z.object({ kind: z.literal('narration-sidecar'), ...assetFields, meta: z.object({}).prefault({}) }),
  z.object({ kind: z.literal('reference-sidecar'), ...assetFields, meta: z.object({}).prefault({}) }),
]);

/** Every asset kind a page may carry. */
export const PAGE_ASSET_KINDS: readonly PageAsset['kind'][] = [
  'cover',
  'figure',
  'diagram',
  'card',
  'narration',
  'reference',
  'narration-sidecar',
  'reference-sidecar',
  'video',
  'video-sidecar',
];

/** Frontmatter of a generated page, plus what the loader adds from the lock. */
export const GeneratedPageSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  kind: z.enum(['article', 'guide', 'reference']).default('article'),
  lang: z.string().default('en'),
  tags: z.array(z.string()).default([]),
  /** Set by a person who reviewed the page: the label then says "AI-assisted, reviewed". */
  reviewed: z.boolean().default(false),
  /** Who reviewed the page and when, from `aigc review` (absent for a manual `reviewed: true`, or once the file changed). */
  review: z.object({ by: z.string(), at: z.string() }).optional(),
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
/** Metadata of a cover, figure, diagram or card. */
export type ImageMeta = z.output<typeof ImageMetaSchema>;
/** Metadata of a narration. */
export type NarrationMeta = z.output<typeof NarrationMetaSchema>;
/** Metadata of a video. */
export type VideoMeta = z.output<typeof VideoMetaSchema>;
/** Metadata of an API reference's navigation file. */
export type ReferenceMeta = z.output<typeof ReferenceMetaSchema>;
/** The asset of that kind, with its typed `meta`. */
export type PageAssetOf<K extends PageAsset['kind']> = Extract<PageAsset, { kind: K }>;

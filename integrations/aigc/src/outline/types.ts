/** A position in a source file, 1-based, as editors show it. */
export interface Position {
  line: number;
  column: number;
}

/** What kind of page an outline asks for. */
export type OutlineKind = 'article' | 'guide' | 'reference';

/** A block inside a section that asks for media instead of prose. */
export type OutlineBlock =
  | { type: 'figure'; prompt: string; position: Position }
  | { type: 'diagram'; description: string; position: Position }
  | { type: 'dot'; source: string; position: Position };

/** One `##` section of an outline: the generated text must cover it, in order. */
export interface OutlineSection {
  heading: string;
  /** Bullets under the heading, nested bullets flattened with their depth. */
  points: { text: string; depth: number }[];
  blocks: OutlineBlock[];
  position: Position;
}

/** Frontmatter of an outline after validation, with defaults applied. */
export interface OutlineData {
  title: string;
  description?: string;
  kind: OutlineKind;
  lang: string;
  translate: string[];
  audience?: string;
  length?: number;
  tags: string[];
  /** An image prompt, `false` for no cover, or undefined for the site default. */
  cover?: string | false;
  narration?: boolean;
  /** Also publish a captioned video of the narration (default: the `video` option). */
  video?: boolean;
  source?: string;
  /** What the text must cite as [n], in this order (absent: cites nothing). */
  sources?: OutlineSource[];
  draft: boolean;
}

/** One entry of an outline's `sources:`: a project file or an http(s) URL. */
export interface OutlineSource {
  src: string;
  title?: string;
}

/** A parsed, validated outline: the input contract of every generator. */
export interface Outline {
  /** Collection folder under the outlines root, e.g. `articles`. */
  collection: string;
  /** URL-safe id inside the collection, from the file name. */
  slug: string;
  /** Path of the outline file relative to the project root, `/`-separated. */
  file: string;
  data: OutlineData;
  /** Free text between the frontmatter and the first `##`: what the piece must achieve. */
  lead: string;
  sections: OutlineSection[];
  /** Raw file text, kept for hashing and error excerpts. */
  raw: string;
}

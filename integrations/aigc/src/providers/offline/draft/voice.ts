/** What a voice knows about the piece while it writes one section. */
export interface SectionContext {
  title: string;
  heading: string;
  /** Index of the section and how many there are. */
  index: number;
  count: number;
  /** Heading of the next section, if any. */
  next: string | undefined;
  audience: string | undefined;
}

export interface OpeningContext {
  title: string;
  kind: 'article' | 'guide' | 'reference';
  lead: string;
  audience: string | undefined;
  headings: string[];
}

/**
 * How the drafter phrases things in one language. Every sentence is built only from the
 * outline's own words, so the draft never states a fact the outline does not.
 */
export interface Voice {
  /** Separator between sentences of a paragraph. */
  readonly space: string;
  opening(context: OpeningContext): string;
  /** The sentence for a top-level bullet: `index` of `count` in its section. */
  point(text: string, index: number, count: number, section: SectionContext): string;
  /** One sentence presenting nested bullets as elaboration of their parent. */
  details(items: string[], variant: number): string;
  /** Whether a bullet already reads as a full sentence. */
  isSentence(text: string): boolean;
  /** A bullet already written as a sentence, kept as written. */
  asIs(text: string): string;
  /** What to write for a section with no bullets. */
  emptySection(section: SectionContext): string;
  /**
   * Sentences that dwell on one bullet, used in order to approach the target length.
   * They restate how the outline relates things (bullet, its sub-bullets, its section,
   * the audience) and add no fact of their own.
   */
  dwell(text: string, details: string[], section: SectionContext): string[];
  /** Sentences that close a section, used after `dwell` when more length is wanted. */
  close(section: SectionContext, points: number): string[];
}

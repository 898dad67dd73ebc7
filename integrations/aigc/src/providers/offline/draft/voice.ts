/** What the opening of a draft knows about the piece. */
export interface OpeningContext {
  title: string;
  kind: 'article' | 'guide' | 'reference';
  lead: string;
  audience: string | undefined;
  headings: string[];
}

/**
 * How the drafter writes one language. It never puts a bullet into a grammatical slot
 * ("there are {bullet}"), which breaks on any bullet of an unexpected shape: a bullet becomes
 * a sentence of its own, nested bullets join it after a colon or in parentheses, and the
 * words the drafter adds make complete sentences around quoted names.
 */
export interface Voice {
  /** Separator between sentences of a paragraph. */
  readonly space: string;
  opening(context: OpeningContext): string;
  /** A bullet as one sentence, its nested phrase bullets (`details`) joined to it. */
  bullet(text: string, details: readonly string[]): string;
  /** A bullet already written as a sentence (ends in . ! ? or 。！？). */
  isSentence(text: string): boolean;
  /** What to write for a section with no bullets. */
  emptySection(heading: string): string;
}

import type { TemplatePicker } from './templates.ts';

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

/** A top-level bullet with what is nested under it. */
export interface Bullet {
  text: string;
  /** Nested bullets that are phrases: folded into the bullet's sentence as examples. */
  examples: string[];
  /** Nested bullets already written as sentences: kept after it, as written. */
  asides: string[];
}

/** Where a bullet stands among the top-level bullets of its section. */
export interface BulletPlace {
  index: number;
  count: number;
}

/**
 * How the drafter phrases things in one language. Every sentence is built only from the
 * outline's own words, so the draft never states a fact the outline does not; the
 * connecting words come from templates, each used at most once per section (`picker`).
 */
export interface Voice {
  /** Separator between sentences of a paragraph. */
  readonly space: string;
  opening(context: OpeningContext): string;
  /** One or two sentences for a bullet (its examples folded in), then its asides. */
  bullet(bullet: Bullet, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string[];
  /** Whether a bullet already reads as a full sentence. */
  isSentence(text: string): boolean;
  /** What to write for a section with no bullets. */
  emptySection(section: SectionContext): string;
}

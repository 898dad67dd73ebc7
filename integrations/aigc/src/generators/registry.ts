import { articleGenerator } from './article.ts';
import type { Generator } from './generator.ts';
import { illustrationGenerator } from './illustration.ts';
import { narrationGenerator } from './narration.ts';
import { referenceGenerator } from './reference.ts';
import { translationGenerator } from './translation.ts';
import { videoGenerator } from './video.ts';

/**
 * The generators of a run, in planning order: a page generator first (a reference, or an
 * article), then what hangs off the page. Adding a kind of artifact is one line here.
 */
export const GENERATORS: readonly Generator[] = [
  referenceGenerator,
  articleGenerator,
  illustrationGenerator,
  narrationGenerator,
  videoGenerator,
  translationGenerator,
];

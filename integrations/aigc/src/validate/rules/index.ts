import type { HtmlRule, Rule } from '../context.ts';
import { boilerplate } from './boilerplate.ts';
import { emptySections } from './empty-sections.ts';
import { fenceLanguage } from './fence-language.ts';
import { fenceSyntax } from './fence-syntax.ts';
import { headingOrder } from './heading-order.ts';
import { images } from './images.ts';
import { length } from './length.ts';
import { links } from './links.ts';
import { outlineCoverage } from './outline-coverage.ts';
import { safety, safetyHtml } from './safety.ts';
import { tables } from './tables.ts';
import { truncation } from './truncation.ts';

/** The built-in Markdown checks, in the order their findings read best. */
export const MARKDOWN_RULES: readonly Rule[] = [
  safety,
  outlineCoverage,
  headingOrder,
  emptySections,
  truncation,
  length,
  boilerplate,
  fenceLanguage,
  fenceSyntax,
  links,
  images,
  tables,
];

/** The built-in HTML checks. */
export const HTML_RULES: readonly HtmlRule[] = [safetyHtml];

/**
 * Every rule id a finding can carry, for `validation.rules` overrides.
 * (The reference-docs rules add their own ids.)
 */
export const RULE_IDS = [
  'safety',
  'raw-html',
  'outline-coverage',
  'heading-order',
  'empty-sections',
  'truncation',
  'length',
  'boilerplate',
  'fence-language',
  'fence-syntax',
  'links',
  'external-links',
  'images',
  'tables',
] as const;

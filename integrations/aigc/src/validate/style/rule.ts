/**
 * The house style as one check of the page pipeline: its findings carry positions and rule
 * ids like any other, errors go to the repair loop, and `validation.rules` can still
 * override a style rule's severity.
 */
import type { Rule } from '../context.ts';
import { styleSeverity, termsFor, type Style } from './config.ts';
import { checkCjk, checkCjkSentenceLength } from './cjk.ts';
import { checkHeadingCase } from './headings.ts';
import { checkNumbers } from './numbers.ts';
import { checkEnglishProse } from './retext.ts';
import { checkTerms } from './terms.ts';

export { loadStyle, StyleError, STYLE_RULES, type Style } from './config.ts';

/** The style check for a page in `lang`. */
export function styleRule(style: Style, lang: string): Rule {
  const primary = lang.split('-')[0]!.toLowerCase();
  const rule: Rule = async (tree, file, context) => {
    const on = (id: string) => {
      const severity = styleSeverity(style, id);
      return severity === 'off' ? undefined : severity;
    };
    const term = on('style-term');
    if (term) checkTerms(tree, file, termsFor(style, lang), term);
    if (primary === 'zh')
      checkCjk(tree, file, {
        spacing: styleSeverity(style, 'style-cjk-spacing'),
        punctuation: styleSeverity(style, 'style-cjk-punctuation'),
      });
    if (primary === 'zh' || primary === 'ja' || primary === 'ko')
      checkCjkSentenceLength(
        tree,
        file,
        style.sentenceLength.characters,
        styleSeverity(style, 'style-sentence-length'),
      );
    if (primary === 'en') {
      const headingCase = on('style-heading-case');
      if (headingCase && style.headingCase !== 'any')
        checkHeadingCase(
          tree,
          file,
          style.headingCase,
          new Set(context.outline.sections.map((s) => s.heading)),
          headingCase,
        );
      const numbers = on('style-numbers');
      if (numbers && style.numbers !== 'any') checkNumbers(tree, file, style.numbers, numbers);
      await checkEnglishProse(tree, file, style);
    }
  };
  return Object.defineProperty(rule, 'name', { value: 'style' });
}

/**
 * Chinese typography: a space between Chinese characters and Latin letters or digits
 * ("在 Astro 中", "共 3 个"), and full-width punctuation inside Chinese text ("，" not ",").
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { createLocator, pointInNode } from '../locate.ts';
import { report } from '../report.ts';
import { proseNodes } from '../../utils/text-measure.ts';
import type { StyleSeverity } from './config.ts';

const HAN = '\\p{Script=Han}';
/** Han next to a Latin letter or digit, either way round. */
const UNSPACED = new RegExp(`${HAN}[A-Za-z0-9]|[A-Za-z0-9]${HAN}`, 'gu');
/** Half-width punctuation touching Han: after a character, or before one. */
const HALF_WIDTH = new RegExp(`(?<=${HAN})[,;:!?()]|(?<=${HAN})\\.(?=\\s|$)|[,;:!?()](?=${HAN})`, 'gu');
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  '.': '。',
  ';': '；',
  ':': '：',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

export function checkCjk(
  tree: Root,
  file: VFile,
  severities: { spacing: StyleSeverity; punctuation: StyleSeverity },
): void {
  const source = String(file.value);
  const locator = createLocator(source);
  for (const node of proseNodes(tree)) {
    if (severities.spacing !== 'off') {
      for (const match of node.value.matchAll(UNSPACED)) {
        report(file, {
          ruleId: 'style-cjk-spacing',
          severity: severities.spacing,
          place: pointInNode(node, match.index + 1, source, locator),
          reason: `No space between Chinese and Latin text ("${match[0]}").`,
          fix: `Put a space between them: "${match[0][0]} ${match[0].slice(1)}".`,
        });
      }
    }
    if (severities.punctuation !== 'off') {
      for (const match of node.value.matchAll(HALF_WIDTH)) {
        report(file, {
          ruleId: 'style-cjk-punctuation',
          severity: severities.punctuation,
          place: pointInNode(node, match.index, source, locator),
          reason: `Half-width "${match[0]}" in Chinese text.`,
          fix: `Use the full-width "${FULL_WIDTH[match[0]]}".`,
        });
      }
    }
  }
}

/** Sentences of Chinese, Japanese or Korean text longer than `max` characters. */
export function checkCjkSentenceLength(tree: Root, file: VFile, max: number, severity: StyleSeverity): void {
  if (severity === 'off') return;
  const source = String(file.value);
  const locator = createLocator(source);
  for (const node of proseNodes(tree)) {
    let start = 0;
    for (const sentence of node.value.split(/(?<=[。！？])/u)) {
      const length = sentence.replace(/[\s\p{P}]/gu, '').length;
      if (length > max) {
        report(file, {
          ruleId: 'style-sentence-length',
          severity,
          place: pointInNode(node, start, source, locator),
          reason: `Sentence of ${length} characters (the house style's limit is ${max}).`,
          fix: 'Split the sentence at a natural break.',
        });
      }
      start += sentence.length;
    }
  }
}

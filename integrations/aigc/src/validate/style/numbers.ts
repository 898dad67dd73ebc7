/** Number style: numerals everywhere, or words for zero to nine and numerals above. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { createLocator, pointInNode } from '../locate.ts';
import { report } from '../report.ts';
import { proseNodes } from '../../utils/text-measure.ts';
import type { StyleSeverity } from './config.ts';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Number words as words: "one" is left alone ("one of them", "no one"). */
const SPELLED = /\b(two|three|four|five|six|seven|eight|nine|ten)\b/gi;
/** A lone digit: not part of a decimal, a version, a time, a range, a unit or a list marker. */
const LONE_DIGIT = /(?<![\d.,:/\-–])\b\d\b(?![\d.,:/%\-–]|\s?(?:px|ms|s|kB|MB|GB|x)\b)/g;

export function checkNumbers(
  tree: Root,
  file: VFile,
  mode: 'numerals' | 'words-under-ten',
  severity: Exclude<StyleSeverity, 'off'>,
): void {
  const source = String(file.value);
  const locator = createLocator(source);
  for (const node of proseNodes(tree)) {
    const pattern = mode === 'numerals' ? SPELLED : LONE_DIGIT;
    for (const match of node.value.matchAll(pattern)) {
      const value = mode === 'numerals' ? String(WORDS.indexOf(match[0].toLowerCase())) : WORDS[Number(match[0])]!;
      report(file, {
        ruleId: 'style-numbers',
        severity,
        place: pointInNode(node, match.index, source, locator),
        reason:
          mode === 'numerals'
            ? `"${match[0]}" spelled out: the house style writes numerals.`
            : `"${match[0]}" as a digit: the house style spells out zero to nine.`,
        fix: `Write "${value}".`,
      });
    }
  }
}

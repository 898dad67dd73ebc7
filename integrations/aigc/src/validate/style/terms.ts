/** Terms the house avoids, per language, each with what to write instead. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { createLocator, pointInNode } from '../locate.ts';
import { report } from '../report.ts';
import { proseNodes } from '../../utils/text-measure.ts';
import type { StyleSeverity } from './config.ts';

export function checkTerms(
  tree: Root,
  file: VFile,
  terms: ReadonlyMap<string, string>,
  severity: Exclude<StyleSeverity, 'off'>,
): void {
  if (terms.size === 0) return;
  const source = String(file.value);
  const locator = createLocator(source);
  const patterns = [...terms].map(([avoid, prefer]) => ({ avoid, prefer, pattern: termPattern(avoid) }));
  for (const node of proseNodes(tree)) {
    for (const { avoid, prefer, pattern } of patterns) {
      for (const match of node.value.matchAll(pattern)) {
        report(file, {
          ruleId: 'style-term',
          severity,
          place: pointInNode(node, match.index, source, locator),
          reason: `"${match[0]}" is a term the house style avoids.`,
          fix: prefer ? `Write "${prefer}" instead of "${avoid}".` : `Rephrase without "${avoid}".`,
        });
      }
    }
  }
}

/** Whole words for Latin-script terms (any inflection-free match, case-insensitive); anywhere for CJK. */
function termPattern(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return /^[\p{Script=Latin}\d]/u.test(term)
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu')
    : new RegExp(escaped, 'gu');
}

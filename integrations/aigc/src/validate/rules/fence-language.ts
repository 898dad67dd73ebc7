import type { Code } from 'mdast';
import { bundledLanguages, bundledLanguagesAlias } from 'shiki';
import { visit } from 'unist-util-visit';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';

export const RULE_ID = 'fence-language';

/** Fences the integration itself turns into media, and Shiki's built-in plain languages. */
const OURS = ['figure', 'diagram', 'dot', 'text', 'txt', 'plain', 'plaintext', 'ansi'];

const KNOWN: ReadonlySet<string> = new Set(
  [...Object.keys(bundledLanguages), ...Object.keys(bundledLanguagesAlias), ...OURS].map((id) => id.toLowerCase()),
);

/** Whether Shiki (or this integration) knows a fence language. */
export function isKnownLanguage(lang: string): boolean {
  return KNOWN.has(lang.toLowerCase());
}

/** Every fenced block names a language Shiki can highlight (or one of ours). */
export const fenceLanguage: Rule = (tree, file) => {
  visit(tree, 'code', (node: Code) => {
    const place = node.position?.start;
    if (!node.lang) {
      // Indented code has no fence to put a language on; only fences are asked for one.
      if (!/^\s*(`{3,}|~{3,})/.test(String(file.value).slice(place?.offset ?? 0, (place?.offset ?? 0) + 40))) return;
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: 'Code block without a language',
        fix: 'Name the language after the opening fence (e.g. ```ts, ```json, or ```text for plain output).',
      });
    } else if (!isKnownLanguage(node.lang)) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Unknown code block language "${node.lang}" (not in Shiki's bundle)`,
        fix: `Use a language id Shiki knows (e.g. ts, js, json, yaml, bash, text)${suggest(node.lang)}.`,
      });
    }
  });
};

function suggest(lang: string): string {
  const lower = lang.toLowerCase();
  const close = [...KNOWN].find((id) => id.length > 1 && (id.startsWith(lower) || lower.startsWith(id)));
  return close ? `; did you mean "${close}"?` : '';
}

/**
 * Short model text that is shown as text — alt text, captions, a translated title — is held to
 * plain text: no markup (tags go with a script's or style's content), no links or URLs
 * (models invent them), no MDX braces, no control characters. What was removed is reported
 * as findings; the text that is left is safe in an attribute, a Markdown image, a feed or
 * a caption file.
 */
import type { Finding } from './finding.ts';
import { RULE_ID as SAFETY } from './rules/safety.ts';

export interface PlainTextResult {
  text: string;
  /** What was removed (warnings: the text left is clean). */
  findings: Finding[];
}

const STEPS: { pattern: RegExp; replace: string | ((...match: string[]) => string); ruleId: string; reason: string }[] =
  [
    {
      pattern:
        /<(script|style|iframe|object|embed|svg|math|template|noscript|textarea|title|xmp)\b[\s\S]*?(<\/\1\s*>|$)/gi,
      replace: ' ',
      ruleId: SAFETY,
      reason: 'Removed a script-capable element and its content',
    },
    { pattern: /<\/?[a-zA-Z!?/][^>]*>?/g, replace: ' ', ruleId: SAFETY, reason: 'Removed markup' },
    {
      pattern: /!?\[([^\]]*)\]\([^)]*\)/g,
      replace: (_m, label) => label ?? '',
      ruleId: SAFETY,
      reason: 'Removed a Markdown link, kept its text',
    },
    {
      pattern: /\b(?:javascript|vbscript|data|file)\s*:\S*/gi,
      replace: ' ',
      ruleId: SAFETY,
      reason: 'Removed a script or data URL',
    },
    {
      pattern: /\b(?:https?:\/\/|www\.)\S+/gi,
      replace: ' ',
      ruleId: 'external-links',
      reason: 'Removed a URL (models invent them)',
    },
    { pattern: /[{}<>]/g, replace: ' ', ruleId: SAFETY, reason: 'Removed braces or angle brackets' },
    // eslint-disable-next-line no-control-regex
    {
      pattern: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g,
      replace: '',
      ruleId: SAFETY,
      reason: 'Removed control characters',
    },
  ];

/** `what` names the text in findings, e.g. "alt text" or "frontmatter `title`". */
export function checkPlainText(input: string, what: string): PlainTextResult {
  const findings: Finding[] = [];
  let text = input;
  for (const step of STEPS) {
    const first = text.search(step.pattern);
    step.pattern.lastIndex = 0;
    if (first === -1) continue;
    text = text.replace(step.pattern, step.replace as string);
    findings.push({
      ruleId: step.ruleId,
      severity: 'warning',
      line: 1,
      column: first + 1,
      reason: `${step.reason} from the ${what}`,
      fix: 'Nothing to do: the model wrote it and the check removed it.',
    });
  }
  return { text: text.replace(/\s+/g, ' ').trim(), findings };
}

/**
 * One unified pipeline for every generated page: remark parses the file as written
 * (frontmatter included, so positions are the file's), the Markdown checks run on mdast,
 * remark-rehype keeps raw HTML as `raw` nodes, and the HTML checks run on hast. Each
 * check reports vfile messages; they come out as findings with rule, severity, position,
 * reason and fix.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { VFile } from 'vfile';
import { markdownProcessor } from '../utils/markdown.ts';
import type { HtmlRule, Rule, ValidationContext } from './context.ts';
import type { Finding } from './finding.ts';
import { report, toFindings } from './report.ts';
import { HTML_RULES, MARKDOWN_RULES } from './rules/index.ts';

export type { HtmlRule, Rule, SiteIndex, ValidationContext } from './context.ts';

/** Check one generated page (the whole file text). Findings are sorted by position. */
export async function validateMarkdown(markdown: string, context: ValidationContext): Promise<Finding[]> {
  const file = new VFile({ path: context.file, value: markdown });
  const processor = markdownProcessor()
    .use(runRules, context)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(runHtmlRules, context);
  await processor.run(processor.parse(file), file);
  return toFindings(file, context.options);
}

/** Whether any finding is an error (what fails a page). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

function runRules(context: ValidationContext) {
  const rules: Rule[] = [...MARKDOWN_RULES, ...(context.extraRules ?? [])];
  return async (tree: MdastRoot, file: VFile) => {
    for (const rule of rules) await guarded(() => rule(tree, file, context), file, rule.name);
  };
}

function runHtmlRules(context: ValidationContext) {
  const rules: HtmlRule[] = [...HTML_RULES, ...(context.extraHtmlRules ?? [])];
  return async (tree: HastRoot, file: VFile) => {
    for (const rule of rules) await guarded(() => rule(tree, file, context), file, rule.name);
  };
}

/** A crashing check is a finding too: the page must not pass because a check failed to run. */
async function guarded(run: () => void | Promise<void>, file: VFile, name: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    report(file, {
      ruleId: 'internal',
      severity: 'error',
      place: undefined,
      reason: `Check ${name || '(anonymous)'} crashed: ${(error as Error).message}`,
      fix: 'This is a bug in the check; report it with the page that triggered it.',
    });
  }
}

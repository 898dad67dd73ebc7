/**
 * Everything a generated page goes through before it is written: sanitize, check, repair
 * with the text provider (bounded), sanitize the repair too. The caller decides what a page
 * that still has errors means (`validation.onFailure`: fail, or publish as a draft).
 */
import type { TextProvider, Usage } from '../providers/types.ts';
import type { ValidationContext } from './context.ts';
import { formatFinding, type Finding } from './finding.ts';
import { hasErrors, validateMarkdown } from './pipeline.ts';
import { buildRepairMessages, extractMarkdown, repairUntilValid } from './repair.ts';
import { sanitizeMarkdown } from './sanitize.ts';

export interface CheckPageSettings {
  /** The whole generated file, frontmatter included (positions refer to it). */
  markdown: string;
  context: ValidationContext;
  /** The model to ask for repairs; without it the page is only checked. */
  text?: TextProvider;
  /** Repair rounds; default `context.options.repairRounds`. */
  maxRounds?: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
  /** Unlink external links to hosts not in `context.options.allowedHosts` (what a reader gets from a model). */
  unlinkUnverified?: boolean;
}

export interface CheckPageResult {
  /** The text to write: sanitized, repaired where that helped. */
  markdown: string;
  /** What is still wrong with it (errors and warnings). */
  findings: Finding[];
  /** What the sanitizer removed, across every attempt. */
  removed: Finding[];
  rounds: number;
  repaired: boolean;
  /** No errors left. */
  ok: boolean;
  /** Tokens the repair calls used. */
  usage: Usage;
}

export async function checkPage(settings: CheckPageSettings): Promise<CheckPageResult> {
  const { context, text: provider } = settings;
  const removed: Finding[] = [];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const frontmatter = frontmatterOf(settings.markdown);
  let finishReason = context.finishReason;

  const clean = (markdown: string) => {
    const result = sanitizeMarkdown(
      markdown,
      settings.unlinkUnverified ? { allowedHosts: context.options.allowedHosts } : {},
    );
    removed.push(...result.removed);
    return result.markdown;
  };

  const outcome = await repairUntilValid({
    text: clean(settings.markdown),
    maxRounds: provider ? (settings.maxRounds ?? context.options.repairRounds) : 0,
    validate: (markdown) => validateMarkdown(markdown, { ...context, ...(finishReason ? { finishReason } : {}) }),
    repair: async (markdown, findings) => {
      const result = await provider!.generate({
        messages: buildRepairMessages(markdown, findings),
        brief: {
          task: 'repair',
          outline: context.outline,
          text: markdown,
          findings: findings.map((f) => formatFinding(context.file, f)),
        },
        ...(settings.maxOutputTokens ? { maxOutputTokens: settings.maxOutputTokens } : {}),
        ...(settings.signal ? { signal: settings.signal } : {}),
      });
      usage.inputTokens += result.usage.inputTokens;
      usage.outputTokens += result.usage.outputTokens;
      finishReason = result.finishReason;
      // The frontmatter is ours, not the model's: put the original back whatever it answered.
      return clean(withFrontmatter(frontmatter, extractMarkdown(result.text)));
    },
  });
  return { ...outcome, markdown: outcome.text, removed, ok: !hasErrors(outcome.findings), usage };
}

/** A page that still fails after repair, with every finding printed as file:line:column. */
export class ValidationError extends Error {
  readonly file: string;
  readonly findings: Finding[];
  constructor(file: string, findings: Finding[]) {
    const errors = findings.filter((finding) => finding.severity === 'error');
    super(
      `${file}: ${errors.length} problem(s) remain after repair; the page is not published.\n` +
        findings.map((finding) => formatFinding(file, finding)).join('\n') +
        '\nFix the outline or the generated file, raise validation.repairRounds, or set validation.onFailure to "draft".',
    );
    this.name = 'ValidationError';
    this.file = file;
    this.findings = findings;
  }
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

function frontmatterOf(markdown: string): string {
  return FRONTMATTER.exec(markdown)?.[0] ?? '';
}

function withFrontmatter(frontmatter: string, markdown: string): string {
  const body = markdown.replace(FRONTMATTER, '');
  return frontmatter === '' ? body : `${frontmatter}\n${body.replace(/^\s*\n/, '')}`;
}

/**
 * The checker every generated page declares (articles, guides, translations, the reference
 * landing page): the page pipeline of validate/page.ts — sanitise, check against the outline
 * and the site, repair with the text model (bounded), sanitise the repair — applied by the
 * engine to the job's draft before anything is written. What the sanitizer removed and the
 * warnings are logged with the file; a page that still fails throws (`onFailure: 'strict'`)
 * or is published as a draft.
 */
import type { JobContext, JobResult, OutputCheck } from '../engine/types.ts';
import type { AigcOptions } from '../options.ts';
import type { Outline } from '../outline/types.ts';
import type { Rule, SiteIndex } from '../validate/context.ts';
import { formatFinding } from '../validate/finding.ts';
import type { ValidationOptions } from '../validate/options.ts';
import { splitFrontmatter, withFrontmatter } from './frontmatter.ts';
import { checkPlainText } from '../validate/plain-text.ts';

/**
 * The page pipeline and the house style pull Shiki's language list and the retext family
 * with its dictionary (~0.8 s to import): loaded by the first page checked, so planning and
 * a run whose pages are all fresh never load them.
 */
let checkersLoading:
  | Promise<[typeof import('../validate/page.ts'), typeof import('../validate/style/rule.ts')]>
  | undefined;

function loadCheckers() {
  checkersLoading ??= Promise.all([import('../validate/page.ts'), import('../validate/style/rule.ts')]);
  return checkersLoading;
}

export interface PageCheckSettings {
  /** The page's path (project-relative), as findings name it. */
  path: string;
  outline: Outline;
  options: AigcOptions;
  root: string;
  /** URL path the page is served at, for relative links. */
  route?: string;
  site?: SiteIndex;
  /** Rule overrides for this kind of page (a translation's headings are not the outline's). */
  rules?: ValidationOptions['rules'];
  /** Checks beyond the standard ones, e.g. a guide's API (may read caches, never the model). */
  extraRules?: (context: JobContext) => Promise<Rule[]>;
  /** Frontmatter fields a model wrote (a translation's title): held to plain text. */
  modelFields?: readonly string[];
  /** Trusted text added after the check (the reference index, rendered from the source). */
  append?: (context: JobContext) => Promise<string>;
}

export function pageCheck(settings: PageCheckSettings): OutputCheck {
  return { name: 'page', check: (draft, context) => checkGeneratedPage(settings, draft, context) };
}

async function checkGeneratedPage(
  settings: PageCheckSettings,
  draft: JobResult,
  context: JobContext,
): Promise<JobResult> {
  const [{ checkPage, ValidationError }, { loadStyle, styleRule }] = await loadCheckers();
  const { path, outline, options } = settings;
  const text = context.providers.text;
  const rules = {
    // The offline drafter says each bullet once and never pads: a length target is for models.
    ...(text.id === 'offline' ? { length: 'off' as const } : {}),
    ...settings.rules,
    ...options.validation.rules,
  };
  const markdown = cleanFields(
    typeof draft.data === 'string' ? draft.data : new TextDecoder().decode(draft.data),
    settings,
    context,
  );
  // The house style, read per page so an edit to the style file applies to the next page made.
  const style = await loadStyle(settings.root, options.style);
  const lang = splitFrontmatter(markdown).data.lang;
  const styleRules = style ? [styleRule(style, typeof lang === 'string' ? lang : outline.data.lang)] : [];
  const checked = await checkPage({
    markdown,
    text,
    // A reader never gets a link to a host nobody allowed: models invent them.
    unlinkUnverified: true,
    maxOutputTokens: options.text.maxOutputTokens,
    signal: context.signal,
    context: {
      file: path,
      outline,
      options: { ...options.validation, rules },
      ...(draft.finishReason ? { finishReason: draft.finishReason } : {}),
      root: settings.root,
      output: options.output,
      ...(settings.route ? { route: settings.route } : {}),
      ...(settings.site ? { site: settings.site } : {}),
      extraRules: [...(settings.extraRules ? await settings.extraRules(context) : []), ...styleRules],
    },
  });
  for (const finding of [...checked.removed, ...checked.findings.filter((f) => f.severity === 'warning')]) {
    context.logger.warn(formatFinding(path, finding));
  }
  let page = checked.markdown;
  if (!checked.ok) {
    if (options.validation.onFailure === 'strict') throw new ValidationError(path, checked.findings);
    for (const finding of checked.findings.filter((f) => f.severity === 'error'))
      context.logger.warn(formatFinding(path, finding));
    context.logger.warn(`${path}: published as a draft (validation.onFailure is "draft").`);
    const { data, body } = splitFrontmatter(page);
    page = withFrontmatter({ ...data, draft: true }, body);
  }
  if (settings.append) {
    const { data, body } = splitFrontmatter(page);
    page = withFrontmatter(data, `${body.trim()}\n\n${await settings.append(context)}`);
  }
  return {
    ...draft,
    data: page,
    usage: {
      inputTokens: draft.usage.inputTokens + checked.usage.inputTokens,
      outputTokens: draft.usage.outputTokens + checked.usage.outputTokens,
    },
  };
}

/** Frontmatter a model wrote goes through the plain-text check; the rest of the frontmatter is ours. */
function cleanFields(markdown: string, settings: PageCheckSettings, context: JobContext): string {
  if (!settings.modelFields?.length) return markdown;
  const { data, body } = splitFrontmatter(markdown);
  for (const field of settings.modelFields) {
    if (typeof data[field] !== 'string') continue;
    const result = checkPlainText(data[field], `frontmatter \`${field}\``);
    for (const finding of result.findings) context.logger.warn(formatFinding(settings.path, finding));
    data[field] = result.text;
  }
  return withFrontmatter(data, body);
}

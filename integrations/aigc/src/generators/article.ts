import type { AigcOptions } from '../options.ts';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import type { TextResult, Usage } from '../providers/types.ts';
import { buildArticleMessages, buildContinuationMessages, countsCharacters } from './article/prompt.ts';
import { checkArticle } from './article/check.ts';
import { withFrontmatter, type Provenance } from './frontmatter.ts';

/** Bump when the prompt or post-processing changes: every article is then redone. */
export const ARTICLE_VERSION = '1';

/** Where an outline's generated page goes. */
export function articlePath(options: Pick<AigcOptions, 'output'>, outline: Pick<Outline, 'collection' | 'slug'>): string {
  return `${options.output}/${outline.collection}/${outline.slug}.md`;
}

/**
 * The part of an outline that decides the article text. Tags, cover and narration are
 * not in it: changing them must not rewrite (or re-pay for) the article.
 */
export function articleInputs(outline: Outline) {
  const { title, description, kind, lang, audience, length, source } = outline.data;
  return {
    title,
    description: description ?? null,
    kind,
    lang,
    audience: audience ?? null,
    length: length ?? null,
    source: source ?? null,
    lead: outline.lead,
    sections: outline.sections.map((s) => ({ heading: s.heading, points: s.points, blocks: s.blocks.map(({ position: _p, ...b }) => b) })),
  };
}

/** The article job of an outline (kinds article and guide). */
export function planArticle(outline: Outline, options: AigcOptions): Job {
  const path = articlePath(options, outline);
  const target = outline.data.length ?? 900;
  const outputTokens = countsCharacters(outline.data.lang) ? target * 2 : Math.ceil(target * 1.5);
  return {
    path,
    kind: 'article',
    capability: 'text',
    outline: outline.file,
    dependsOn: [],
    inputs: articleInputs(outline),
    version: ARTICLE_VERSION,
    estimate: { inputTokens: 600 + Math.ceil(outline.raw.length / 3), outputTokens },
    run: (context) => writeArticle(outline, options, context),
  };
}

async function writeArticle(outline: Outline, options: AigcOptions, context: JobContext): Promise<JobResult> {
  const text = context.providers.text;
  const maxOutputTokens = options.text.maxOutputTokens;
  let result = await text.generate({ messages: buildArticleMessages(outline), brief: { task: 'article', outline }, maxOutputTokens });
  const usage: Usage = { ...result.usage };
  let body = result.text;
  if (result.finishReason === 'length') {
    // One continuation; a second cut means the limit is too low for this outline.
    const more: TextResult = await text.generate({
      messages: buildContinuationMessages(outline, body),
      brief: { task: 'continue', outline, partial: body },
      maxOutputTokens,
    });
    usage.inputTokens += more.usage.inputTokens;
    usage.outputTokens += more.usage.outputTokens;
    body += more.text;
    result = more;
    if (more.finishReason === 'length') {
      throw new Error(
        `${outline.file}: the model's answer was cut off twice (finish reason "length"). Raise text.maxOutputTokens (now ${maxOutputTokens}) or lower \`length\` in the outline.`,
      );
    }
  }
  const findings = checkArticle(body, outline);
  if (findings.length > 0) {
    throw new Error(`${outline.file}: the generated article does not follow the outline:\n${findings.map((f) => `  ${f}`).join('\n')}`);
  }
  const provenance: Provenance = {
    provider: text.id,
    model: result.model || text.model,
    generatedAt: new Date().toISOString(),
    offlineDraft: text.id === 'offline',
    outline: outline.file,
  };
  const data: Record<string, unknown> = {
    title: outline.data.title,
    ...(outline.data.description ? { description: outline.data.description } : {}),
    kind: outline.data.kind,
    lang: outline.data.lang,
    tags: outline.data.tags,
    aigc: provenance,
    reviewed: false,
  };
  return { data: withFrontmatter(data, body), provider: text.id, model: provenance.model, usage };
}

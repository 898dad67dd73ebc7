import type { AigcOptions } from '../options.ts';
import { collectionUrl, type PageUrlOptions } from '../outline/route.ts';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import type { TextResult, Usage } from '../providers/types.ts';
import type { SiteIndex } from '../validate/context.ts';
import { buildArticleMessages, buildContinuationMessages } from './article/prompt.ts';
import { countsCharacters } from '../utils/text-measure.ts';
import { apiRule } from './article/api-rule.ts';
import { withFrontmatter, type PageProvenance } from './frontmatter.ts';
import { pageCheck } from './page-check.ts';
import { referenceCacheDir } from './reference.ts';
import { extractForGuide, groundingInstructions, type GuideApi } from './reference/guide.ts';
import { sourceHash as hashSource, type SourceHasher } from './reference/source.ts';
import {
  loadSources,
  referencesMarkdown,
  sourceInstructions,
  sourceKeys,
  type LoadedSource,
} from './article/sources.ts';
import { citationRule } from '../validate/citations.ts';
import type { Generator } from './generator.ts';

/** Bump when the prompt or post-processing changes: every article is then redone. */
export const ARTICLE_VERSION = '2';

/** Where an outline's generated page goes. */
export function articlePath(
  options: Pick<AigcOptions, 'output'>,
  outline: Pick<Outline, 'collection' | 'slug'>,
): string {
  return `${options.output}/${outline.collection}/${outline.slug}.md`;
}

/** The URL path the site serves a page at. */
export function articleRoute(outline: Pick<Outline, 'collection' | 'slug'>, routes: PageUrlOptions = {}): string {
  return collectionUrl(outline.collection, outline.slug, routes);
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
    sections: outline.sections.map((s) => ({
      heading: s.heading,
      points: s.points,
      blocks: s.blocks.map(({ position: _p, ...b }) => b),
    })),
  };
}

export interface ArticlePlanContext {
  /** Project root (resolves a guide's `source`; default: cwd). */
  root?: string;
  /** The site's routes and anchors, for the links check. */
  site?: SiteIndex;
  /** Hash of a `source`'s files; the plan shares one so each source is read once per run. */
  fingerprint?: SourceHasher;
  /** Where collections are served (see `collectionUrl`). */
  routes?: PageUrlOptions;
}

/** The article job of an outline (kinds article and guide). */
export function planArticle(outline: Outline, options: AigcOptions, context: ArticlePlanContext = {}): Job {
  const path = articlePath(options, outline);
  const root = context.root ?? process.cwd();
  const target = outline.data.length ?? 900;
  const outputTokens = countsCharacters(outline.data.lang) ? target * 2 : Math.ceil(target * 1.5);
  // A guide that names a source is held to that API: its files are part of the key.
  const source = outline.data.kind === 'guide' ? outline.data.source : undefined;
  let sourceHash: string | null = null;
  if (source) {
    try {
      sourceHash = (context.fingerprint ?? hashSource)(source, root);
    } catch {
      sourceHash = 'unresolved'; // the job fails with the reason when it runs
    }
  }
  // Cited sources: each file's hash is part of the key, so editing a source makes the page stale.
  const cited = outline.data.sources?.length ? sourceKeys(outline, root) : undefined;
  let loaded: Promise<LoadedSource[]> | undefined;
  const sources = (jobContext: JobContext) =>
    (loaded ??= loadSources(outline, root, jobContext.cacheDir, jobContext.signal));
  return {
    path,
    kind: 'article',
    capability: 'text',
    outline: outline.file,
    dependsOn: [],
    inputs: {
      ...articleInputs(outline),
      sourceHash,
      validation: options.validation,
      ...(cited ? { sources: cited } : {}),
    },
    version: ARTICLE_VERSION,
    estimate: { inputTokens: 600 + Math.ceil(outline.raw.length / 3), outputTokens },
    run: (jobContext) => writeArticle(outline, options, { ...context, root }, jobContext, cited ? sources : undefined),
    // Untrusted text: sanitised, checked against the outline and the site, repaired (bounded).
    check: pageCheck({
      path,
      outline,
      options,
      root,
      route: articleRoute(outline, context.routes),
      ...(context.site ? { site: context.site } : {}),
      extraRules: async (jobContext) => [
        ...(source ? [apiRule((await guideApi(source, root, jobContext)).api, root)] : []),
        // The offline drafter reads no source, so it cites none: only dangling citations and quotes are checked then.
        ...(cited
          ? [citationRule(await sources(jobContext), { requireCitations: jobContext.providers.text.id !== 'offline' })]
          : []),
      ],
      ...(cited
        ? { append: async (jobContext: JobContext) => referencesMarkdown(await sources(jobContext), outline.data.lang) }
        : {}),
    }),
  };
}

/** A guide's API (cached after the first extraction), or an error saying how to fix `source`. */
function guideApi(source: string, root: string, context: JobContext): Promise<GuideApi> {
  return extractForGuide(source, root, { cacheDir: referenceCacheDir(context) }).catch((error: Error) => {
    throw new Error(
      `cannot read the API of \`source: ${source}\`: ${error.message}. Set \`source:\` to a .ts entry of the project or an installed package name.`,
    );
  });
}

async function writeArticle(
  outline: Outline,
  options: AigcOptions,
  plan: ArticlePlanContext & { root: string },
  context: JobContext,
  sources?: (context: JobContext) => Promise<LoadedSource[]>,
): Promise<JobResult> {
  const text = context.providers.text;
  const maxOutputTokens = options.text.maxOutputTokens;
  const signal = context.signal;

  let grounding: string | undefined;
  const source = outline.data.kind === 'guide' ? outline.data.source : undefined;
  if (source) {
    const guide = await guideApi(source, plan.root, context).catch((error: Error) => {
      throw new Error(`${outline.file}: ${error.message}`);
    });
    grounding = groundingInstructions(guide);
  }
  const read = sources ? await sources(context) : undefined;
  if (read) grounding = [grounding, sourceInstructions(read)].filter(Boolean).join('\n\n');

  const messages = buildArticleMessages(outline, grounding);
  let result = await text.generate({ messages, brief: { task: 'article', outline }, maxOutputTokens, signal });
  const usage: Usage = { ...result.usage };
  let body = result.text;
  if (result.finishReason === 'length') {
    // One continuation; a second cut means the limit is too low for this outline.
    const more: TextResult = await text.generate({
      messages: buildContinuationMessages(outline, body, grounding),
      brief: { task: 'continue', outline, partial: body },
      maxOutputTokens,
      signal,
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

  const provenance: PageProvenance = {
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

  // A draft: the engine passes it through this job's `check` before writing it.
  return {
    data: withFrontmatter(data, body),
    provider: text.id,
    model: provenance.model,
    usage,
    finishReason: result.finishReason,
    // What each source was when the page was written (a URL's bytes are known only once fetched).
    ...(read ? { meta: { sources: read.map((s) => ({ n: s.n, src: s.src, title: s.title, hash: s.hash })) } } : {}),
  };
}

/** Articles and guides: one page per outline that is not an API reference. */
export const articleGenerator: Generator = {
  name: 'article',
  kinds: ['article'],
  plan: (outline, { options, root, site, fingerprint, routes }) =>
    outline.data.kind === 'reference' ? [] : [planArticle(outline, options, { root, site, fingerprint, routes })],
};

import type { AigcOptions } from '../options.ts';
import { collectionUrl, type PageUrlOptions } from '../outline/route.ts';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import { describeProviders } from '../producers.ts';
import type { TextProvider, Usage } from '../providers/types.ts';
import { canonicalJson, sha256 } from '../utils/hash.ts';
import { splitFrontmatter, withFrontmatter, type PageProvenance } from './frontmatter.ts';
import { planNarration } from './narration.ts';
import { pageCheck } from './page-check.ts';
import { glossaryFor, readGlossary, GLOSSARY_FILE, type Glossary } from './translation/glossary.ts';
import { measureMarkdown } from '../utils/text-measure.ts';
import {
  buildTranslationMessages,
  buildTranslationRepairMessages,
  parseTranslationDocument,
  type TranslationSource,
} from './translation/prompt.ts';
import { checkTranslation } from './translation/structure.ts';
import type { Generator } from './generator.ts';

/** Bump when the prompt or the checks change: every translation is then redone. */
export const TRANSLATION_VERSION = '1';

/** Rounds in which the model may fix what the structure check found. */
const REPAIR_ROUNDS = 1;

/** Where the Markdown lives; besides the options, planning needs the project root (glossary) and the environment (provider). */
export interface TranslationPlanContext {
  root?: string;
  env?: NodeJS.ProcessEnv;
  /** Where collections are served (see `collectionUrl`). */
  routes?: PageUrlOptions;
}

/** `content/generated/<collection>/<slug>.<lang>.md`: the loader gives it the id `<slug>.<lang>`. */
export function translationPath(
  options: Pick<AigcOptions, 'output'>,
  outline: Pick<Outline, 'collection' | 'slug'>,
  lang: string,
): string {
  return `${options.output}/${outline.collection}/${outline.slug}.${lang}.md`;
}

/** The languages an outline asks for, without its own language and duplicates. */
export function targetLanguages(outline: Outline): string[] {
  return [...new Set(outline.data.translate)].filter((lang) => lang.toLowerCase() !== outline.data.lang.toLowerCase());
}

/**
 * Why no translation is planned for these outlines, or undefined when every requested one
 * is. Offline there is no machine translation, so a translated page is not produced at all
 * (never an untranslated copy presented as a translation); the build prints this.
 */
export function translationSkipReason(
  outlines: Outline[],
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (describeProviders(options, env).text.provider !== 'offline') return undefined;
  const wanted = outlines.flatMap((o) =>
    o.data.kind === 'reference' ? [] : targetLanguages(o).map((lang) => `${o.collection}/${o.slug} → ${lang}`),
  );
  if (wanted.length === 0) return undefined;
  return (
    `${wanted.length} translation(s) not produced (${wanted.join(', ')}): the offline text provider cannot translate. ` +
    'Set OPENAI_API_KEY (or OPENAI_BASE_URL and OPENAI_API_KEY for an OpenAI-compatible server) to publish them.'
  );
}

/**
 * One translation job per language in the outline's `translate`, each reading the final
 * article (human edits included), plus the narration of each translation in its language.
 * None offline: see translationSkipReason.
 */
export function planTranslation(
  outline: Outline,
  articlePath: string,
  options: AigcOptions,
  context: TranslationPlanContext = {},
): Job[] {
  const languages = targetLanguages(outline);
  if (languages.length === 0) return [];
  const env = context.env ?? process.env;
  if (describeProviders(options, env).text.provider === 'offline') return [];
  const glossary = readGlossary(context.root ?? process.cwd());
  const jobs: Job[] = [];
  for (const to of languages) {
    const path = translationPath(options, outline, to);
    const relevant = glossaryFor(glossary, outline.raw, to);
    const sourceTokens = Math.ceil(outline.raw.length / 2) + (outline.data.length ?? 900) * 2;
    jobs.push({
      path,
      kind: 'translation',
      capability: 'text',
      outline: outline.file,
      dependsOn: [articlePath],
      inputs: {
        from: outline.data.lang,
        to,
        glossary: { keep: relevant.keep, terms: relevant.terms },
        glossaryFile: GLOSSARY_FILE,
      },
      version: TRANSLATION_VERSION,
      // Title, description and body decide the translation; tags or `reviewed` do not.
      digestDependency: (_dep, bytes) => {
        const { data, body } = splitFrontmatter(Buffer.from(bytes).toString('utf8'));
        return sha256(
          canonicalJson({ title: data.title ?? null, description: data.description ?? null, body: body.trim() }),
        );
      },
      estimate: { inputTokens: 400 + sourceTokens, outputTokens: sourceTokens * 2 },
      run: (jobContext) => translate(outline, articlePath, to, glossary, jobContext),
      // The translated page is model text like any page; its headings are not the outline's,
      // and its title and description are the model's too.
      check: pageCheck({
        path,
        outline: { ...outline, data: { ...outline.data, lang: to } },
        options,
        root: context.root ?? process.cwd(),
        route: collectionUrl(outline.collection, outline.slug, { ...context.routes, lang: to }),
        rules: { 'outline-coverage': 'off', length: 'off' },
        modelFields: ['title', 'description'],
      }),
    });
    const translated: Outline = {
      ...outline,
      slug: `${outline.slug}.${to}`,
      data: { ...outline.data, lang: to, translate: [] },
    };
    jobs.push(...planNarration(translated, path, options, context.root ? { root: context.root } : {}));
  }
  return jobs;
}

async function translate(
  outline: Outline,
  articlePath: string,
  to: string,
  fullGlossary: Glossary,
  context: JobContext,
): Promise<JobResult> {
  const article = splitFrontmatter(Buffer.from(await context.readDependency(articlePath)).toString('utf8'));
  const from = typeof article.data.lang === 'string' ? article.data.lang : outline.data.lang;
  const source: TranslationSource = {
    title: String(article.data.title ?? outline.data.title),
    description: typeof article.data.description === 'string' ? article.data.description : undefined,
    body: article.body,
  };
  const glossary = glossaryFor(fullGlossary, `${source.title}\n${source.description ?? ''}\n${source.body}`, to);
  const text: TextProvider = context.providers.text;
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let messages = buildTranslationMessages(source, from, to, glossary);
  let model = text.model;
  for (let round = 0; ; round++) {
    const result = await text.generate({
      messages,
      brief: { task: 'translate', text: source.body, from, to },
      signal: context.signal,
    });
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    model = result.model || model;
    if (result.finishReason === 'length') {
      throw new Error(
        `${outline.file}: the ${to} translation was cut off (finish reason "length"). Raise text.maxOutputTokens or shorten the article.`,
      );
    }
    const parsed = parseTranslationDocument(result.text, source.description !== undefined);
    const findings = parsed
      ? checkTranslation(source.body, parsed.body, glossary)
      : [
          'the answer must start with the translated title as a `# ` heading' +
            (source.description ? ', then the description as a `> ` blockquote' : ''),
        ];
    if (parsed && findings.length === 0) return finish(outline, article.data, parsed, from, to, text, model, usage);
    if (round >= REPAIR_ROUNDS) {
      throw new Error(
        `${outline.file}: the ${to} translation does not keep the source's structure, so it is not published:\n${findings.map((f) => `  ${f}`).join('\n')}`,
      );
    }
    messages = buildTranslationRepairMessages(source, from, to, glossary, result.text, findings);
  }
}

function finish(
  outline: Outline,
  sourceData: Record<string, unknown>,
  translated: TranslationSource,
  from: string,
  to: string,
  text: TextProvider,
  model: string,
  usage: Usage,
): JobResult {
  const provenance: PageProvenance = {
    provider: text.id,
    model,
    generatedAt: new Date().toISOString(),
    offlineDraft: text.id === 'offline',
    outline: outline.file,
  };
  const length = measureMarkdown(translated.body, to);
  const data: Record<string, unknown> = {
    title: translated.title,
    ...(translated.description ? { description: translated.description } : {}),
    kind: sourceData.kind ?? outline.data.kind,
    lang: to,
    tags: Array.isArray(sourceData.tags) ? sourceData.tags : outline.data.tags,
    translationOf: outline.slug,
    translatedFrom: from,
    aigc: provenance,
    reviewed: false,
  };
  return {
    data: withFrontmatter(data, translated.body),
    provider: text.id,
    model,
    usage,
    meta: { lang: to, translationOf: outline.slug, length: length.count, lengthUnit: length.unit },
  };
}

/** An article page in the outline's `translate` languages. */
export const translationGenerator: Generator = {
  name: 'translation',
  // A translated page is narrated in its own language: its narration job is planned here too.
  kinds: ['translation', 'narration'],
  plan: (outline, { options, root, env, routes }, planned) => {
    const page = planned.find((job) => job.kind === 'article');
    return page ? planTranslation(outline, page.path, options, { root, env, routes }) : [];
  },
};

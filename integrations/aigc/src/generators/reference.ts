/**
 * `kind: reference` outlines: the API of `source`, extracted with TypeDoc. Two jobs:
 * - `<slug>/sidebar.json` (deterministic, no provider): the sidebar tree, with one page per
 *   module and per exported symbol written next to it as sidecars (`<slug>/<id>.md`);
 * - `<slug>.md`: the landing page, a model-written overview checked against the API
 *   (names exist, TypeScript compiles; bounded repair), followed by the symbol index.
 * Both are keyed on the hash of the source files, so editing the source regenerates them.
 */
import { join } from 'node:path';
import type { Job, JobContext, JobResult } from '../engine/types.ts';
import type { AigcOptions } from '../options.ts';
import type { Outline } from '../outline/types.ts';
import { collectionUrl, type PageUrlOptions } from '../outline/route.ts';
import { sha256 } from '../utils/hash.ts';
import { withFrontmatter, type PageProvenance } from './frontmatter.ts';
import { apiDigest } from './reference/digest.ts';
import { loadExtractor } from './reference/load.ts';
import { EXTRACT_VERSION } from './reference/model.ts';
import { MissingDependencyError, installedVersion } from '../utils/optional-dependency.ts';
import { apiRule } from './article/api-rule.ts';
import { pageCheck } from './page-check.ts';
import type { ApiModel } from './reference/model.ts';
import { overviewMessages } from './reference/prompt.ts';
import { firstSentence, renderIndex, renderReference, type ReferencePage } from './reference/render.ts';
import { sourceHash as hashSource, type SourceHasher } from './reference/source.ts';
import type { Generator } from './generator.ts';

export { extractForGuide, checkAgainstApi, type GuideApi } from './reference/guide.ts';
export type { ApiModel } from './reference/model.ts';

/** Bump when pages or the overview prompt change: references are then redone. */
export const REFERENCE_VERSION = `3+${EXTRACT_VERSION}`;

/** URL of a reference's landing page, where its pages live below (`/docs/api/`, or `/api/` in Starlight). */
export function referenceBase(outline: Pick<Outline, 'collection' | 'slug'>, routes: PageUrlOptions = {}): string {
  return collectionUrl(outline.collection, outline.slug, routes);
}

/** Where extracted APIs are cached: shared by references and the guides held to them. */
export function referenceCacheDir(context: Pick<JobContext, 'cacheDir'>): string {
  return join(context.cacheDir, 'reference');
}

/**
 * The jobs of a reference outline. `root` is the project root (for resolving `source` and
 * hashing its files at plan time); it defaults to the working directory.
 */
export function planReference(
  outline: Outline,
  options: AigcOptions,
  root: string = process.cwd(),
  fingerprint: SourceHasher = hashSource,
  routes: PageUrlOptions = {},
): Job[] {
  const folder = `${options.output}/${outline.collection}/${outline.slug}`;
  const landingPath = `${folder}.md`;
  const sidebarPath = `${folder}/sidebar.json`;
  const source = outline.data.source;
  const base = referenceBase(outline, routes);

  let sourceHash: string;
  let planError: string | undefined;
  try {
    if (!source) throw new Error('it has no `source`');
    sourceHash = fingerprint(source, root);
  } catch (error) {
    // Planning must not stop other outlines: the jobs fail with the reason when run.
    planError =
      error instanceof MissingDependencyError
        ? `${outline.file}: ${error.message}`
        : `${outline.file}: cannot document \`source\`: ${(error as Error).message}. Set \`source:\` to a .ts entry of the project (e.g. src/index.ts) or an installed package name.`;
    sourceHash = 'unresolved';
  }
  const extract = async (context: JobContext): Promise<ApiModel> => {
    if (planError) throw new Error(planError);
    const { extractApi } = await loadExtractor();
    return extractApi(source!, context.root, { cacheDir: referenceCacheDir(context) });
  };
  const common = { source: source ?? null, sourceHash, base };

  const pagesJob: Job = {
    path: sidebarPath,
    kind: 'reference',
    capability: 'none',
    outline: outline.file,
    dependsOn: [],
    inputs: { ...common, lang: outline.data.lang },
    version: REFERENCE_VERSION,
    estimate: { inputTokens: 0, outputTokens: 0 },
    run: async (context) => {
      const api = await extract(context);
      const rendered = renderReference(api, { base });
      const provenance = extractedProvenance(outline);
      const sidecars = rendered.pages.map((page) => ({
        path: `${folder}/${page.id}.md`,
        data: pageFile(page, outline, provenance),
      }));
      return {
        // `api` changes exactly when the declarations or summaries do: the landing page keys on it.
        data: `${JSON.stringify({ title: outline.data.title, base, api: sha256(apiDigest(api)), items: rendered.sidebar }, null, 2)}\n`,
        provider: 'none',
        model: provenance.model,
        usage: { inputTokens: 0, outputTokens: 0 },
        sidecars,
        meta: { pages: rendered.pages.length, package: api.packageName },
      };
    },
  };

  const landingJob: Job = {
    path: landingPath,
    kind: 'reference',
    capability: 'text',
    outline: outline.file,
    // Runs after the pages job, so its extraction is a cache hit. Keyed on the sidebar's
    // bytes (which carry a hash of the API text) rather than on the source hash: editing a
    // function body must not pay for a new overview; changing a signature or a doc must.
    dependsOn: [sidebarPath],
    inputs: {
      source: source ?? null,
      base,
      title: outline.data.title,
      description: outline.data.description ?? null,
      lang: outline.data.lang,
      audience: outline.data.audience ?? null,
      length: outline.data.length ?? null,
      lead: outline.lead,
      sections: outline.sections.map((s) => ({ heading: s.heading, points: s.points })),
    },
    version: REFERENCE_VERSION,
    estimate: { inputTokens: 4000, outputTokens: Math.ceil((outline.data.length ?? 300) * 1.5) },
    run: (context) => writeLanding(outline, options, context, extract),
    // The overview is model text like any page: the page pipeline, held to the API too. The
    // symbol index, rendered from the source, is added after the check.
    check: pageCheck({
      path: landingPath,
      outline,
      options,
      root,
      route: base,
      extraRules: async (context) => [apiRule(await extract(context), context.root)],
      append: async (context) => renderIndex(await extract(context), base),
    }),
  };
  return [pagesJob, landingJob];
}

async function writeLanding(
  outline: Outline,
  options: AigcOptions,
  context: JobContext,
  extract: (c: JobContext) => Promise<ApiModel>,
): Promise<JobResult> {
  const api = await extract(context);
  const provider = context.providers.text;
  const result = await provider.generate({
    messages: overviewMessages(outline, api.packageName, apiDigest(api)),
    brief: { task: 'overview', outline, api: apiDigest(api) },
    maxOutputTokens: options.text.maxOutputTokens,
    signal: context.signal,
  });
  const provenance: PageProvenance = {
    provider: provider.id,
    model: result.model || provider.model,
    generatedAt: new Date().toISOString(),
    offlineDraft: provider.id === 'offline',
    outline: outline.file,
  };
  const data: Record<string, unknown> = {
    title: outline.data.title,
    description:
      outline.data.description ??
      (firstSentence(api.modules[0]?.doc.summary ?? '') || `API reference of ${api.packageName}.`),
    kind: 'reference',
    lang: outline.data.lang,
    tags: outline.data.tags,
    aigc: provenance,
    reviewed: false,
  };
  // A draft: the engine passes it through this job's `check` before writing it.
  return {
    data: withFrontmatter(data, result.text),
    provider: provider.id,
    model: provenance.model,
    usage: result.usage,
    finishReason: result.finishReason,
  };
}

/** Provenance of pages taken from the source: no model wrote them. */
function extractedProvenance(outline: Outline): PageProvenance {
  return {
    provider: 'none',
    model: `typedoc ${installedVersion('typedoc') ?? 'missing'}`,
    generatedAt: new Date().toISOString(),
    offlineDraft: false,
    outline: outline.file,
  };
}

function pageFile(page: ReferencePage, outline: Outline, provenance: PageProvenance): string {
  const data: Record<string, unknown> = {
    title: page.title,
    description: page.description,
    kind: 'reference',
    lang: outline.data.lang,
    tags: outline.data.tags,
    aigc: provenance,
    reviewed: false,
    api: { kind: page.kind, reference: outline.slug },
  };
  return withFrontmatter(data, page.body);
}

/** API references: the pages of a `kind: reference` outline's package. */
export const referenceGenerator: Generator = {
  name: 'reference',
  kinds: ['reference'],
  plan: (outline, { options, root, fingerprint, routes }) =>
    outline.data.kind === 'reference' ? planReference(outline, options, root, fingerprint, routes) : [],
};

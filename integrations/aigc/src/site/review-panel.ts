/**
 * What the dev-only review panel shows for one generated page: how it was made, whether a
 * review holds, what the checks find in the file as it is now, its sources, what changed
 * since the previous generation, and the command that records a review. Read on request in
 * `astro dev`; never part of a build.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { readLock } from '../engine/lock.ts';
import { splitFrontmatter } from '../generators/frontmatter.ts';
import { loadSources } from '../generators/article/sources.ts';
import { parseOutline } from '../outline/parse.ts';
import { pageReview } from '../review.ts';
import { citationRule } from '../validate/citations.ts';
import type { Finding } from '../validate/finding.ts';
import { ValidationOptionsSchema } from '../validate/options.ts';
import { validateMarkdown } from '../validate/pipeline.ts';
import { loadStyle, styleRule } from '../validate/style/rule.ts';
import type { SiteConfig } from './virtual-config.ts';

export interface ReviewPanelData {
  /** Project-relative path of the page. */
  path: string;
  provider: string;
  model: string;
  generatedAt: string;
  outline: string | undefined;
  /** "reviewed by … on …", "unreviewed", "unreviewed: edited since …". */
  review: string;
  reviewed: boolean;
  /** The checks on the file as it is now (links to other pages are not checked here). */
  findings: Finding[];
  /** A check that could not run, said in words. */
  problem: string | undefined;
  sources: { n: number; src: string; title: string }[];
  /** Unified diff against the previous generation in git (uncommitted changes first), or undefined. */
  diff: { against: string; text: string } | undefined;
  /** Records a review of this page. */
  command: string;
}

export async function reviewPanelData(
  config: Pick<SiteConfig, 'root' | 'lock' | 'output' | 'style' | 'cacheDir'>,
  path: string,
): Promise<ReviewPanelData> {
  const root = config.root;
  const text = await readFile(resolve(root, path), 'utf8');
  const { data } = splitFrontmatter(text);
  const aigc = (data.aigc ?? {}) as { provider?: string; model?: string; generatedAt?: string; outline?: string };
  const lock = await readLock(resolve(root, config.lock));
  const entry = lock.artifacts[path];
  const review = entry ? await pageReview(root, path, entry) : undefined;
  let findings: Finding[] = [];
  let problem: string | undefined;
  let sources: ReviewPanelData['sources'] = [];
  try {
    const outlineFile = aigc.outline;
    if (!outlineFile) throw new Error('the page names no outline (`aigc.outline` in its frontmatter)');
    const slug = outlineFile.split('/').pop()!.replace(/\.md$/, '');
    const collection = outlineFile.split('/').slice(-2, -1)[0] ?? '';
    const outline = parseOutline(await readFile(resolve(root, outlineFile), 'utf8'), {
      file: outlineFile,
      collection,
      slug,
      defaultLang: String(data.lang ?? 'en'),
    });
    const lang = String(data.lang ?? outline.data.lang);
    const style = await loadStyle(root, config.style ?? 'content/style.yml');
    const loaded = outline.data.sources?.length
      ? await loadSources(outline, root, resolve(root, config.cacheDir ?? 'node_modules/.aigc'))
      : [];
    sources = loaded.map(({ n, src, title }) => ({ n, src, title }));
    const translation = typeof data.translationOf === 'string';
    findings = await validateMarkdown(text, {
      file: path,
      outline,
      // A translation's headings are its own language's, not the outline's; an offline draft is not held to a length.
      options: ValidationOptionsSchema.parse({
        rules: {
          ...(translation ? { 'outline-coverage': 'off' } : {}),
          ...(aigc.provider === 'offline' ? { length: 'off' } : {}),
        },
      }),
      root,
      output: config.output,
      extraRules: [
        ...(style ? [styleRule(style, lang)] : []),
        ...(loaded.length > 0 ? [citationRule(loaded, { requireCitations: aigc.provider !== 'offline' })] : []),
      ],
    });
  } catch (error) {
    problem = (error as Error).message;
  }
  return {
    path,
    provider: aigc.provider ?? 'unknown',
    model: aigc.model ?? 'unknown',
    generatedAt: aigc.generatedAt ?? '',
    outline: aigc.outline,
    review: review?.summary ?? 'not in the lock',
    reviewed: review ? review.standing.state === 'reviewed' || review.manual : false,
    findings,
    problem,
    sources,
    diff: await previousGenerationDiff(root, path),
    command: `npx aigc review ${path}`,
  };
}

/** Uncommitted changes to the page, or else what its last commit changed; undefined without git. */
async function previousGenerationDiff(root: string, path: string): Promise<ReviewPanelData['diff']> {
  const git = async (...args: string[]) =>
    (await promisify(execFile)('git', args, { cwd: root, maxBuffer: 4 * 1024 * 1024 })).stdout;
  try {
    const uncommitted = await git('diff', '--no-color', 'HEAD', '--', path);
    if (uncommitted.trim()) return { against: 'the last commit (uncommitted changes)', text: uncommitted };
    const [last, previous] = (await git('log', '-n', '2', '--format=%h', '--', path)).trim().split('\n');
    if (!last || !previous) return undefined;
    return { against: `commit ${previous}`, text: await git('diff', '--no-color', previous, last, '--', path) };
  } catch {
    return undefined;
  }
}

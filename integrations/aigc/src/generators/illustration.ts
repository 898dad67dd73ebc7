import type { AigcOptions } from '../options.ts';
import type { Job } from '../engine/types.ts';
import type { Outline } from '../outline/types.ts';
import { cardJob } from './illustration/card.ts';
import { diagramJob, dotJob } from './illustration/diagram-job.ts';
import { imageJob } from './illustration/image-job.ts';
import { assetFolder, imageExtension } from './illustration/paths.ts';
import type { Generator } from './generator.ts';

export interface IllustrationSite {
  /** Shown on social cards (default `astro-aigc`). */
  name?: string;
  /** Environment deciding the image provider, hence the file format (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The images of one page, each its own job with its own key: the cover (from the outline's
 * `cover` prompt, or an automatic one when covers are on), one per ```figure, ```diagram and
 * ```dot block (numbered per kind in document order), and the social card, which reads the
 * cover. None depends on the article text, so rewriting prose redraws nothing.
 */
export function planIllustration(
  outline: Outline,
  articlePath: string,
  options: AigcOptions,
  site: IllustrationSite = {},
): Job[] {
  const folder = assetFolder(articlePath);
  const extension = imageExtension(options, site.env);
  const { title, description, cover } = outline.data;
  const jobs: Job[] = [];

  const coverPrompt =
    cover === false ? undefined : (cover ?? (options.covers ? automaticCoverPrompt(title, description) : undefined));
  const coverPath = coverPrompt === undefined ? undefined : `${folder}/cover.${extension}`;
  if (coverPrompt !== undefined && coverPath) {
    jobs.push(
      imageJob(outline, options, {
        path: coverPath,
        extension,
        role: 'cover',
        prompt: coverPrompt,
        context: `Cover of the page “${title}”${description ? `: ${description}` : ''}`,
      }),
    );
  }

  const counters = { figure: 0, diagram: 0, dot: 0 };
  for (const section of outline.sections) {
    for (const block of section.blocks) {
      const n = ++counters[block.type];
      if (block.type === 'figure') {
        jobs.push(
          imageJob(outline, options, {
            path: `${folder}/figure-${n}.${extension}`,
            extension,
            role: 'figure',
            prompt: block.prompt,
            context: `Figure in the section “${section.heading}” of the page “${title}”`,
          }),
        );
      } else if (block.type === 'diagram') {
        jobs.push(
          diagramJob(outline, `${folder}/diagram-${n}.svg`, block.description, block.position, section.heading),
        );
      } else {
        jobs.push(dotJob(outline, `${folder}/dot-${n}.svg`, block.source, block.position));
      }
    }
  }

  jobs.push(cardJob(outline, `${folder}/card.png`, coverPath, site.name ?? 'astro-aigc', articlePath));
  return jobs;
}

/** A cover prompt for outlines that ask for a cover without writing one. */
export function automaticCoverPrompt(title: string, description: string | undefined): string {
  return `An editorial illustration for an article titled “${title}”${description ? `, about: ${description}` : ''}. Clean, modern, no text or letters in the image.`;
}

/** The cover, figures, diagrams and social card of an article page. */
export const illustrationGenerator: Generator = {
  name: 'illustration',
  kinds: ['cover', 'figure', 'diagram', 'card'],
  plan: (outline, { options, env }, planned) => {
    const page = planned.find((job) => job.kind === 'article');
    return page ? planIllustration(outline, page.path, options, { name: options.siteName, env }) : [];
  },
};

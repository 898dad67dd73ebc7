import type { AigcOptions } from '../../options.ts';
import type { Job, JobContext, JobResult } from '../../engine/types.ts';
import type { Outline } from '../../outline/types.ts';
import { DIGITAL_SOURCE_TYPE } from '../../utils/xmp.ts';
import { writeAltText } from './alt-text.ts';
import { finishImage } from './finish-image.ts';
import { imageExtension, parseSize } from './paths.ts';

/** Bump when covers or figures are made differently. */
export const IMAGE_JOB_VERSION = '1';

export interface ImageJobSpec {
  path: string;
  role: 'cover' | 'figure';
  prompt: string;
  /** Where the image sits, for its alt text: title and section heading, never article text. */
  context: string;
}

/**
 * A cover or figure: the image provider draws from the prompt (plus title, tags and
 * language); the text model writes its alt text. Inputs hold only what decides the image,
 * so editing the article's prose never redraws it.
 */
export function imageJob(outline: Outline, options: AigcOptions, spec: ImageJobSpec): Job {
  const { width, height } = parseSize(options.image.size);
  const extension = imageExtension(options);
  const { title, tags, lang } = outline.data;
  return {
    path: spec.path,
    kind: spec.role,
    capability: 'image',
    outline: outline.file,
    dependsOn: [],
    inputs: { role: spec.role, prompt: spec.prompt, context: spec.context, title, tags, lang, size: options.image.size, quality: options.image.quality, extension },
    version: IMAGE_JOB_VERSION,
    estimate: { inputTokens: 300, outputTokens: 80 },
    run: async (context: JobContext): Promise<JobResult> => {
      const image = await context.providers.image.generate({
        prompt: spec.prompt,
        width,
        height,
        // The offline drawer sets a title large on covers and the prompt on figures.
        title: spec.role === 'cover' ? title : '',
        tags,
        lang,
        signal: context.signal,
      });
      const { alt, usage } = await writeAltText(context.providers.text, { prompt: spec.prompt, context: spec.context, lang, role: spec.role, title }, context.signal);
      const offline = context.providers.image.id === 'offline';
      const data = await finishImage(image, extension, {
        digitalSourceType: offline ? DIGITAL_SOURCE_TYPE.algorithmic : DIGITAL_SOURCE_TYPE.trained,
        model: image.model,
        // Offline drawings stay byte-reproducible; the lock records when they were made.
        createdAt: offline ? undefined : new Date().toISOString(),
        prompt: spec.prompt,
        description: alt,
      });
      return {
        data,
        provider: context.providers.image.id,
        model: image.model,
        usage: { inputTokens: image.usage.inputTokens + usage.inputTokens, outputTokens: image.usage.outputTokens + usage.outputTokens },
        meta: { alt, width: image.width, height: image.height, prompt: spec.prompt },
      };
    },
  };
}

import type { AigcOptions } from '../../options.ts';
import type { Job, JobContext, JobResult, OutputCheck } from '../../engine/types.ts';
import type { Outline } from '../../outline/types.ts';
import type { ImageMediaType } from '../../providers/types.ts';
import { formatFinding } from '../../validate/finding.ts';
import { checkPlainText } from '../../validate/plain-text.ts';
import { DIGITAL_SOURCE_TYPE } from '../../utils/xmp.ts';
import { draftAltText, placeholderCaption, promptAltText, writeAltText } from './alt-text.ts';
import { finishImage } from './finish-image.ts';
import { imageExtension, parseSize } from './paths.ts';

/** Bump when covers or figures are made differently. */
export const IMAGE_JOB_VERSION = '2';

export interface ImageJobSpec {
  path: string;
  role: 'cover' | 'figure';
  prompt: string;
  /** Where the image sits, for its alt text: title and section heading, never article text. */
  context: string;
  /** File format, as the path says (default: from the options and the environment). */
  extension?: 'svg' | 'png' | 'webp' | 'jpg';
}

/**
 * A cover or figure: the image provider draws from the prompt (plus title, tags and
 * language); the text model writes its alt text. Inputs hold only what decides the image,
 * so editing the article's prose never redraws it. The drawing and its alt text are drafts
 * until the job's check: the picture sanitised (SVG) or verified (rasters), the alt text
 * held to plain text, then sealed with its provenance.
 */
export function imageJob(outline: Outline, options: AigcOptions, spec: ImageJobSpec): Job {
  const { width, height } = parseSize(options.image.size);
  const extension = spec.extension ?? imageExtension(options);
  const { title, tags, lang } = outline.data;
  return {
    path: spec.path,
    kind: spec.role,
    capability: 'image',
    outline: outline.file,
    dependsOn: [],
    inputs: {
      role: spec.role,
      prompt: spec.prompt,
      context: spec.context,
      title,
      tags,
      lang,
      size: options.image.size,
      quality: options.image.quality,
      extension,
    },
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
      const request = { prompt: spec.prompt, context: spec.context, lang, role: spec.role, title };
      // An offline drawing is an abstract pattern: its alt text says so, whatever a text model would write.
      const offline = context.providers.image.id === 'offline';
      const { alt, usage } = offline
        ? { alt: draftAltText(request), usage: { inputTokens: 0, outputTokens: 0 } }
        : await writeAltText(context.providers.text, request, context.signal);
      return {
        data: image.data,
        provider: context.providers.image.id,
        model: image.model,
        usage: {
          inputTokens: image.usage.inputTokens + usage.inputTokens,
          outputTokens: image.usage.outputTokens + usage.outputTokens,
        },
        meta: {
          alt,
          width: image.width,
          height: image.height,
          prompt: spec.prompt,
          mediaType: image.mediaType,
          // The page's caption for a figure is its prompt; under a placeholder it says what the pattern stands for.
          ...(offline
            ? {
                offlineDraft: true,
                ...(spec.role === 'figure' ? { caption: placeholderCaption(spec.prompt, lang) } : {}),
              }
            : {}),
        },
      };
    },
    check: imageCheck(spec, extension, lang, title),
  };
}

/** Alt text to plain text, the picture sanitised or verified, then provenance sealed in (XMP or SVG metadata). */
function imageCheck(
  spec: ImageJobSpec,
  extension: 'svg' | 'png' | 'webp' | 'jpg',
  lang: string,
  title: string,
): OutputCheck {
  return {
    name: 'image',
    check: async (draft, context) => {
      const meta = draft.meta ?? {};
      const cleaned = checkPlainText(String(meta.alt ?? ''), 'alt text');
      for (const finding of cleaned.findings) context.logger.warn(formatFinding(`${spec.path} (alt text)`, finding));
      const fallback = { prompt: spec.prompt, lang, role: spec.role, title };
      const alt = cleaned.text || (meta.offlineDraft === true ? draftAltText(fallback) : promptAltText(fallback));
      const offline = meta.offlineDraft === true;
      const bytes = typeof draft.data === 'string' ? new TextEncoder().encode(draft.data) : draft.data;
      const { mediaType: _mediaType, ...rest } = meta;
      const data = await finishImage(
        {
          data: bytes,
          mediaType: String(meta.mediaType) as ImageMediaType,
          width: Number(meta.width),
          height: Number(meta.height),
          model: draft.model,
          usage: draft.usage,
        },
        extension,
        {
          digitalSourceType: offline ? DIGITAL_SOURCE_TYPE.algorithmic : DIGITAL_SOURCE_TYPE.trained,
          model: draft.model,
          // Offline drawings stay byte-reproducible; the lock records when they were made.
          createdAt: offline ? undefined : new Date().toISOString(),
          prompt: spec.prompt,
          description: alt,
        },
      );
      return { ...draft, data, meta: { ...rest, alt } };
    },
  };
}

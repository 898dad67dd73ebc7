import type { ImagesResponse } from 'openai/resources/images';
import type { ImageMediaType, ImageProvider, ImageRequest, ImageResult } from '../types.ts';
import { ProviderError } from '../errors.ts';
import { loadSharp } from '../../utils/image-libraries.ts';
import { createOpenAIClient, toProviderError, withoutSecret } from './client.ts';
import { IMAGE_BATCH_URL, imageRequestBody, type OpenAIImageOptions } from './requests.ts';

export type { OpenAIImageOptions };

const MEDIA_TYPES: Record<OpenAIImageOptions['format'], ImageMediaType> = {
  png: 'image/png',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/**
 * Images through `images.generate` of the official SDK (OpenAI or any compatible server).
 * Model, size, quality and format come from the options; the configured size is what is
 * asked for (the request's width/height are what the job expects and are checked by it).
 */
export function createOpenAIImage(options: OpenAIImageOptions): ImageProvider {
  let client: ReturnType<typeof createOpenAIClient> | undefined;
  const body = (request: ImageRequest) => imageRequestBody(options, request);
  return {
    id: 'openai',
    model: options.model,
    batch: {
      url: IMAGE_BATCH_URL,
      body,
      decode: async (answer) => ({
        ...(await decodeImage(answer as ImagesResponse, options, undefined)),
        tier: 'batch',
      }),
    },
    async generate(request: ImageRequest): Promise<ImageResult> {
      client ??= createOpenAIClient(options);
      let response;
      try {
        response = await client.images.generate(body(request), { signal: request.signal });
      } catch (error) {
        throw withoutSecret(toProviderError(error, `images.generate (${options.model})`), client.apiKey ?? '');
      }
      return decodeImage(response, options, request);
    },
  };
}

/** The image of an `images.generate` answer (a direct one, or a Batch line's body), decoded to learn its size. */
async function decodeImage(
  response: ImagesResponse,
  options: OpenAIImageOptions,
  request: ImageRequest | undefined,
): Promise<ImageResult> {
  const b64 = response.data?.[0]?.b64_json;
  if (!b64) {
    throw new ProviderError(
      `images.generate (${options.model}): the answer has no b64_json image (a server that only returns URLs is not supported)`,
      { retryable: false },
    );
  }
  const data = new Uint8Array(Buffer.from(b64, 'base64'));
  const sharp = await loadSharp();
  let meta;
  try {
    meta = await sharp(data).metadata();
  } catch (error) {
    throw new ProviderError(
      `images.generate (${options.model}): the returned image does not decode (${(error as Error).message})`,
      { retryable: true, cause: error },
    );
  }
  const format =
    meta.format === 'jpeg' || meta.format === 'png' || meta.format === 'webp' ? meta.format : options.format;
  return {
    data,
    mediaType: MEDIA_TYPES[format],
    width: meta.width ?? request?.width ?? 0,
    height: meta.height ?? request?.height ?? 0,
    usage: { inputTokens: response.usage?.input_tokens ?? 0, outputTokens: response.usage?.output_tokens ?? 0 },
    model: options.model,
  };
}

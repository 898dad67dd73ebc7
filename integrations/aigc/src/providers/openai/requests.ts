/**
 * What the OpenAI providers send, without the SDK: the request bodies (a direct call and its
 * Batch line share them), the input limits and which models speak over Realtime. The lazy
 * providers (deferred.ts) answer these before the SDK is loaded; the Batch session asks for
 * a line's body synchronously.
 */
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ImageRequest, TextRequest } from '../types.ts';
import type { OpenAIConnection } from './client.ts';

export interface OpenAITextOptions extends OpenAIConnection {
  model: string;
  /** Sent as `max_completion_tokens` unless the request sets its own. */
  maxOutputTokens: number;
  temperature?: number | undefined;
  /** Sent as `service_tier` when set (`flex`, `priority`…). */
  serviceTier?: 'auto' | 'flex' | 'default' | 'priority' | undefined;
  /** Abort when no data arrives for this long, headers or chunks; defaults to `timeoutMs`. */
  idleTimeoutMs?: number | undefined;
}

export interface OpenAIImageOptions extends OpenAIConnection {
  /** Image model id (default in options.ts: `gpt-image-2`). */
  model: string;
  /** `WxH` such as `1536x1024`, or `auto`. */
  size: string;
  /** `low` | `medium` | `high` | `auto`. */
  quality: string;
  /** Encoding the service returns; GPT image models always answer in base64. */
  format: 'png' | 'webp' | 'jpeg';
}

export const TEXT_BATCH_URL = '/v1/chat/completions';
export const IMAGE_BATCH_URL = '/v1/images/generations';

/** What we send: model, messages, and the optional knobs only when set. */
export function requestBody(
  options: OpenAITextOptions,
  request: TextRequest,
  includeUsage: boolean,
): ChatCompletionCreateParamsStreaming {
  const maxTokens = request.maxOutputTokens ?? options.maxOutputTokens;
  const temperature = request.temperature ?? options.temperature;
  return {
    model: options.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...(maxTokens === undefined ? {} : { max_completion_tokens: maxTokens }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
    ...(options.serviceTier ? { service_tier: options.serviceTier } : {}),
  };
}

/** The same body, not streamed, as one line of a Batch (a Batch's answers are whole completions). */
export function textBatchBody(options: OpenAITextOptions, request: TextRequest): Record<string, unknown> {
  // A Batch is already half price; a tier there would be refused or ignored.
  const {
    stream: _stream,
    stream_options: _options,
    service_tier: _tier,
    ...body
  } = requestBody(options, request, false);
  return body;
}

/** What `images.generate` is sent: the configured size, whatever the job expects (the job checks it). */
export function imageRequestBody(options: OpenAIImageOptions, request: ImageRequest) {
  return {
    model: options.model,
    prompt: request.prompt,
    n: 1,
    size: options.size,
    quality: options.quality as 'low' | 'medium' | 'high',
    output_format: options.format,
  };
}

/** OpenAI's per-request input limit for `audio.speech`, in characters. */
export const SPEECH_MAX_INPUT_CHARS = 4096;

/**
 * Input per Realtime response, in characters. Not an API limit: a shorter text is read more
 * faithfully, and one that diverges costs less to ask again.
 */
export const REALTIME_MAX_INPUT_CHARS = 1500;

/** Whether a model id is one that speaks over the Realtime API rather than `audio.speech`. */
export function isRealtimeModel(model: string): boolean {
  return /realtime/i.test(model);
}

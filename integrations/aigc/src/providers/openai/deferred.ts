/**
 * The OpenAI providers as the composition layer hands them out: what they are (id, model,
 * voice, limits, Batch line bodies) is known at once, and their code, with the SDK, `ws` and
 * sharp behind it (~1 s to import), loads on the first request. A run whose jobs are all
 * fresh asks nothing, so it never loads them.
 */
import type { BatchTransport, ImageProvider, ModelStatus, SpeechProvider, TextProvider } from '../types.ts';
import type { OpenAIConnection } from './client.ts';
import type { OpenAIRealtimeSpeechOptions } from './realtime-speech.ts';
import type { OpenAISpeechOptions } from './speech.ts';
import {
  IMAGE_BATCH_URL,
  imageRequestBody,
  REALTIME_MAX_INPUT_CHARS,
  SPEECH_MAX_INPUT_CHARS,
  TEXT_BATCH_URL,
  textBatchBody,
  type OpenAIImageOptions,
  type OpenAITextOptions,
} from './requests.ts';

/** `create` once, on the first call; later calls wait for the same promise. */
function once<T>(create: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= create());
}

export function deferredOpenAIText(options: OpenAITextOptions): TextProvider {
  const load = once(async () => (await import('./text.ts')).createOpenAIText(options));
  return {
    id: 'openai',
    model: options.model,
    batch: {
      url: TEXT_BATCH_URL,
      body: (request) => textBatchBody(options, request),
      decode: async (body) => (await load()).batch!.decode(body),
    },
    generate: async (request) => (await load()).generate(request),
  };
}

export function deferredOpenAIImage(options: OpenAIImageOptions): ImageProvider {
  const load = once(async () => (await import('./image.ts')).createOpenAIImage(options));
  return {
    id: 'openai',
    model: options.model,
    batch: {
      url: IMAGE_BATCH_URL,
      body: (request) => imageRequestBody(options, request),
      decode: async (body) => (await load()).batch!.decode(body),
    },
    generate: async (request) => (await load()).generate(request),
  };
}

export function deferredOpenAISpeech(options: OpenAISpeechOptions): SpeechProvider {
  const load = once(async () => (await import('./speech.ts')).createOpenAISpeech(options));
  return {
    id: 'openai',
    model: options.model,
    voice: options.voice,
    maxInputChars: SPEECH_MAX_INPUT_CHARS,
    synthesize: async (request) => (await load()).synthesize(request),
  };
}

export function deferredOpenAIRealtimeSpeech(options: OpenAIRealtimeSpeechOptions): SpeechProvider {
  const load = once(async () => (await import('./realtime-speech.ts')).createOpenAIRealtimeSpeech(options));
  return {
    id: 'openai',
    model: options.model,
    voice: options.voice,
    maxInputChars: REALTIME_MAX_INPUT_CHARS,
    synthesize: async (request) => (await load()).synthesize(request),
  };
}

export function deferredOpenAIBatches(connection: OpenAIConnection): BatchTransport {
  const load = once(async () => (await import('./batches.ts')).createOpenAIBatches(connection));
  return {
    submit: async (url, lines, intent) => (await load()).submit(url, lines, intent),
    findByIntent: async (intent, since) => (await load()).findByIntent(intent, since),
    state: async (batchId) => (await load()).state(batchId),
    answers: async (batchId) => (await load()).answers(batchId),
  };
}

export function deferredModelLookup(connection: OpenAIConnection): (model: string) => Promise<ModelStatus> {
  const load = once(async () => (await import('./models.ts')).createModelLookup(connection));
  return async (model) => (await load())(model);
}

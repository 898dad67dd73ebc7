import type { AigcOptions } from './options.ts';
import { chooseProvider, speechModel } from './producers.ts';
import type { Providers } from './providers/types.ts';
import { createOfflineText } from './providers/offline/text.ts';
import { createOfflineImage } from './generators/illustration/offline-image.ts';
import { createOfflineSpeech } from './providers/offline/speech.ts';
import type { BatchTransport, Capability, ModelStatus } from './providers/types.ts';
// The OpenAI providers load their SDK on their first request: a run with nothing to ask loads none.
import {
  deferredModelLookup as createModelLookup,
  deferredOpenAIBatches as createOpenAIBatches,
  deferredOpenAIImage as createOpenAIImage,
  deferredOpenAIRealtimeSpeech as createOpenAIRealtimeSpeech,
  deferredOpenAISpeech as createOpenAISpeech,
  deferredOpenAIText as createOpenAIText,
} from './providers/openai/deferred.ts';
import { isRealtimeModel } from './providers/openai/requests.ts';

export { chooseProvider, describeProviders, speechModel } from './producers.ts';

/** Build the providers for a run. Clients are created lazily, so an offline run never needs a key. */
export function createProviders(
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
  today: Date = new Date(),
): Providers {
  const timeoutMs = options.limits.requestTimeoutSeconds * 1000;
  const connection = { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, timeoutMs };
  return {
    text:
      chooseProvider(options.text.provider, env) === 'openai'
        ? createOpenAIText({
            ...connection,
            model: options.text.model,
            maxOutputTokens: options.text.maxOutputTokens,
            temperature: options.text.temperature,
            serviceTier: options.text.serviceTier,
          })
        : createOfflineText(),
    image:
      chooseProvider(options.image.provider, env) === 'openai'
        ? createOpenAIImage({
            ...connection,
            model: options.image.model,
            size: options.image.size,
            quality: options.image.quality,
            format: options.image.format,
          })
        : createOfflineImage(),
    speech:
      chooseProvider(options.speech.provider, env) === 'openai'
        ? createSpeech(options, connection, speechModel(options, env, today))
        : createOfflineSpeech(),
  };
}

/** The Batch API of the service text or images go to, when that is `openai` (speech has none). */
export function createBatchTransport(
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
): BatchTransport | undefined {
  const batched = [options.text.provider, options.image.provider].some(
    (choice) => chooseProvider(choice, env) === 'openai',
  );
  if (!batched) return undefined;
  return createOpenAIBatches({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    timeoutMs: options.limits.requestTimeoutSeconds * 1000,
  });
}

/**
 * The models a run would send work to through the `openai` provider (for the lifecycle
 * check), each with the option that sets it, and how to look one up.
 */
export function openAIModels(
  options: AigcOptions,
  capabilities: ReadonlySet<Capability>,
  env: NodeJS.ProcessEnv = process.env,
) {
  const models = (['text', 'image', 'speech'] as const)
    .filter(
      (capability) => capabilities.has(capability) && chooseProvider(options[capability].provider, env) === 'openai',
    )
    .map((capability) => ({
      option: `${capability}.model`,
      model: capability === 'speech' ? speechModel(options, env) : options[capability].model,
    }));
  const connection = { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, timeoutMs: 30_000 };
  const lookup: (model: string) => Promise<ModelStatus> = createModelLookup(connection);
  return { models, lookup, service: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' };
}

/** A Realtime model speaks over the Realtime API; any other over `audio.speech` (OpenAI before 2027-01-06, Kokoro, LocalAI…). */
function createSpeech(
  options: AigcOptions,
  connection: { apiKey: string | undefined; baseURL: string | undefined; timeoutMs: number },
  model: string,
) {
  const settings = { ...connection, model, voice: options.speech.voice, instructions: options.speech.instructions };
  return isRealtimeModel(model)
    ? createOpenAIRealtimeSpeech({ ...settings, maxTranscriptDistance: options.speech.maxTranscriptDistance })
    : createOpenAISpeech(settings);
}

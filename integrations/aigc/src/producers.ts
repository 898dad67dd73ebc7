import { DEFAULT_MODELS, defaultSpeechModel, type AigcOptions } from './options.ts';
import { OFFLINE_MODELS } from './providers/offline/models.ts';
import type { ProviderId } from './providers/types.ts';

/** `auto` means openai when a key is set, else offline. */
export function chooseProvider(choice: 'auto' | ProviderId, env: NodeJS.ProcessEnv = process.env): ProviderId {
  if (choice !== 'auto') return choice;
  return env.OPENAI_API_KEY ? 'openai' : 'offline';
}

/**
 * The speech model of a run: the option; else, on OpenAI's own API, the default of `today`
 * (see `defaultSpeechModel`). A compatible server (`OPENAI_BASE_URL` elsewhere) is not
 * touched by OpenAI's shutdowns and serves `audio.speech`, so it keeps that default.
 */
export function speechModel(
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
  today: Date = new Date(),
): string {
  if (options.speech.model) return options.speech.model;
  return servesOpenAI(env.OPENAI_BASE_URL) ? defaultSpeechModel(today) : DEFAULT_MODELS.speech;
}

function servesOpenAI(baseURL: string | undefined): boolean {
  if (!baseURL) return true;
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * Which provider and model decide each capability's outputs (part of every job key): what the
 * options and the environment say, before any client exists. Generators read it to plan
 * (offline images are SVG); the composition layer builds the providers to match.
 */
export function describeProviders(
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
  today: Date = new Date(),
) {
  const text = chooseProvider(options.text.provider, env);
  const image = chooseProvider(options.image.provider, env);
  const speech = chooseProvider(options.speech.provider, env);
  return {
    text: { provider: text, model: text === 'openai' ? options.text.model : OFFLINE_MODELS.text },
    image: { provider: image, model: image === 'openai' ? options.image.model : OFFLINE_MODELS.image },
    speech: { provider: speech, model: speech === 'openai' ? speechModel(options, env, today) : OFFLINE_MODELS.speech },
  };
}

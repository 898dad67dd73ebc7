import type { SpeechProvider } from '../types.ts';
import type { OpenAIConnection } from './client.ts';
// PLACEHOLDER (helper: narration)
export interface OpenAISpeechOptions extends OpenAIConnection { model: string; voice: string; instructions: string }
export function createOpenAISpeech(options: OpenAISpeechOptions): SpeechProvider {
  return { id: 'openai', model: options.model, voice: options.voice, maxInputChars: 4096, synthesize: async () => { throw new Error('openai speech not built yet'); } };
}

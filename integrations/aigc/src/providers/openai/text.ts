import type { TextProvider } from '../types.ts';
import type { OpenAIConnection } from './client.ts';
// PLACEHOLDER (helper: openai text) — replaced by the streaming Chat Completions provider.
export interface OpenAITextOptions extends OpenAIConnection { model: string; maxOutputTokens: number; temperature?: number | undefined }
export function createOpenAIText(options: OpenAITextOptions): TextProvider {
  return { id: 'openai', model: options.model, generate: async () => { throw new Error('openai text not built yet'); } };
}

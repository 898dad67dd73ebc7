import type { ImageProvider } from '../types.ts';
import type { OpenAIConnection } from './client.ts';
// PLACEHOLDER (helper: illustrations)
export interface OpenAIImageOptions extends OpenAIConnection { model: string; size: string; quality: string; format: 'png' | 'webp' | 'jpeg' }
export function createOpenAIImage(options: OpenAIImageOptions): ImageProvider {
  return { id: 'openai', model: options.model, generate: async () => { throw new Error('openai images not built yet'); } };
}

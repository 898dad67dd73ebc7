/**
 * What the service says about a model id (`/v1/models/{id}` through the SDK): its shutdown
 * date, that it does not know the id, or that it has no such endpoint (many compatible
 * servers), which is no verdict at all.
 */
import { APIError, type OpenAI } from 'openai';
import type { ModelStatus } from '../types.ts';
import { createOpenAIClient, type OpenAIConnection } from './client.ts';

export function createModelLookup(connection: OpenAIConnection): (model: string) => Promise<ModelStatus> {
  let client: OpenAI | undefined;
  return async (model) => {
    client ??= createOpenAIClient(connection);
    try {
      const info = await client.models.retrieve(model);
      return { status: 'known', shutdownDate: toDate((info as { shutdown_date?: unknown }).shutdown_date) };
    } catch (error) {
      // OpenAI names an unknown id with the code `model_not_found`; a bare 404 is a server without the endpoint.
      if (error instanceof APIError && error.status === 404 && error.code === 'model_not_found') {
        return { status: 'unknown', message: error.message.replace(/^404\s+/, '') };
      }
      if (error instanceof APIError && error.status !== undefined && error.status < 500 && error.status !== 429)
        return { status: 'unsupported' };
      throw error;
    }
  };
}

/** `YYYY-MM-DD` from a date string or a Unix time in seconds; null for anything else. */
function toDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString().slice(0, 10);
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

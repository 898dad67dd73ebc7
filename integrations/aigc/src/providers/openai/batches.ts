/**
 * The Batch API through the SDK: the lines go up as a JSONL file (`/v1/files`, purpose
 * `batch`), a batch is created over it (`/v1/batches`, 24 h window) and tagged with our
 * intent id in its metadata, and a finished batch's output and error files are read back.
 */
import { toFile, type OpenAI } from 'openai';
import { ProviderError } from '../errors.ts';
import type { BatchAnswer, BatchLine, BatchState, BatchTransport } from '../types.ts';
import { createOpenAIClient, toProviderError, withoutSecret, type OpenAIConnection } from './client.ts';

type Endpoint = Parameters<OpenAI['batches']['create']>[0]['endpoint'];

export function createOpenAIBatches(connection: OpenAIConnection): BatchTransport {
  let client: OpenAI | undefined;
  const call = async <T>(what: string, run: (openai: OpenAI) => Promise<T>): Promise<T> => {
    const openai = (client ??= createOpenAIClient(connection));
    try {
      return await run(openai);
    } catch (error) {
      throw withoutSecret(toProviderError(error, what), openai.apiKey ?? '');
    }
  };

  return {
    async submit(url, lines, intent) {
      const jsonl = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
      const file = await call('files.create (batch input)', async (openai) =>
        openai.files.create({
          file: await toFile(Buffer.from(jsonl, 'utf8'), `${intent}.jsonl`, { type: 'application/jsonl' }),
          purpose: 'batch',
        }),
      );
      const batch = await call('batches.create', (openai) =>
        openai.batches.create({
          input_file_id: file.id,
          endpoint: url as Endpoint,
          completion_window: '24h',
          metadata: { aigc_intent: intent },
        }),
      );
      return { batchId: batch.id };
    },

    async findByIntent(intent, since) {
      return call('batches.list', async (openai) => {
        // Newest first: stop at batches older than the intent (a day's slack for clock skew).
        const oldest = since.getTime() / 1000 - 86_400;
        for await (const batch of openai.batches.list({ limit: 100 })) {
          if (batch.metadata?.aigc_intent === intent) return batch.id;
          if (batch.created_at < oldest) break;
        }
        return undefined;
      });
    },

    async state(batchId) {
      const batch = await call(`batches.retrieve ${batchId}`, (openai) => openai.batches.retrieve(batchId));
      const errors = batch.errors?.data?.map((e) => `${e.code ?? 'error'}: ${e.message ?? ''}`.trim());
      return {
        status: batch.status,
        total: batch.request_counts?.total ?? 0,
        completed: batch.request_counts?.completed ?? 0,
        failed: batch.request_counts?.failed ?? 0,
        ...(errors && errors.length > 0 ? { errors } : {}),
      };
    },

    async answers(batchId) {
      const batch = await call(`batches.retrieve ${batchId}`, (openai) => openai.batches.retrieve(batchId));
      const answers: BatchAnswer[] = [];
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        const text = await call(`files.content ${fileId}`, async (openai) =>
          (await openai.files.content(fileId)).text(),
        );
        for (const line of text.split('\n')) if (line.trim()) answers.push(readAnswer(line, fileId));
      }
      return answers;
    },
  };
}

/** One line of an output or error file: `{custom_id, response: {status_code, body}, error}`. */
function readAnswer(line: string, fileId: string): BatchAnswer {
  let parsed: {
    custom_id?: string;
    response?: { status_code?: number; body?: unknown } | null;
    error?: { code?: string; message?: string } | null;
  };
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new ProviderError(`batch file ${fileId}: a line is not JSON (${(error as Error).message})`, {
      retryable: true,
      cause: error,
    });
  }
  const customId = String(parsed.custom_id ?? '');
  const status = parsed.response?.status_code;
  if (parsed.error || status === undefined || status >= 400) {
    const body = parsed.response?.body as { error?: { message?: string } } | undefined;
    const reason = parsed.error?.message ?? body?.error?.message ?? `HTTP ${status ?? '?'}`;
    return { customId, ok: false, error: parsed.error?.code ? `${parsed.error.code}: ${reason}` : reason };
  }
  return { customId, ok: true, body: parsed.response?.body };
}

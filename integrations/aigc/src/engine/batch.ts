/**
 * Batch mode (`aigc generate --batch`): text and image requests go to the provider's Batch API
 * at half price instead of being answered at once.
 *
 * Jobs run as usual; a request through a batching provider is answered from a collected
 * Batch result when there is one, and otherwise queued and the job stopped with
 * {@link BatchDeferred}. After the run the queue is submitted as one Batch per endpoint and
 * model. A later run collects finished Batches into the cache and runs the jobs again: their
 * requests, identical because jobs are deterministic, now find their answers, which pass the
 * job's checks like any other. A repair round is a new request, so it goes into a follow-up
 * Batch the same way.
 *
 * Never twice, and safe to kill anywhere: each Batch is written to the lock as an intent
 * before it is submitted and with its id after; an intent without an id is looked up by the
 * id in the Batch's metadata, and submitted again only when the service has none. A
 * request in a Batch in flight is never submitted again, by any run. Results are kept in
 * the cache until their Batch has left the lock. A request that failed in its Batch (or
 * whose Batch expired or failed) is asked directly, at the standard price, and says so.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BatchAnswer,
  BatchLine,
  BatchTransport,
  ImageProvider,
  PriceTier,
  Providers,
  TextProvider,
  Usage,
} from '../providers/types.ts';
import { writeFileAtomic } from '../utils/atomic-write.ts';
import { sha256 } from '../utils/hash.ts';
import type { LockStore } from './lock.ts';
import type { BatchRecord, Logger } from './types.ts';

/** A job stopped because one of its requests waits in a Batch; not a failure. */
export class BatchDeferred extends Error {
  override name = 'BatchDeferred';
}

/** The most requests one Batch takes (the API's limit is 50,000 lines and 200 MB). */
const MAX_LINES = 50_000;
const MAX_BYTES = 190 * 1024 * 1024;
const FINISHED = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** What a run did with one Batch, for the report and `aigc status`. */
export interface BatchSummary {
  id: string;
  batchId?: string;
  url: string;
  model: string;
  requests: number;
  /** `submitted` by this run, still `waiting` (with the service's status), or `collected`. */
  action: 'submitted' | 'waiting' | 'collected' | 'resubmit' | 'unreachable';
  status?: string;
  completed?: number;
  failed?: number;
  message?: string;
}

export interface BatchSessionSettings {
  transport: BatchTransport;
  /** Absolute cache folder; results live in its `batch/` folder. */
  cacheDir: string;
  /** Queue new requests into Batches (`--batch`); without it they are asked directly. */
  submit: boolean;
  logger: Logger;
  now?: () => Date;
}

type Saved = { ok: true; body: unknown } | { ok: false; error: string };

export class BatchSession {
  private readonly settings: BatchSessionSettings;
  /** Requests in a Batch not collected yet → that Batch's id (or intent id). */
  private readonly inFlight = new Map<string, string>();
  /** Answers each artifact used, removed from the cache once it is written (a forced rerun asks anew). */
  private readonly used = new Map<string, Set<string>>();
  /** New requests by endpoint and model: custom_id → line and the artifact that asked. */
  private readonly queue = new Map<
    string,
    { url: string; model: string; lines: Map<string, { line: BatchLine; path: string }> }
  >();

  constructor(settings: BatchSessionSettings) {
    this.settings = settings;
  }

  private get folder(): string {
    return join(this.settings.cacheDir, 'batch');
  }

  /**
   * Look at every Batch the lock has in flight: find the id of an intent a killed run did not
   * record, save the answers of finished ones to the cache and drop them from the lock, and
   * remember which requests still wait.
   */
  async collect(lock: LockStore): Promise<BatchSummary[]> {
    const summaries: BatchSummary[] = [];
    for (const [id, record] of Object.entries(lock.lock.batches ?? {})) {
      const base = { id, url: record.url, model: record.model, requests: Object.keys(record.requests).length };
      try {
        let batchId = record.batchId;
        if (!batchId) {
          batchId = await this.settings.transport
            .findByIntent(id, new Date(record.createdAt))
            .catch((error: unknown) => {
              // A service that refuses the lookup outright (no Batch API) cannot have made the batch either.
              if (refused(error)) return undefined;
              throw error;
            });
          if (!batchId) {
            // Killed before the service had it: nothing was submitted, so its requests may go again.
            await lock.setBatch(id, undefined);
            summaries.push({
              ...base,
              action: 'resubmit',
              message: 'never reached the service; its requests are asked again',
            });
            continue;
          }
          await lock.setBatch(id, { ...record, batchId });
        }
        const state = await this.settings.transport.state(batchId);
        const counts = { batchId, status: state.status, completed: state.completed, failed: state.failed };
        if (!FINISHED.has(state.status)) {
          for (const customId of Object.keys(record.requests)) this.inFlight.set(customId, batchId);
          summaries.push({ ...base, ...counts, action: 'waiting' });
          continue;
        }
        const answers = state.status === 'failed' ? [] : await this.settings.transport.answers(batchId);
        const why =
          state.status === 'completed'
            ? 'no answer in the batch'
            : `the batch ${state.status}${state.errors ? ` (${state.errors.join('; ')})` : ''}`;
        await this.save(record, answers, why);
        await lock.setBatch(id, undefined);
        const failed =
          Object.keys(record.requests).length - answers.filter((a) => a.ok && a.customId in record.requests).length;
        summaries.push({
          ...base,
          ...counts,
          failed,
          action: 'collected',
          ...(failed > 0
            ? { message: `${failed} request(s) without an answer (${why} or failed in it) are asked directly` }
            : {}),
        });
      } catch (error) {
        // Unreachable now: its requests still wait (never submit them twice); the next run looks again.
        for (const customId of Object.keys(record.requests)) this.inFlight.set(customId, record.batchId ?? id);
        summaries.push({
          ...base,
          ...(record.batchId ? { batchId: record.batchId } : {}),
          action: 'unreachable',
          message: (error as Error).message,
        });
      }
    }
    return summaries;
  }

  /** Write each answer of `record` to the cache; a request without one gets `why`. */
  private async save(record: BatchRecord, answers: BatchAnswer[], why: string): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const byId = new Map(answers.map((a) => [a.customId, a]));
    for (const customId of Object.keys(record.requests)) {
      const answer = byId.get(customId);
      const saved: Saved = answer?.ok
        ? { ok: true, body: answer.body }
        : { ok: false, error: answer && !answer.ok ? answer.error : why };
      await writeFileAtomic(this.file(customId), JSON.stringify(saved));
    }
  }

  private file(customId: string): string {
    return join(this.folder, `${customId}.json`);
  }

  private async saved(customId: string): Promise<Saved | undefined> {
    try {
      return JSON.parse(await readFile(this.file(customId), 'utf8')) as Saved;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  /**
   * Providers for one job that answer from Batch results, wait for Batches in flight, and
   * (when submitting) queue new requests. `inner` are the job's metered providers, used for
   * direct calls; `record` counts a Batch answer's usage at the Batch price.
   */
  wrap(
    inner: Providers,
    path: string,
    cacheKey: string | undefined,
    record: (model: string, usage: Usage, tier: PriceTier) => void,
  ): Providers {
    const text: TextProvider = {
      ...inner.text,
      generate: (request) => {
        const full = { ...(cacheKey ? { cacheKey } : {}), ...request };
        return this.ask(inner.text, full, path, record, () => inner.text.generate(full));
      },
    };
    const image: ImageProvider = {
      ...inner.image,
      generate: (request) => this.ask(inner.image, request, path, record, () => inner.image.generate(request)),
    };
    return { text, image, speech: inner.speech };
  }

  private async ask<Request, Result extends { usage: Usage; model: string }>(
    provider: {
      id: string;
      model: string;
      batch?: { url: string; body(request: Request): Record<string, unknown>; decode(body: unknown): Promise<Result> };
    },
    request: Request,
    path: string,
    record: (model: string, usage: Usage, tier: PriceTier) => void,
    direct: () => Promise<Result>,
  ): Promise<Result> {
    const codec = provider.batch;
    if (!codec || provider.id === 'offline') return direct();
    const body = codec.body(request);
    const customId = `aigc-${sha256(JSON.stringify([codec.url, body])).slice(0, 40)}`;
    const saved = await this.saved(customId);
    if (saved?.ok) {
      try {
        const result = await codec.decode(saved.body);
        record(result.model, result.usage, 'batch');
        let used = this.used.get(path);
        if (!used) this.used.set(path, (used = new Set()));
        used.add(customId);
        return result;
      } catch (error) {
        // An unusable answer is no answer: drop it, so the request can be asked again.
        await rm(this.file(customId), { force: true });
        throw error;
      }
    }
    if (saved && !saved.ok) {
      this.settings.logger.warn(
        `${path}: its batch request failed (${saved.error}); asking directly, at the standard price.`,
      );
      const result = await direct();
      await rm(this.file(customId), { force: true });
      return result;
    }
    const waiting = this.inFlight.get(customId);
    if (waiting) throw new BatchDeferred(`${path}: waits for batch ${waiting}`);
    if (!this.settings.submit) return direct();
    const key = `${codec.url} ${provider.model}`;
    let group = this.queue.get(key);
    if (!group) this.queue.set(key, (group = { url: codec.url, model: provider.model, lines: new Map() }));
    group.lines.set(customId, { line: { custom_id: customId, method: 'POST', url: codec.url, body }, path });
    throw new BatchDeferred(`${path}: queued for a batch`);
  }

  /** The artifact is written: the Batch answers it used are spent. */
  async written(path: string): Promise<void> {
    for (const customId of this.used.get(path) ?? []) await rm(this.file(customId), { force: true });
    this.used.delete(path);
  }

  /** Requests queued by this run. */
  get queued(): number {
    let count = 0;
    for (const group of this.queue.values()) count += group.lines.size;
    return count;
  }

  /**
   * Submit what this run queued: per endpoint and model, in Batches of at most 50,000 lines.
   * The intent is in the lock before the upload and the id after the batch is created.
   */
  async submit(lock: LockStore): Promise<BatchSummary[]> {
    const summaries: BatchSummary[] = [];
    const now = this.settings.now ?? (() => new Date());
    for (const group of this.queue.values()) {
      for (const chunk of chunks([...group.lines.entries()])) {
        const requests = Object.fromEntries(chunk.map(([customId, { path }]) => [customId, path]));
        const id = `aigc-${sha256(Object.keys(requests).sort().join('\n')).slice(0, 16)}`;
        const record: BatchRecord = { url: group.url, model: group.model, createdAt: now().toISOString(), requests };
        await lock.setBatch(id, record);
        const base = { id, url: group.url, model: group.model, requests: chunk.length };
        try {
          const { batchId } = await this.settings.transport.submit(
            group.url,
            chunk.map(([, { line }]) => line),
            id,
          );
          await lock.setBatch(id, { ...record, batchId });
          summaries.push({ ...base, batchId, action: 'submitted' });
        } catch (error) {
          if (refused(error)) {
            // Refused (no Batch API on this server, a bad request): nothing was made, so nothing waits.
            await lock.setBatch(id, undefined);
            summaries.push({
              ...base,
              action: 'unreachable',
              message: `the service refused the batch (${(error as Error).message}); its jobs run directly on the next run without --batch`,
            });
            continue;
          }
          // Perhaps created all the same: the next run asks the service for this intent before submitting again.
          summaries.push({
            ...base,
            action: 'unreachable',
            message: `submitting failed (${(error as Error).message}); the next run checks whether the batch was made before asking again`,
          });
        }
      }
    }
    this.queue.clear();
    return summaries;
  }
}

/** An answer that says the request was refused (4xx but timeouts, conflicts and rate limits): nothing was made. */
function refused(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return (
    typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429
  );
}

/** Lines in groups under the Batch API's limits. */
function chunks<T extends [string, { line: BatchLine }]>(entries: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry[1].line)) + 1;
    if (current.length > 0 && (current.length >= MAX_LINES || bytes + size > MAX_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** One line per Batch for the log: what was submitted, what waits, what was collected. */
export function describeBatch(summary: BatchSummary): string {
  const name = summary.batchId ?? summary.id;
  const what = `${summary.requests} ${summary.url === '/v1/images/generations' ? 'image' : 'text'} request(s), ${summary.model}`;
  switch (summary.action) {
    case 'submitted':
      return `batch ${name} submitted: ${what}, at the Batch price; run \`aigc generate --batch\` (or \`aigc status\`) later to collect it`;
    case 'waiting':
      return `batch ${name} ${summary.status}: ${summary.completed ?? 0}/${summary.requests} done (${what}); its jobs wait`;
    case 'collected':
      return `batch ${name} ${summary.status}: collected ${summary.requests - (summary.failed ?? 0)}/${summary.requests} answers (${what})${summary.message ? `; ${summary.message}` : ''}`;
    case 'resubmit':
      return `batch intent ${name} ${summary.message ?? ''}`;
    case 'unreachable':
      return `batch ${name}: ${summary.message ?? 'unreachable'}; its jobs wait`;
  }
}

/**
 * Files, Batches and Models for the fake OpenAI-compatible server: enough of `/v1/files`,
 * `/v1/batches` and `/v1/models/{id}` for the SDK, with the modes tests need — Batches that
 * finish only when released (or after a delay), a share of lines that fail, whole Batches
 * that expire or fail, requests held so a test can kill the client at that moment, and
 * models with shutdown dates or none at all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers one API request as the direct endpoint would (status and JSON body). */
export type Answer = (route: string, body: unknown) => Promise<{ status: number; body: unknown }>;

export interface BatchModes {
  /** Batches stay `in_progress` until `release()`… */
  hold?: boolean;
  /** …or until this many milliseconds after creation (the command-line server's default). */
  delayMs?: number;
  /** Every n-th line of a Batch fails with a 500 in the error file (0: none). */
  failEvery?: number;
  /** Finish the next Batches this way instead of `completed` (`expired` answers the first half). */
  outcome?: 'completed' | 'expired' | 'failed';
  /** Model id → shutdown date (`YYYY-MM-DD`), `null` (none announced) or `missing` (404). Unlisted models: no field. */
  models?: Record<string, string | null | 'missing'>;
  /** No `/v1/models` endpoint at all (a compatible server without it): 404 for every id. */
  noModelsEndpoint?: boolean;
  /** No `/v1/files` or `/v1/batches` (most compatible servers): 404. */
  noBatchEndpoint?: boolean;
}

interface FakeBatch {
  id: string;
  endpoint: string;
  input_file_id: string;
  metadata: Record<string, string> | null;
  created_at: number;
  status: string;
  output_file_id?: string;
  error_file_id?: string;
  request_counts: { total: number; completed: number; failed: number };
  errors?: { data: { code: string; message: string }[] };
  released: boolean;
  outcome: 'completed' | 'expired' | 'failed';
}

/** A request held on purpose: the test kills the client while it waits, then lets it go. */
export interface HeldRequest {
  route: string;
  /** Answer it after all (the client may be gone). */
  release(): void;
}

export class FakeBatches {
  readonly modes: BatchModes;
  readonly files = new Map<string, { purpose: string; content: string; filename: string }>();
  readonly batches = new Map<string, FakeBatch>();
  private readonly answer: Answer;
  private next = 1;
  private holds: { match: RegExp; resolve: (held: HeldRequest) => void; before: boolean }[] = [];

  constructor(answer: Answer, modes: BatchModes = {}) {
    this.answer = answer;
    this.modes = modes;
  }

  /**
   * Hold the next request whose route matches: `before` the server acts on it, or after it
   * acted but before it answers (a Batch made whose id never reaches the client).
   */
  holdNext(match: RegExp, when: 'before' | 'after' = 'before'): Promise<HeldRequest> {
    return new Promise((resolve) => this.holds.push({ match, resolve, before: when === 'before' }));
  }

  /** Let every held Batch finish on its next look. */
  release(): void {
    for (const batch of this.batches.values()) batch.released = true;
  }

  /** Whether this module answers the route. */
  handles(route: string): boolean {
    if (this.modes.noBatchEndpoint && /^(POST|GET) \/v1\/(files|batches)/.test(route)) return false;
    return /^(POST \/v1\/files|GET \/v1\/files\/[^/]+\/content|POST \/v1\/batches|GET \/v1\/batches(\/[^/]+)?|GET \/v1\/models\/.+)$/.test(
      route,
    );
  }

  async handle(route: string, req: IncomingMessage, res: ServerResponse): Promise<string> {
    const raw = await readBody(req);
    const hold = this.holds.find((h) => h.match.test(route));
    if (hold) this.holds.splice(this.holds.indexOf(hold), 1);
    let let_go: () => void = () => {};
    const waiting = hold ? new Promise<void>((resolve) => (let_go = resolve)) : undefined;
    if (hold?.before) {
      hold.resolve({ route, release: let_go });
      await waiting;
    }
    const { status, body, what } = await this.route(route, req, raw);
    if (hold && !hold.before) {
      hold.resolve({ route, release: let_go });
      await waiting;
    }
    if (!res.destroyed) {
      res.writeHead(status, {
        'content-type': typeof body === 'string' ? 'application/jsonl' : 'application/json',
        'x-request-id': 'req_fake',
      });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    }
    return what;
  }

  private async route(
    route: string,
    req: IncomingMessage,
    raw: Buffer,
  ): Promise<{ status: number; body: unknown; what: string }> {
    const [method, path] = route.split(' ') as [string, string];
    if (method === 'POST' && path === '/v1/files') {
      const form = await new Request('http://fake/v1/files', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: new Uint8Array(raw),
      }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob))
        return { status: 400, body: { error: { message: 'no file', type: 'invalid_request_error' } }, what: 'no file' };
      const content = await file.text();
      const id = `file-${this.next++}`;
      const filename = (file as File).name ?? 'upload.jsonl';
      this.files.set(id, { purpose: String(form.get('purpose')), content, filename });
      return {
        status: 200,
        body: this.fileObject(id),
        what: `${id}, ${content.split('\n').filter(Boolean).length} lines`,
      };
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (content) {
      const file = this.files.get(content[1]!);
      return file ? { status: 200, body: file.content, what: content[1]! } : notFound(`no file ${content[1]}`);
    }
    if (method === 'POST' && path === '/v1/batches') {
      const body = JSON.parse(raw.toString('utf8') || '{}') as {
        input_file_id?: string;
        endpoint?: string;
        metadata?: Record<string, string>;
      };
      const file = this.files.get(String(body.input_file_id));
      if (!file)
        return {
          status: 400,
          body: { error: { message: `no file ${body.input_file_id}`, type: 'invalid_request_error' } },
          what: 'no input file',
        };
      const id = `batch_${this.next++}`;
      const total = file.content.split('\n').filter(Boolean).length;
      this.batches.set(id, {
        id,
        endpoint: String(body.endpoint),
        input_file_id: file ? String(body.input_file_id) : '',
        metadata: body.metadata ?? null,
        created_at: Math.floor(Date.now() / 1000),
        status: 'in_progress',
        request_counts: { total, completed: 0, failed: 0 },
        released: false,
        outcome: this.modes.outcome ?? 'completed',
      });
      return { status: 200, body: this.batchObject(this.batches.get(id)!), what: `${id}, ${total} requests` };
    }
    if (method === 'GET' && path === '/v1/batches') {
      const data = [...this.batches.values()]
        .sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id))
        .map((b) => this.batchObject(b));
      return {
        status: 200,
        body: {
          object: 'list',
          data,
          has_more: false,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
        },
        what: `${data.length} batches`,
      };
    }
    const batchId = /^\/v1\/batches\/([^/]+)$/.exec(path)?.[1];
    if (batchId) {
      const batch = this.batches.get(batchId);
      if (!batch) return notFound(`no batch ${batchId}`);
      await this.advance(batch);
      return { status: 200, body: this.batchObject(batch), what: `${batchId} ${batch.status}` };
    }
    const model = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
    if (model) {
      const id = decodeURIComponent(model);
      const known = this.modes.models?.[id];
      if (this.modes.noModelsEndpoint) return notFound(`this fake server does not answer ${route}`);
      if (known === 'missing') return notFound(`The model '${id}' does not exist`, 'model_not_found');
      return {
        status: 200,
        body: {
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'fake',
          ...(known === undefined ? {} : { shutdown_date: known }),
        },
        what: id,
      };
    }
    return notFound(`this fake server does not answer ${route}`);
  }

  /** Finish a Batch once it is released (or its delay has passed): run its lines through the real answers. */
  private async advance(batch: FakeBatch): Promise<void> {
    if (batch.status !== 'in_progress') return;
    const due =
      batch.released || (!this.modes.hold && Date.now() >= batch.created_at * 1000 + (this.modes.delayMs ?? 0));
    if (!due) return;
    batch.status = 'finalizing';
    if (batch.outcome === 'failed') {
      batch.status = 'failed';
      batch.errors = {
        data: [{ code: 'invalid_request', message: 'this fake server failed the whole batch on purpose' }],
      };
      return;
    }
    const lines = this.files
      .get(batch.input_file_id)!
      .content.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { custom_id: string; url: string; body: unknown });
    const output: string[] = [];
    const errors: string[] = [];
    for (const [index, line] of lines.entries()) {
      if (batch.outcome === 'expired' && index >= Math.ceil(lines.length / 2)) {
        errors.push(
          JSON.stringify({
            id: `req_${index}`,
            custom_id: line.custom_id,
            response: null,
            error: {
              code: 'batch_expired',
              message: 'This request could not be executed before the completion window expired.',
            },
          }),
        );
        continue;
      }
      if (this.modes.failEvery && (index + 1) % this.modes.failEvery === 0) {
        errors.push(
          JSON.stringify({
            id: `req_${index}`,
            custom_id: line.custom_id,
            response: {
              status_code: 500,
              request_id: `req_${index}`,
              body: {
                error: {
                  message: 'The server had an error processing this request (fake partial failure).',
                  type: 'server_error',
                },
              },
            },
            error: null,
          }),
        );
        continue;
      }
      const answer = await this.answer(`POST ${line.url}`, line.body);
      const text = JSON.stringify({
        id: `req_${index}`,
        custom_id: line.custom_id,
        response: { status_code: answer.status, request_id: `req_${index}`, body: answer.body },
        error: null,
      });
      (answer.status < 400 ? output : errors).push(text);
    }
    batch.request_counts = { total: lines.length, completed: output.length, failed: errors.length };
    if (output.length > 0) batch.output_file_id = this.store(output, 'batch_output');
    if (errors.length > 0) batch.error_file_id = this.store(errors, 'batch_output');
    batch.status = batch.outcome === 'expired' ? 'expired' : 'completed';
  }

  private store(lines: string[], purpose: string): string {
    const id = `file-${this.next++}`;
    this.files.set(id, { purpose, content: `${lines.join('\n')}\n`, filename: `${id}.jsonl` });
    return id;
  }

  private fileObject(id: string) {
    const file = this.files.get(id)!;
    return {
      id,
      object: 'file',
      bytes: Buffer.byteLength(file.content),
      created_at: Math.floor(Date.now() / 1000),
      filename: file.filename,
      purpose: file.purpose,
      status: 'processed',
    };
  }

  private batchObject(batch: FakeBatch) {
    const { released: _released, outcome: _outcome, ...rest } = batch;
    return { object: 'batch', completion_window: '24h', ...rest };
  }
}

function notFound(message: string, code = 'not_found') {
  return { status: 404, body: { error: { message, type: 'invalid_request_error', code } }, what: '404' };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

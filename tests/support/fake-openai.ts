/**
 * An OpenAI-compatible HTTP server for tests, on 127.0.0.1 and a free port. Tests script
 * its answers per route; every request is recorded so tests can assert on what the project
 * sent. Real HTTP, real SDK: nothing here replaces `fetch`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: any;
}

/** One scripted answer. */
export type FakeReply =
  | { type: 'json'; status?: number; headers?: Record<string, string>; body: unknown }
  /** Server-sent events: each chunk is sent as `data: <json>`; `done` adds `data: [DONE]`. */
  | { type: 'sse'; chunks: unknown[]; done?: boolean; headers?: Record<string, string>; cutAfter?: number }
  | { type: 'raw'; status?: number; headers?: Record<string, string>; body: string | Uint8Array }
  /** Accept the request and never answer (until the server closes). */
  | { type: 'hang' };

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAI {
  /** Base URL to give the SDK, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queue answers for a route such as `POST /v1/chat/completions`; used before the fallback. */
  enqueue(route: string, ...replies: FakeReply[]): void;
  /** Answer a route with this handler whenever its queue is empty. */
  on(route: string, handler: FakeHandler): void;
  /** Requests made to one route. */
  calls(route: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

/** A chat completion answer in the shape the API returns. */
export function chatCompletion(
  content: string,
  options: { finishReason?: string; model?: string; promptTokens?: number; completionTokens?: number } = {},
): FakeReply {
  return {
    type: 'json',
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_790_000_000,
      model: options.model ?? 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content },
          finish_reason: options.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: options.promptTokens ?? 100,
        completion_tokens: options.completionTokens ?? Math.ceil(content.length / 4),
        total_tokens: (options.promptTokens ?? 100) + (options.completionTokens ?? Math.ceil(content.length / 4)),
      },
    },
  };
}

/** The same answer streamed in pieces, ending with a usage chunk, as `stream_options.include_usage` asks. */
export function chatCompletionStream(
  content: string,
  options: { finishReason?: string; model?: string; pieces?: number; cutAfter?: number } = {},
): FakeReply {
  const pieces = options.pieces ?? 4;
  const size = Math.max(1, Math.ceil(content.length / pieces));
  const base = {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_790_000_000,
    model: options.model ?? 'test-model',
  };
  const chunks: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  ];
  for (let i = 0; i < content.length; i += size) {
    chunks.push({
      ...base,
      choices: [{ index: 0, delta: { content: content.slice(i, i + size) }, finish_reason: null }],
    });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: options.finishReason ?? 'stop' }] });
  chunks.push({
    ...base,
    choices: [],
    usage: {
      prompt_tokens: 100,
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: 100 + Math.ceil(content.length / 4),
    },
  });
  return {
    type: 'sse',
    chunks,
    done: options.cutAfter === undefined,
    ...(options.cutAfter === undefined ? {} : { cutAfter: options.cutAfter }),
  };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queues = new Map<string, FakeReply[]>();
  const handlers = new Map<string, FakeHandler>();
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
    requests.push(recorded);
    const route = `${recorded.method} ${path}`;
    const queued = queues.get(route)?.shift();
    const handler = handlers.get(route);
    const reply: FakeReply =
      queued ??
      (handler
        ? await handler(recorded)
        : {
            type: 'json',
            status: 404,
            body: { error: { message: `no reply scripted for ${route}`, type: 'not_found' } },
          });
    send(res, reply);
  });

  // The server shares the test's process: while a check blocks the event loop (TypeScript
  // type-checking a snippet takes seconds), its keep-alive timer and the SDK's fire together and
  // the next request lands on a socket being closed. A real server does not share our loop.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue(route, ...replies) {
      queues.set(route, [...(queues.get(route) ?? []), ...replies]);
    },
    on(route, handler) {
      handlers.set(route, handler);
    },
    calls(route) {
      const [method, path] = route.split(' ');
      return requests.filter((r) => r.method === method && r.path === path);
    },
    reset() {
      queues.clear();
      handlers.clear();
      requests.length = 0;
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  switch (reply.type) {
    case 'hang':
      return;
    case 'json':
      res.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        'x-request-id': 'req_test',
        ...reply.headers,
      });
      res.end(JSON.stringify(reply.body));
      return;
    case 'raw':
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
      return;
    case 'sse': {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
      const limit = reply.cutAfter ?? reply.chunks.length;
      for (const chunk of reply.chunks.slice(0, limit)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (reply.cutAfter !== undefined) {
        // Flush what was written, then drop the connection mid-stream, as a proxy or a crashed server would.
        res.write(': cut\n\n', () => res.socket?.destroy());
        return;
      }
      if (reply.done) res.write('data: [DONE]\n\n');
      res.end();
    }
  }
}

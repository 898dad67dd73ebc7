/**
 * Faults for the fake OpenAI-compatible server: a seeded share of answers broken the ways
 * real services and proxies break them, on every route (text, image, speech).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** `echo-key`: a 500 whose message quotes the request's Authorization header, as some proxies do. */
export const FAULT_KINDS = [
  'rate-limit',
  'server-error',
  'hang',
  'stream-cut',
  'malformed-json',
  'reset',
  'echo-key',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Share of requests to break, 0–1 (may be changed between runs). */
  rate: number;
  seed: number;
  /** Seconds a 429 asks to wait (Retry-After). */
  retryAfterSeconds?: number;
}

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  /** Faults injected, by kind and by route. */
  readonly injected: Record<string, number> = {};
  readonly byRoute: Record<string, number> = {};
  private readonly random: () => number;
  readonly options: FaultOptions;
  private readonly hanging = new Set<ServerResponse>();

  constructor(options: FaultOptions) {
    this.options = options;
    this.random = seeded(options.seed);
  }

  get total(): number {
    return Object.values(this.injected).reduce((sum, n) => sum + n, 0);
  }

  /** Break this answer, or return false to let the server answer it. */
  async maybeBreak(route: string, body: any, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (this.random() >= this.options.rate) return false;
    const kind = FAULT_KINDS[Math.floor(this.random() * FAULT_KINDS.length)]!;
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
    const json = (status: number, payload: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };
    switch (kind) {
      case 'rate-limit':
        json(
          429,
          JSON.stringify({
            error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
          }),
          {
            'retry-after': String(this.options.retryAfterSeconds ?? 1),
          },
        );
        break;
      case 'server-error': {
        const status = this.random() < 0.5 ? 500 : 503;
        json(
          status,
          JSON.stringify({
            error: {
              message: status === 503 ? 'The engine is currently overloaded' : 'The server had an error',
              type: 'server_error',
            },
          }),
        );
        break;
      }
      case 'hang':
        // Headers never come: the client's request timeout must give up and retry.
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        break;
      case 'stream-cut':
        if (body?.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const chunk = {
            id: 'chatcmpl-cut',
            object: 'chat.completion.chunk',
            created: 1,
            model: String(body.model),
            choices: [{ index: 0, delta: { role: 'assistant', content: 'This answer is cut ' }, finish_reason: null }],
          };
          res.write(`data: ${JSON.stringify(chunk)}\n\n`);
        } else {
          // A body announced longer than what arrives.
          res.writeHead(200, {
            'content-type': route.includes('speech') ? 'audio/mpeg' : 'application/json',
            'content-length': '100000',
          });
          res.write(
            route.includes('speech')
              ? Buffer.from([0xff, 0xfb, 0x50, 0xc0, 0, 0, 0, 0])
              : '{"created": 1, "data": [{"b64_json": "iVBORw0KGgo',
          );
        }
        await new Promise((r) => setTimeout(r, 20));
        req.socket.destroy();
        break;
      case 'malformed-json':
        if (body?.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end('data: {"id": "chatcmpl-bad", "choices": [{"delta": {"content": "x"\n\n');
        } else if (route.includes('speech')) {
          json(500, '{"error": {"message": "upstream said <html>');
        } else json(200, '{"id": "broken", "choices": [');
        break;
      case 'reset':
        req.socket.destroy();
        break;
      case 'echo-key':
        json(
          502,
          JSON.stringify({
            error: {
              message: `upstream refused the request sent with Authorization: ${req.headers.authorization ?? ''}`,
              type: 'server_error',
            },
          }),
        );
        break;
    }
    return true;
  }

  /** Close hung answers (the server is shutting down). */
  release(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }
}

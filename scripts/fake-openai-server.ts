/**
 * A stand-in OpenAI-compatible server, to try the `openai` providers with no key and no network:
 *
 *   npm run fake-openai [-- --port 8787] [-- --faults 0.3 --seed 1]   (or: node scripts/fake-openai-server.ts on Node >= 22.18)
 *   OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=x npm run build
 *
 * Files and Batches (`/v1/files`, `/v1/batches`: a Batch finishes `--batch-delay` seconds
 * after it is made, its lines answered like direct requests; `--batch-fail-every N` fails every
 * N-th line, `--batch-outcome expired|failed`) and Models (`/v1/models/{id}`;
 * `--shutdown MODEL=YYYY-MM-DD` or `=missing`) are in fake-openai-batches.ts.
 *
 * Chat completions (streamed or not) answer by task, read from the system message: an
 * article with the prompt's `## ` headings in order, its bullets as sentences and its fenced
 * blocks copied (so the article checks pass); DOT for a ```diagram; alt text; a Chinese
 * stand-in translation that keeps the page's structure. Images are a gradient in the asked size and format; speech is a
 * quiet tone (wav, pcm) or silence (mp3) about as long as the text would take to read.
 *
 * `--latency-ms L` answers each text, image and speech request after L ms; `--rpm R` and
 * `--tpm T` rate-limit each route to R requests and T tokens a minute (sliding window), and
 * answer the rest 429 with Retry-After (fake-openai-rate-limit.ts).
 *
 * With `--tls` it serves HTTPS with a throwaway certificate, and the Realtime API at
 * wss://…/v1/realtime (the SDK reaches it only over TLS): trust the certificate it prints
 * with NODE_EXTRA_CA_CERTS. `--reword <words>` makes the voice reword texts containing them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { chatCompletion, chatCompletionStream } from '../tests/support/fake-openai.ts';
import { fakeTranslate } from '../tests/support/fake-translation.ts';
import { FaultInjector } from './fake-openai-faults.ts';
import { FakeBatches, type BatchModes } from './fake-openai-batches.ts';
import { realtimeEndpoint, type RealtimeBehaviour, type RealtimeLog } from './fake-openai-realtime.ts';
import { localCertificate } from './fake-openai-tls.ts';
import { ServerRateLimit, type RateLimitModes } from './fake-openai-rate-limit.ts';

interface Section {
  heading: string;
  points: string[];
  blocks: string[];
}

/** The outline inside a prompt: `## ` headings, `- ` bullets, and fenced blocks kept whole. */
function readOutline(prompt: string): { title: string; sections: Section[] } {
  const sections: Section[] = [];
  let title = '';
  let fence: string[] | undefined;
  for (const line of prompt.split('\n')) {
    const current = sections.at(-1);
    if (fence) {
      fence.push(line);
      if (/^\s*```\s*$/.test(line)) {
        current?.blocks.push(fence.join('\n'));
        fence = undefined;
      }
    } else if (/^\s*```/.test(line)) fence = [line];
    else if (line.startsWith('## ')) sections.push({ heading: line.slice(3).trim(), points: [], blocks: [] });
    else if (/^\s*[-*] /.test(line) && current) current.points.push(line.replace(/^\s*[-*] /, '').trim());
    else if (line.startsWith('Title: ')) title = line.slice(7).trim();
  }
  return { title, sections };
}

function writeArticle(prompt: string, chinese: boolean): string {
  const { title, sections } = readOutline(prompt);
  if (sections.length === 0) {
    return chinese
      ? '这段文字来自用于测试的模拟服务器。'
      : 'This text comes from the fake OpenAI-compatible server used for trying the build.';
  }
  const intro = chinese
    ? `本文由模拟服务器写成，用来演示“${title}”的构建流程。`
    : `This piece about ${title || 'the topic'} was written by a fake server, to show the build working end to end.`;
  const parts = [intro];
  for (const section of sections) {
    const sentences = section.points.map((point) =>
      chinese ? `本节谈到${point}。` : `It covers ${point.replace(/[.。]$/, '')}.`,
    );
    const lead = chinese ? `这一节讲“${section.heading}”。` : `This section is about “${section.heading}”.`;
    parts.push(`## ${section.heading}`, [lead, ...sentences].join(' '), ...section.blocks);
  }
  return `${parts.join('\n\n')}\n`;
}

/** What the request asks for, told by its system message (the prompts in generators/). */
function answer(system: string, prompt: string, firstPrompt: string, chinese: boolean): string {
  if (system.startsWith('You write Graphviz DOT')) return dotFor(prompt);
  if (system.startsWith('You write alt text')) return altTextFor(prompt);
  if (system.startsWith('You translate Markdown web pages')) {
    const keep = /Keep these terms exactly as written, untranslated: (.+)\.$/m.exec(system)?.[1]?.split(', ') ?? [];
    return fakeTranslate(firstPrompt, keep);
  }
  return writeArticle(prompt, chinese);
}

/** A small digraph from a diagram description: its `A -> B` lines, else its phrases in a chain. */
function dotFor(prompt: string): string {
  const description = prompt.split('Draw this diagram:\n')[1] ?? prompt;
  const quote = (label: string) => `"${label.trim().replace(/["\\]/g, '').slice(0, 40)}"`;
  const edges = [...description.matchAll(/^\s*(.+?)\s*(?:->|→)\s*(.+?)\s*$/gm)].map(
    (m) => `${quote(m[1]!)} -> ${quote(m[2]!)}`,
  );
  if (edges.length === 0) {
    const phrases = description
      .split(/[,.;:，。；：\n]+/)
      .map((p) => p.trim())
      .filter(Boolean)
      .slice(0, 6);
    for (let i = 1; i < phrases.length; i++) edges.push(`${quote(phrases[i - 1]!)} -> ${quote(phrases[i]!)}`);
    if (edges.length === 0) edges.push(`${quote(phrases[0] ?? 'start')} -> "end"`);
  }
  return `digraph {\n  rankdir=LR;\n  ${edges.join(';\n  ')};\n}\n`;
}

/** One sentence from the image prompt; never "image of…". */
function altTextFor(prompt: string): string {
  const subject = (/Image prompt: (.+)/.exec(prompt)?.[1] ?? prompt).trim().replace(/\.$/, '');
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1, 180)}.`;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('\n');
  return '';
}

/** Server state a handler may read: the prompt cache keys seen so far (a repeated key is a cache hit). */
interface ServerState {
  cacheKeys: Set<string>;
}

/**
 * Prompt caching, as the API reports it: a request whose `prompt_cache_key` was seen before
 * has half its prompt (the shared system prompt, say) served from the cache. The tier asked
 * for is the tier answered.
 */
function withCacheAndTier(body: any, usage: any, state: ServerState): Record<string, unknown> {
  const key = typeof body?.prompt_cache_key === 'string' ? body.prompt_cache_key : undefined;
  const hit = key !== undefined && state.cacheKeys.has(key);
  if (key !== undefined) state.cacheKeys.add(key);
  if (usage && hit) usage.prompt_tokens_details = { cached_tokens: Math.floor(usage.prompt_tokens / 2) };
  return {
    service_tier:
      typeof body?.service_tier === 'string' && body.service_tier !== 'auto' ? body.service_tier : 'default',
  };
}

/** The answer to a chat request, and its prompt (the last user message). */
function chatAnswer(body: any): { text: string; prompt: string } {
  const messages: { role: string; content: unknown }[] = Array.isArray(body?.messages) ? body.messages : [];
  const prompt = textOf(messages.findLast((m) => m.role === 'user')?.content);
  const system = textOf(messages.find((m) => m.role === 'system')?.content);
  const chinese = /language with BCP 47 tag "zh/.test(system);
  return { text: answer(system, prompt, textOf(messages.find((m) => m.role === 'user')?.content), chinese), prompt };
}

/** Tokens a request counts against a tokens-per-minute limit: what its answer will report as usage. */
function tokensOf(route: string, body: any): number {
  if (route === 'POST /v1/chat/completions') return 100 + Math.ceil(chatAnswer(body).text.length / 4);
  if (route === 'POST /v1/images/generations') return 1050;
  return Math.ceil(String(body?.input ?? '').length / 4);
}

function chat(body: any, res: ServerResponse, state: ServerState): string {
  const { text, prompt } = chatAnswer(body);
  const model = String(body?.model ?? 'fake-model');
  if (body?.stream) {
    const reply = chatCompletionStream(text, { model, pieces: 8 });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (reply.type === 'sse') {
      const tier = withCacheAndTier(body, (reply.chunks.at(-1) as any)?.usage, state);
      for (const chunk of reply.chunks) res.write(`data: ${JSON.stringify({ ...(chunk as object), ...tier })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  } else {
    const reply = chatCompletion(text, { model });
    const answer = reply.type === 'json' ? (reply.body as any) : {};
    sendJson(res, 200, { ...answer, ...withCacheAndTier(body, answer.usage, state) });
  }
  return `${readOutline(prompt).sections.length} sections${body?.stream ? ', streamed' : ''}`;
}

const rasters = new Map<string, Promise<Buffer>>();

async function image(body: any, res: ServerResponse): Promise<string> {
  const [width, height] = /^\d+x\d+$/.test(String(body?.size))
    ? String(body.size).split('x').map(Number)
    : [1024, 1024];
  const format: 'png' | 'webp' | 'jpeg' = ['webp', 'jpeg'].includes(body?.output_format) ? body.output_format : 'png';
  // Twelve hues, each drawn once per size and format: encoding a large raster costs the
  // server a second of CPU, which a benchmark would otherwise count as the build's.
  const hue = 30 * ([...String(body?.prompt ?? '')].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 200) % 12);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},50%,35%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const key = `${svg}:${format}`;
  let encoded = rasters.get(key);
  if (!encoded) {
    encoded = sharp(Buffer.from(svg)).toFormat(format).toBuffer();
    rasters.set(key, encoded);
  }
  const data = await encoded;
  sendJson(res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: [{ b64_json: data.toString('base64') }],
    output_format: format,
    size: `${width}x${height}`,
    usage: {
      input_tokens: 50,
      output_tokens: 1000,
      total_tokens: 1050,
      input_tokens_details: { text_tokens: 50, image_tokens: 0 },
    },
  });
  return `${width}x${height} ${format}`;
}

const RATE = 24_000;

function speech(body: any, res: ServerResponse): string {
  const input = String(body?.input ?? '');
  const words = input.split(/\s+/).filter(Boolean).length;
  const cjk = (input.match(/[\u3400-\u9fff]/g) ?? []).length;
  const seconds = Math.min(60, Math.max(0.5, words / 2.5, cjk / 4));
  const format = body?.response_format ?? 'mp3';
  if (format === 'mp3') {
    reply(res, 'audio/mpeg', silentMp3(seconds));
  } else if (format === 'wav' || format === 'pcm') {
    const pcm = tone(seconds);
    reply(
      res,
      format === 'wav' ? 'audio/wav' : 'audio/pcm',
      format === 'wav' ? Buffer.concat([wavHeader(pcm.length), pcm]) : pcm,
    );
  } else {
    sendJson(res, 400, {
      error: { message: `this fake server speaks mp3, wav and pcm, not ${format}`, type: 'invalid_request_error' },
    });
  }
  return `${seconds.toFixed(1)} s ${format}`;
}

/** 16-bit mono PCM at 24 kHz (the API's pcm format): a soft 220 Hz tone with short fades. */
function tone(seconds: number): Buffer {
  const samples = Math.round(seconds * RATE);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 1200, (samples - i) / 1200);
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / RATE) * 3000 * fade), i * 2);
  }
  return pcm;
}

function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * Silent MPEG-1 Layer III frames (44.1 kHz, 64 kbps, mono): a valid header, zeroed side
 * information (no Huffman data), so every decoder reads 1,152 samples of silence a frame.
 */
function silentMp3(seconds: number): Buffer {
  const frame = Buffer.alloc(208);
  frame.set([0xff, 0xfb, 0x50, 0xc0]);
  const frames = Math.ceil((seconds * 44_100) / 1152);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

function reply(res: ServerResponse, type: string, data: Buffer): void {
  res.writeHead(200, { 'content-type': type, 'content-length': data.length });
  res.end(data);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_fake' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const routes: Partial<
  Record<string, (body: any, res: ServerResponse, state: ServerState) => string | Promise<string>>
> = {
  'POST /v1/chat/completions': chat,
  'POST /v1/images/generations': image,
  'POST /v1/audio/speech': speech,
};

export interface TaskServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Break some answers on purpose (see fake-openai-faults.ts). */
  faults?: FaultInjector;
  /** Where to write one line per request (default: nowhere). */
  log?: (line: string) => void;
  /** Files, Batches and Models: how Batches finish, which models retire (see fake-openai-batches.ts). */
  batches?: BatchModes;
  /** Serve HTTPS with a throwaway certificate, so the Realtime endpoint (wss: only) is reachable. */
  tls?: boolean;
  /** How the Realtime endpoint answers (default: reads every text verbatim). */
  realtime?: RealtimeBehaviour;
  /**
   * Time each text, image and speech request takes before it is answered: milliseconds, or a
   * function that resolves when the answer may go (a test holding one request back).
   */
  latency?: number | ((route: string, body: unknown) => Promise<void>);
  /** Requests and tokens per window, per route: over them a request is answered 429 with Retry-After. */
  rateLimit?: RateLimitModes;
}

export interface TaskServer {
  baseURL: string;
  /** Requests answered (or broken), by route; and every Authorization header seen, to check where the key went. */
  calls: Record<string, number>;
  /** Bodies of the requests, in order: what the project asked for. */
  requests: { route: string; body: unknown }[];
  /** `/v1/files`, `/v1/batches` and `/v1/models`: their state and modes, holds and releases. */
  batches: FakeBatches;
  /** What the Realtime endpoint saw and answered. */
  realtime: RealtimeLog;
  /** The certificate to trust (PEM), when serving TLS. */
  ca: string | undefined;
  /** The rate limit's 429s, by route (with `rateLimit`). */
  rateLimited: Record<string, number>;
  close(): Promise<void>;
}

/** Start the server on 127.0.0.1; what tests and the torture suite use. */
export function startTaskServer(options: TaskServerOptions = {}): Promise<TaskServer> {
  const calls: Record<string, number> = {};
  const requests: TaskServer['requests'] = [];
  const log = options.log ?? (() => {});
  const state: ServerState = { cacheKeys: new Set() };
  // A Batch's lines are answered by the same handlers, into a captured response.
  const answer = async (route: string, body: unknown) => {
    const handle = routes[route];
    if (!handle)
      return {
        status: 404,
        body: { error: { message: `this fake server does not answer ${route}`, type: 'not_found' } },
      };
    const captured = { status: 200, text: '' };
    const res = {
      writeHead: (status: number) => ((captured.status = status), res),
      write: (chunk: string) => ((captured.text += chunk), true),
      end: (chunk?: string) => ((captured.text += chunk ?? ''), res),
    };
    await handle(body, res as unknown as ServerResponse, state);
    return { status: captured.status, body: JSON.parse(captured.text) as unknown };
  };
  const batches = new FakeBatches(answer, options.batches ?? {});
  const rateLimit = new ServerRateLimit(options.rateLimit ?? {});
  const latency = options.latency;
  const wait = (route: string, body: unknown) =>
    typeof latency === 'function'
      ? latency(route, body)
      : latency
        ? new Promise<void>((resolve) => setTimeout(resolve, latency))
        : undefined;
  const certificate = options.tls ? localCertificate() : undefined;
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const route = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
    const handle = routes[route];
    if (batches.handles(route)) {
      calls[route] = (calls[route] ?? 0) + 1;
      requests.push({ route, body: undefined });
      try {
        log(`${route} → ${await batches.handle(route, req, res)}`);
      } catch (error) {
        log(`${route} failed: ${String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
      }
      return;
    }
    try {
      const body = await readJson(req);
      calls[route] = (calls[route] ?? 0) + 1;
      requests.push({ route, body });
      if (handle && options.faults && (await options.faults.maybeBreak(route, body, req, res))) {
        log(`${route} → fault`);
        return;
      }
      if (!handle)
        sendJson(res, 404, { error: { message: `this fake server does not answer ${route}`, type: 'not_found' } });
      // Counted when it arrives, as the API counts it; answered once its latency is over.
      if (handle && options.rateLimit && !rateLimit.admit(route, tokensOf(route, body), res)) {
        log(`${route} → 429 rate limit`);
        return;
      }
      if (handle) await wait(route, body);
      const what = handle ? await handle(body, res, state) : '404';
      log(`${route} → ${what}`);
    } catch (error) {
      log(`${route} failed: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
    }
  };
  const server = certificate
    ? createTlsServer({ key: certificate.key, cert: certificate.cert }, handler)
    : createServer(handler);
  const realtime = realtimeEndpoint(options.realtime);
  server.on('upgrade', (req, socket, head) => {
    calls['WS /v1/realtime'] = (calls['WS /v1/realtime'] ?? 0) + 1;
    if (!realtime.upgrade(req, socket, head)) socket.destroy();
    else log('WS /v1/realtime → open');
  });
  return new Promise((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        baseURL: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
        calls,
        requests,
        batches,
        realtime: realtime.log,
        ca: certificate?.cert,
        rateLimited: rateLimit.rejected,
        close: () =>
          new Promise<void>((done) => {
            realtime.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      faults: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'batch-delay': { type: 'string', default: '5' },
      'batch-fail-every': { type: 'string', default: '0' },
      'batch-outcome': { type: 'string', default: 'completed' },
      shutdown: { type: 'string', multiple: true },
      tls: { type: 'boolean', default: false },
      reword: { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      rpm: { type: 'string', default: '0' },
      tpm: { type: 'string', default: '0' },
    },
  });
  const faults =
    values.faults === undefined
      ? undefined
      : new FaultInjector({ rate: Number(values.faults), seed: Number(values.seed) });
  // --shutdown gpt-5.4-mini=2027-01-20 gives a model a shutdown date; =missing makes it unknown.
  const models = Object.fromEntries((values.shutdown ?? []).map((pair) => pair.split('=') as [string, string]));
  const batchModes: BatchModes = {
    delayMs: Number(values['batch-delay']) * 1000,
    failEvery: Number(values['batch-fail-every']),
    outcome: values['batch-outcome'] as 'completed' | 'expired' | 'failed',
    models,
  };
  // --reword "some words": the realtime voice rewords every text containing them.
  const reword = values.reword;
  const realtime: RealtimeBehaviour = { answer: (text) => (reword && text.includes(reword) ? 'reword' : 'verbatim') };
  const server = await startTaskServer({
    port: Number(values.port),
    ...(faults ? { faults } : {}),
    batches: batchModes,
    tls: values.tls,
    realtime,
    latency: Number(values['latency-ms']),
    ...(Number(values.rpm) || Number(values.tpm)
      ? { rateLimit: { requestsPerMinute: Number(values.rpm), tokensPerMinute: Number(values.tpm) } }
      : {}),
    log: (line) => console.log(line),
  });
  console.log(
    `Fake OpenAI-compatible server at ${server.baseURL}${faults ? ` (breaking ${Math.round(Number(values.faults) * 100)} % of answers)` : ''}`,
  );
  if (server.ca) {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const caFile = join(tmpdir(), 'fake-openai-ca.pem');
    writeFileSync(caFile, server.ca);
    console.log(`Realtime speech at ${server.baseURL.replace(/^https/, 'wss')}/realtime; its certificate: ${caFile}`);
    console.log(
      `Try: NODE_EXTRA_CA_CERTS=${caFile} OPENAI_BASE_URL=${server.baseURL} OPENAI_API_KEY=x npm run build (with speech.model: 'gpt-realtime-2.1-mini')`,
    );
  } else {
    console.log(`Try: OPENAI_BASE_URL=${server.baseURL} OPENAI_API_KEY=x npm run build`);
  }
}

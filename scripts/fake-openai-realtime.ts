/**
 * The fake server's Realtime endpoint (`wss://…/v1/realtime?model=…`): the events a speech
 * client uses, in the order the API sends them. `session.update` → `session.updated`;
 * `conversation.item.create` → `conversation.item.added`; `response.create` →
 * `response.created`, PCM16 audio deltas with transcript deltas between them, the two
 * `.done` events and `response.done` with usage. What each answer does is the behaviour's
 * choice: read verbatim, reword the text (a model that answers instead of reading), send an
 * `error` event, drop the socket mid-answer, or hang with it open.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type RealtimeAnswer = 'verbatim' | 'reword' | 'error' | 'invalid' | 'echo-key' | 'drop' | 'hang';

export interface RealtimeBehaviour {
  /** How to answer `text`, asked for the `attempt`-th time (from 1, counted across sockets). */
  answer?(text: string, attempt: number): RealtimeAnswer;
}

/** What the endpoint saw, for tests. */
export interface RealtimeLog {
  /** One per socket: the model asked for and the Authorization header sent. */
  connections: { model: string | null; authorization: string | undefined }[];
  /** Every client event, in order. */
  events: { type: string; [key: string]: unknown }[];
  /** Every answer given, in order. */
  answers: { text: string; attempt: number; answer: RealtimeAnswer; transcript: string }[];
}

const RATE = 24_000;
/** 0.1 s of audio per delta, as the API sends small chunks. */
const CHUNK_SAMPLES = 2400;

export function realtimeEndpoint(behaviour: RealtimeBehaviour = {}) {
  const wss = new WebSocketServer({ noServer: true });
  const log: RealtimeLog = { connections: [], events: [], answers: [] };
  const asked = new Map<string, number>();

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const authorization = req.headers.authorization;
    log.connections.push({ model: url.searchParams.get('model'), authorization });
    let n = 0;
    const id = (prefix: string) => `${prefix}_${log.connections.length}_${++n}`;
    const send = (event: Record<string, unknown>) => socket.send(JSON.stringify({ event_id: id('event'), ...event }));
    let session: Record<string, unknown> = { type: 'realtime', model: url.searchParams.get('model') };
    let text = '';
    send({ type: 'session.created', session });

    socket.on('message', (data) => {
      let event: { type: string; [key: string]: unknown };
      try {
        event = JSON.parse(data.toString());
      } catch {
        return send({
          type: 'error',
          error: { type: 'invalid_request_error', code: 'invalid_json', message: 'The event is not JSON.' },
        });
      }
      log.events.push(event);
      if (event.type === 'session.update') {
        session = { ...session, ...(event.session as object) };
        send({ type: 'session.updated', session });
      } else if (event.type === 'conversation.item.create') {
        const item = event.item as { content?: { type: string; text?: string }[] } | undefined;
        text = (item?.content ?? []).map((part) => part.text ?? '').join('');
        send({ type: 'conversation.item.added', item: { id: id('item'), ...(event.item as object) } });
      } else if (event.type === 'response.create') {
        const attempt = (asked.get(text) ?? 0) + 1;
        asked.set(text, attempt);
        const answer = behaviour.answer?.(text, attempt) ?? 'verbatim';
        respond(socket, send, id, { text, attempt, answer, authorization }, log);
      } else {
        send({
          type: 'error',
          error: {
            type: 'invalid_request_error',
            code: 'unknown_event',
            message: `This fake server does not take ${event.type}.`,
            event_id: event.event_id ?? null,
          },
        });
      }
    });
  });

  return {
    log,
    /** Take a request's upgrade if it is for `/v1/realtime`; false leaves it to others. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (!(req.url ?? '').startsWith('/v1/realtime')) return false;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function respond(
  socket: WebSocket,
  send: (event: Record<string, unknown>) => void,
  id: (prefix: string) => string,
  ask: { text: string; attempt: number; answer: RealtimeAnswer; authorization: string | undefined },
  log: RealtimeLog,
): void {
  const { text, answer } = ask;
  if (answer === 'hang') {
    // The socket stays open and says nothing more: the client's idle timeout must give up.
    log.answers.push({ text, attempt: ask.attempt, answer, transcript: '' });
    return;
  }
  const responseId = id('resp');
  const itemId = id('item');
  if (answer === 'error' || answer === 'invalid' || answer === 'echo-key') {
    log.answers.push({ text, attempt: ask.attempt, answer, transcript: '' });
    const error =
      answer === 'error'
        ? {
            type: 'server_error',
            code: 'server_error',
            message: 'The server had an error while processing your request.',
          }
        : answer === 'invalid'
          ? {
              type: 'invalid_request_error',
              code: 'invalid_value',
              message:
                "Invalid value: 'nobody'. Supported voices are: alloy, ash, ballad, coral, echo, sage, shimmer, verse, marin, cedar.",
            }
          : {
              type: 'invalid_request_error',
              code: 'invalid_api_key',
              message: `Incorrect API key provided: ${ask.authorization ?? ''}.`,
            };
    send({ type: 'error', error: { ...error, param: null, event_id: null } });
    return;
  }
  const transcript = answer === 'reword' ? reword(text) : text;
  log.answers.push({ text, attempt: ask.attempt, answer, transcript });
  const pcm = tone(secondsToSay(transcript));
  const chunks = Math.ceil(pcm.length / 2 / CHUNK_SAMPLES);
  const words = transcript.split(/(?<=\s)/);
  const at = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  send({
    type: 'response.created',
    response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] },
  });
  for (let i = 0; i < chunks; i++) {
    send({
      type: 'response.output_audio.delta',
      ...at,
      delta: pcm.subarray(i * CHUNK_SAMPLES * 2, (i + 1) * CHUNK_SAMPLES * 2).toString('base64'),
    });
    // The transcript arrives in pieces alongside the audio.
    const piece = words.splice(0, Math.ceil(words.length / (chunks - i))).join('');
    if (piece) send({ type: 'response.output_audio_transcript.delta', ...at, delta: piece });
    if (answer === 'drop' && i === Math.floor(chunks / 2)) {
      socket.terminate();
      return;
    }
  }
  send({ type: 'response.output_audio.done', ...at });
  send({ type: 'response.output_audio_transcript.done', ...at, transcript });
  const audioTokens = Math.round((pcm.length / 2 / RATE) * (1250 / 60));
  send({
    type: 'response.done',
    response: {
      id: responseId,
      object: 'realtime.response',
      status: 'completed',
      output: [
        {
          id: itemId,
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_audio', transcript }],
        },
      ],
      usage: {
        total_tokens: Math.ceil(text.length / 4) + audioTokens,
        input_tokens: Math.ceil(text.length / 4),
        output_tokens: audioTokens,
        input_token_details: { text_tokens: Math.ceil(text.length / 4), audio_tokens: 0, cached_tokens: 0 },
        output_token_details: { text_tokens: 0, audio_tokens: audioTokens },
      },
    },
  });
}

/** What a model that answers instead of reading says: a gist of half the text. */
export function reword(text: string): string {
  if (/[\u3400-\u9fff]/.test(text))
    return `简单来说，${[...text].slice(0, Math.ceil(text.length / 2)).join('')}，大概就是这样。`;
  const words = text.split(/\s+/).filter(Boolean);
  return `Sure! In short: ${words.slice(0, Math.ceil(words.length / 2)).join(' ')}, and so on.`;
}

function secondsToSay(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return Math.min(60, Math.max(0.5, words / 2.5, cjk / 4));
}

/** A soft 220 Hz tone with short fades, PCM16 at 24 kHz. */
function tone(seconds: number): Buffer {
  const samples = Math.round(seconds * RATE);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 1200, (samples - i) / 1200);
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / RATE) * 3000 * fade), i * 2);
  }
  return pcm;
}

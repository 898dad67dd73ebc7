/**
 * Speech over the Realtime API, for models that speak only there (`gpt-realtime*`, the
 * replacement of the `audio.speech` models that shut down on 2027-01-06). One WebSocket per
 * request, through the SDK's Node client: the text goes in as a user message with
 * instructions to read it verbatim, PCM16 and the model's transcript of it stream back, and
 * the transcript is held to the text (see ../verbatim.ts) before the audio is used.
 */
import type { OpenAI } from 'openai';
import { OpenAIRealtimeError } from 'openai/realtime/index';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeClientEvent, RealtimeResponse } from 'openai/resources/realtime/realtime';
import { ProviderError } from '../errors.ts';
import type { SpeechProvider, SpeechRequest, SpeechResult, Usage } from '../types.ts';
import { SpeechMismatchError, transcriptDistance } from '../verbatim.ts';
import { createOpenAIClient, withoutSecret, type OpenAIConnection } from './client.ts';
import { decodeSpeechAudio } from './speech.ts';
import { watchIdle } from './stream.ts';
import { isRealtimeModel, REALTIME_MAX_INPUT_CHARS } from './requests.ts';

export interface OpenAIRealtimeSpeechOptions extends OpenAIConnection {
  /** A Realtime model, e.g. `gpt-realtime-2.1-mini`. */
  model: string;
  voice: string;
  /** How to read (tone, pace), after the verbatim rule. */
  instructions: string;
  /** Largest transcript distance (0–1) accepted; above it the text is asked again, then fails. */
  maxTranscriptDistance: number;
  /** Tries per text, the first included (default 2: one re-ask). */
  attempts?: number;
}

export { isRealtimeModel };

const MAX_INPUT_CHARS = REALTIME_MAX_INPUT_CHARS;
/** Realtime audio is PCM16 at 24 kHz only. */
const PCM_RATE = 24_000;

/** What the model is told, before the site's own reading instructions. */
export const VERBATIM_INSTRUCTIONS =
  'You are the narrator of a written article. Each user message is a passage to read aloud. Read it exactly as written, word for word, in its own language: do not answer it, comment on it, summarise, translate, add a greeting, or leave anything out.';

export function createOpenAIRealtimeSpeech(options: OpenAIRealtimeSpeechOptions): SpeechProvider {
  let client: OpenAI | undefined;
  const attempts = Math.max(1, options.attempts ?? 2);
  const instructions = [VERBATIM_INSTRUCTIONS, options.instructions.trim()].filter(Boolean).join('\n\n');
  const what = `OpenAI realtime speech (${options.model})`;

  return {
    id: 'openai',
    model: options.model,
    voice: options.voice,
    maxInputChars: MAX_INPUT_CHARS,
    async synthesize(request: SpeechRequest): Promise<SpeechResult> {
      if (request.text.length > MAX_INPUT_CHARS) {
        throw new Error(
          `Speech input is ${request.text.length} characters; the limit is ${MAX_INPUT_CHARS}. Split it first.`,
        );
      }
      client ??= createOpenAIClient(options);
      const voice = request.voice ?? options.voice;
      const usage: Usage = { inputTokens: 0, outputTokens: 0 };
      let closest: { distance: number; said: string } | undefined;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        let spoken: Spoken;
        try {
          spoken = await speakOnce(client, {
            model: options.model,
            voice,
            instructions,
            text: request.text,
            timeoutMs: options.timeoutMs ?? 600_000,
            what,
            ...(request.signal ? { signal: request.signal } : {}),
          });
        } catch (error) {
          throw withoutSecret(error, client.apiKey ?? '');
        }
        usage.inputTokens += spoken.usage.inputTokens;
        usage.outputTokens += spoken.usage.outputTokens;
        const distance = transcriptDistance(request.text, spoken.transcript);
        if (distance <= options.maxTranscriptDistance) {
          const { samples, sampleRate } = decodeSpeechAudio(spoken.pcm);
          if (samples.length === 0)
            throw new ProviderError(`${what} returned no audio for a ${request.text.length}-character input.`, {
              retryable: true,
            });
          return { samples, sampleRate, usage, model: options.model, voice, rereads: attempt - 1 };
        }
        if (!closest || distance < closest.distance) closest = { distance, said: spoken.transcript };
      }
      throw new SpeechMismatchError({
        model: options.model,
        distance: closest!.distance,
        tolerance: options.maxTranscriptDistance,
        attempts,
        said: closest!.said,
        asked: request.text,
      });
    },
  };
}

interface Spoken {
  /** Raw PCM16 little-endian, 24 kHz mono. */
  pcm: Uint8Array;
  /** The model's transcript of what it said. */
  transcript: string;
  usage: Usage;
}

interface SpeakOnce {
  model: string;
  voice: string;
  instructions: string;
  text: string;
  timeoutMs: number;
  what: string;
  signal?: AbortSignal;
}

/** One session: configure, send the text, ask for a response, collect it until `response.done`. */
function speakOnce(client: OpenAI, ask: SpeakOnce): Promise<Spoken> {
  const { what } = ask;
  return new Promise<Spoken>((resolve, reject) => {
    const watchdog = watchIdle(ask.timeoutMs, what, ask.signal);
    const audio: Buffer[] = [];
    let transcript = '';
    let settled = false;
    let rt: OpenAIRealtimeWS | undefined;
    const finish = (outcome: { error: unknown } | { spoken: Spoken }) => {
      if (settled) return;
      settled = true;
      watchdog.stop();
      watchdog.controller.signal.removeEventListener('abort', onAbort);
      try {
        rt?.socket.removeAllListeners('close');
        rt?.close();
      } catch {
        // Closing a socket that never opened: nothing to release.
      }
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.spoken);
    };
    const onAbort = () =>
      finish({
        error: watchdog.error ?? ask.signal?.reason ?? new ProviderError(`${what}: aborted`, { retryable: false }),
      });
    if (watchdog.controller.signal.aborted) return onAbort();
    watchdog.controller.signal.addEventListener('abort', onAbort, { once: true });

    try {
      rt = new OpenAIRealtimeWS({ model: ask.model, options: { handshakeTimeout: ask.timeoutMs } }, client);
    } catch (error) {
      return finish({
        error: new ProviderError(
          `${what}: could not open the Realtime connection (${error instanceof Error ? error.message : String(error)})`,
          { retryable: false, cause: error },
        ),
      });
    }
    const send = (event: RealtimeClientEvent) => rt!.send(event);
    rt.socket.on('open', () => {
      watchdog.touch();
      send({
        type: 'session.update',
        session: {
          type: 'realtime',
          model: ask.model,
          instructions: ask.instructions,
          output_modalities: ['audio'],
          audio: {
            input: { turn_detection: null },
            output: { format: { type: 'audio/pcm', rate: PCM_RATE }, voice: ask.voice },
          },
        },
      });
      send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: ask.text }] },
      });
      send({ type: 'response.create', response: { output_modalities: ['audio'] } });
    });
    rt.on('event', () => watchdog.touch());
    rt.on('response.output_audio.delta', (event) => audio.push(Buffer.from(event.delta, 'base64')));
    rt.on('response.output_audio_transcript.delta', (event) => {
      transcript += event.delta;
    });
    rt.on('response.output_audio_transcript.done', (event) => {
      // The whole transcript, when the server sends it, wins over the pieces.
      if (typeof event.transcript === 'string') transcript = event.transcript;
    });
    rt.on('response.done', (event) => {
      const failure = responseFailure(event.response, what);
      if (failure) return finish({ error: failure });
      const pcm = Buffer.concat(audio);
      finish({
        spoken: {
          pcm: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength),
          transcript,
          usage: usageOf(event.response, pcm.byteLength, ask.text),
        },
      });
    });
    rt.on('error', (error) => finish({ error: toRealtimeProviderError(error, what) }));
    rt.socket.on('close', (code, reason) => {
      const why = reason.toString() ? `${code} ${reason.toString()}` : String(code);
      finish({
        error: new ProviderError(
          `${what}: the connection closed before the answer was finished (close code ${why}, ${audio.length} audio chunks received)`,
          { retryable: true },
        ),
      });
    });
  });
}

/** A finished response that did not complete: failed is worth another try, the rest are not. */
function responseFailure(response: RealtimeResponse, what: string): ProviderError | undefined {
  if (response.status === undefined || response.status === 'completed') return undefined;
  const details = response.status_details;
  const reason = details?.error?.message ?? details?.reason ?? details?.type ?? 'no reason given';
  const hint = details?.reason === 'max_output_tokens' ? ' Shorten the paragraph.' : '';
  return new ProviderError(`${what}: the response ended ${response.status} (${reason}).${hint}`, {
    retryable: response.status === 'failed',
  });
}

/** Tokens the server counted; when it reports none, estimated like the `audio.speech` path. */
function usageOf(response: RealtimeResponse, pcmBytes: number, text: string): Usage {
  const usage = response.usage;
  if (usage?.output_tokens !== undefined || usage?.input_tokens !== undefined) {
    return { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0 };
  }
  // About 1,250 audio tokens a minute of speech.
  return { inputTokens: Math.ceil(text.length / 4), outputTokens: Math.round((pcmBytes / 2 / PCM_RATE) * (1250 / 60)) };
}

/**
 * An `error` event from the API, or a transport failure the SDK reports the same way.
 * Retryable: server errors, rate limits, refused or reset connections, 429/5xx handshakes.
 */
export function toRealtimeProviderError(error: OpenAIRealtimeError | Error, what: string): ProviderError {
  const api = error instanceof OpenAIRealtimeError ? error.error : undefined;
  if (api) {
    const retryable =
      api.type === 'server_error' || api.code === 'rate_limit_exceeded' || api.type === 'rate_limit_exceeded';
    return new ProviderError(
      `${what}: the server reported an error: ${api.message}${api.code ? ` (${api.code})` : ''}`,
      { retryable, cause: error },
    );
  }
  const cause = error.cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
  const status = Number(/Unexpected server response: (\d{3})/.exec(error.message)?.[1]) || undefined;
  if (/SSL_WRONG_VERSION|EPROTO/.test(code) || /wrong version number/i.test(error.message)) {
    return new ProviderError(
      `${what}: the server does not speak TLS (${code || error.message}). The Realtime API is reached over wss:, so OPENAI_BASE_URL must be an https server; servers that only serve audio.speech (Kokoro, LocalAI…) need a non-realtime speech.model.`,
      { retryable: false, cause: error },
    );
  }
  if (/CERT|SELF_SIGNED|TLS/.test(code)) {
    return new ProviderError(
      `${what}: the server's TLS certificate is not trusted (${code}). The Realtime API is reached over wss:, so OPENAI_BASE_URL must serve TLS with a certificate this machine trusts (NODE_EXTRA_CA_CERTS for a private one).`,
      { retryable: false, cause: error },
    );
  }
  const retryable = status === undefined ? true : status === 408 || status === 409 || status === 429 || status >= 500;
  const hint =
    status === 404
      ? ' Does this server have a Realtime endpoint? Servers that only serve audio.speech (Kokoro, LocalAI…) need a non-realtime speech.model.'
      : status === 401 || status === 403
        ? ' Check OPENAI_API_KEY.'
        : '';
  return new ProviderError(
    `${what}: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}.${hint}`,
    { retryable, ...(status === undefined ? {} : { status }), cause: error },
  );
}

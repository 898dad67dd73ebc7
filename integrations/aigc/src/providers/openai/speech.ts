import type { SpeechProvider, SpeechRequest, SpeechResult } from '../types.ts';
import { createOpenAIClient, toProviderError, withoutSecret, type OpenAIConnection } from './client.ts';
import { SPEECH_MAX_INPUT_CHARS } from './requests.ts';

export interface OpenAISpeechOptions extends OpenAIConnection {
  /** Speech model, e.g. `gpt-4o-mini-tts` (default in options.ts), `tts-1`, or a local server's id. */
  model: string;
  /** Voice, e.g. `marin`, `alloy`; local servers have their own names (Kokoro: `af_heart`). */
  voice: string;
  /** How to read (tone, pace). Not sent to `tts-1*`, which does not take it. */
  instructions: string;
}

const MAX_INPUT_CHARS = SPEECH_MAX_INPUT_CHARS;
/** Raw `pcm` from the API is 24 kHz, 16-bit little-endian, mono. */
const RAW_PCM_RATE = 24_000;
/**
 * gpt-4o-mini-tts bills audio output at about $0.015 a minute, i.e. ~1,250 audio tokens a
 * minute at $12 per million: the response carries no usage, so this estimates it.
 */
const AUDIO_TOKENS_PER_SECOND = 1250 / 60;

/**
 * Speech through `audio.speech.create`. Asks for WAV (self-describing, so any
 * OpenAI-compatible server's sample rate is read from it) and decodes it to PCM in
 * process: no ffmpeg. A body without a RIFF header is read as raw 24 kHz PCM.
 */
export function createOpenAISpeech(options: OpenAISpeechOptions): SpeechProvider {
  let client: ReturnType<typeof createOpenAIClient> | undefined;
  const sendsInstructions = options.instructions.trim() !== '' && !options.model.startsWith('tts-1');

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
      let bytes: Uint8Array;
      try {
        const response = await client.audio.speech.create(
          {
            model: options.model,
            voice,
            input: request.text,
            response_format: 'wav',
            ...(sendsInstructions ? { instructions: options.instructions } : {}),
          },
          request.signal ? { signal: request.signal } : {},
        );
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw withoutSecret(toProviderError(error, `OpenAI speech (${options.model})`), client.apiKey ?? '');
      }
      const { samples, sampleRate } = decodeSpeechAudio(bytes);
      if (samples.length === 0)
        throw new Error(
          `OpenAI speech (${options.model}) returned no audio for a ${request.text.length}-character input.`,
        );
      return {
        samples,
        sampleRate,
        usage: {
          inputTokens: Math.ceil(request.text.length / 4),
          outputTokens: Math.round((samples.length / sampleRate) * AUDIO_TOKENS_PER_SECOND),
        },
        model: options.model,
        voice,
      };
    },
  };
}

/** WAV (PCM 8/16/24/32-bit or float, any channels, mixed to mono) or raw 24 kHz PCM16 → mono float. */
export function decodeSpeechAudio(bytes: Uint8Array): { samples: Float32Array; sampleRate: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
    return { samples: readSamples(view, 0, bytes.length - (bytes.length % 2), 1, 16, 1), sampleRate: RAW_PCM_RATE };
  }
  let format = 1;
  let channels = 1;
  let sampleRate = RAW_PCM_RATE;
  let bits = 16;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE
    } else if (id === 'data') {
      // Streamed WAV often says 0xFFFFFFFF (length unknown when the header was sent): read to the end.
      const end = Math.min(bytes.length, body + size);
      const frame = channels * (bits / 8);
      const usable = end - body - ((end - body) % frame);
      return { samples: readSamples(view, body, usable, channels, bits, format), sampleRate };
    }
    at = body + size + (size % 2);
  }
  throw new Error('The speech server sent a WAV file without a data chunk.');
}

function readSamples(
  view: DataView,
  start: number,
  length: number,
  channels: number,
  bits: number,
  format: number,
): Float32Array {
  const bytesPer = bits / 8;
  const frames = Math.floor(length / (bytesPer * channels));
  const out = new Float32Array(frames);
  const read = (at: number): number => {
    if (format === 3) return bits === 64 ? view.getFloat64(at, true) : view.getFloat32(at, true);
    if (bits === 8) return (view.getUint8(at) - 128) / 128;
    if (bits === 16) return view.getInt16(at, true) / 32768;
    if (bits === 24) return (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    if (bits === 32) return view.getInt32(at, true) / 2147483648;
    throw new Error(`Unsupported WAV sample size: ${bits} bits.`);
  };
  if (format !== 1 && format !== 3) throw new Error(`Unsupported WAV format ${format}: expected PCM or float.`);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(start + (i * channels + c) * bytesPer);
    out[i] = sum / channels;
  }
  return out;
}

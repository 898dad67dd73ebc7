import type { createMp3Encoder } from 'wasm-media-encoders';
import type { Pcm } from './pcm.ts';
import { concatBytes } from '../../utils/bytes.ts';

/** Sample rates MP3 stores natively; others are resampled by LAME to 24 kHz. */
const MP3_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000] as const;
type Mp3Rate = (typeof MP3_RATES)[number];

/** Constant bit rates the encoder accepts for speech here (kbit/s). */
export type SpeechBitrate = 32 | 40 | 48 | 64 | 80 | 96;

/** LAME in WebAssembly, imported and compiled by the first narration encoded, not by planning. */
let encoder: ReturnType<typeof createMp3Encoder> | undefined;

/**
 * MP3, mono, constant bit rate, encoded in process by LAME compiled to WebAssembly (no
 * ffmpeg). CBR because browsers and podcast apps estimate a VBR file's duration wrongly
 * without a Xing header, which a streaming encoder cannot write. 48 kbit/s is 360 kB a minute.
 */
export async function encodeMp3(audio: Pcm, bitrate: SpeechBitrate = 48): Promise<Uint8Array> {
  encoder ??= import('wasm-media-encoders').then((module) => module.createMp3Encoder());
  const lame = await encoder;
  const native = (MP3_RATES as readonly number[]).includes(audio.sampleRate);
  lame.configure({
    sampleRate: audio.sampleRate,
    channels: 1,
    bitrate,
    ...(native ? {} : { outputSampleRate: 24000 as Mp3Rate }),
  });
  const parts: Uint8Array[] = [];
  // The encoder owns its output buffer: copy each chunk before the next call.
  const chunk = 1 << 16;
  for (let i = 0; i < audio.samples.length; i += chunk)
    parts.push(lame.encode([audio.samples.subarray(i, i + chunk)]).slice());
  parts.push(lame.finalize().slice());
  return concatBytes(parts);
}

import type { MPEGDecoder } from 'mpg123-decoder';
import { measureLoudness, normaliseLoudness, type Loudness } from './loudness.ts';
import { encodeMp3, type SpeechBitrate } from './mp3.ts';
import type { Pcm } from './pcm.ts';

export interface DeliveryLoudness {
  /** Integrated loudness the MP3 must measure, in LUFS. */
  integrated: number;
  /** How far from it the MP3 may measure, in LU. */
  tolerance: number;
  /** Highest true peak the MP3 may measure, in dBTP. */
  truePeak: number;
}

export interface LevelledMp3 {
  mp3: Uint8Array;
  /** The narration as spoken, before any gain. */
  spoken: Loudness;
  /** The encoded file, decoded and measured. */
  delivered: Loudness;
}

/** Rounds of encode → measure → correct; the first usually lands, the second always has so far. */
const ROUNDS = 3;
/**
 * What LAME at 48 kbit/s typically does to speech, so the first round usually lands: its
 * low-pass takes ~0.45 LU, its overshoot adds up to ~0.8 dB of true peak.
 */
const CODEC_LOSS_LU = 0.45;
const CODEC_OVERSHOOT_DB = 0.9;

/**
 * Normalise, encode, and measure what was encoded: the MP3 encoder's low-pass takes about
 * half a LU and its overshoot adds about a dB of true peak, so the target is corrected by
 * what the decoded file measures and the audio encoded again until the file itself is at
 * the target (ITU-R BS.1770-4, as ffmpeg's ebur128 measures it).
 */
export async function encodeLevelled(
  audio: Pcm,
  target: DeliveryLoudness,
  bitrate: SpeechBitrate,
): Promise<LevelledMp3> {
  let aim = { integrated: target.integrated + CODEC_LOSS_LU, truePeak: target.truePeak - CODEC_OVERSHOOT_DB };
  let best: (LevelledMp3 & { miss: number }) | undefined;
  let previous: ReturnType<typeof normaliseLoudness> | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const levelled = previous ? relevel(audio, previous, aim) : normaliseLoudness(audio, aim);
    previous = levelled;
    if (!Number.isFinite(levelled.before.integrated)) {
      // Silence: nothing to level.
      const mp3 = await encodeMp3(audio, bitrate);
      return { mp3, spoken: levelled.before, delivered: levelled.before };
    }
    const mp3 = await encodeMp3(levelled.audio, bitrate);
    const delivered = measureLoudness(await decodeMp3(mp3));
    const miss =
      Math.max(0, Math.abs(delivered.integrated - target.integrated) - target.tolerance) +
      Math.max(0, delivered.truePeak - target.truePeak) * 2;
    if (!best || miss < best.miss) best = { mp3, spoken: levelled.before, delivered, miss };
    if (miss === 0) break;
    // The codec's shifts are near-linear in level: correct the aim by what it moved.
    aim = {
      integrated: aim.integrated + (target.integrated - delivered.integrated),
      truePeak:
        aim.truePeak +
        Math.min(0, target.truePeak - 0.1 - delivered.truePeak) +
        (delivered.truePeak < target.truePeak - 0.5 ? 0.3 : 0),
    };
  }
  const { mp3, spoken, delivered } = best!;
  return { mp3, spoken, delivered };
}

/**
 * A correction round: a plain gain on the last levelled audio when its peaks stay under the
 * new ceiling (the usual case, and much cheaper), else level the original again.
 */
function relevel(
  audio: Pcm,
  previous: ReturnType<typeof normaliseLoudness>,
  aim: { integrated: number; truePeak: number },
): ReturnType<typeof normaliseLoudness> {
  const gain = aim.integrated - previous.after.integrated;
  if (previous.after.truePeak + gain > aim.truePeak) return normaliseLoudness(audio, aim);
  const factor = 10 ** (gain / 20);
  const samples = previous.audio.samples.map((s) => s * factor);
  return {
    audio: { samples, sampleRate: previous.audio.sampleRate },
    before: previous.before,
    after: { integrated: previous.after.integrated + gain, truePeak: previous.after.truePeak + gain },
  };
}

/** mpg123 in WebAssembly, imported by the first MP3 decoded, not by planning. */
let decoderLoading: Promise<typeof MPEGDecoder> | undefined;

/** Mono PCM of an MP3 (first channel), decoded in process by mpg123 compiled to WebAssembly. */
export async function decodeMp3(mp3: Uint8Array): Promise<Pcm> {
  decoderLoading ??= import('mpg123-decoder').then((module) => module.MPEGDecoder);
  const decoder = new (await decoderLoading)();
  await decoder.ready;
  try {
    const out = decoder.decode(mp3);
    if (out.errors.length > 0)
      throw new Error(`The MP3 encoder wrote frames the decoder rejects: ${out.errors[0]!.message}`);
    return { samples: out.channelData[0] ?? new Float32Array(0), sampleRate: out.sampleRate };
  } finally {
    decoder.free();
  }
}

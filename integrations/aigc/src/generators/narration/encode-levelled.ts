import { MPEGDecoder } from 'mpg123-decoder';
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
/** Headroom left for the encoder's overshoot on the first round, in dB (LAME at 48 kbit/s adds up to ~1 dB of true peak). */
const FIRST_HEADROOM = 1.2;

/**
 * Normalise, encode, and measure what was encoded: the MP3 encoder's low-pass takes about
 * half a LU and its overshoot adds about a dB of true peak, so the target is corrected by
 * what the decoded file measures and the audio encoded again until the file itself is at
 * the target (ITU-R BS.1770-4, as ffmpeg's ebur128 measures it).
 */
export async function encodeLevelled(audio: Pcm, target: DeliveryLoudness, bitrate: SpeechBitrate): Promise<LevelledMp3> {
  let aim = { integrated: target.integrated, truePeak: target.truePeak - FIRST_HEADROOM };
  let best: (LevelledMp3 & { miss: number }) | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const levelled = normaliseLoudness(audio, aim);
    if (!Number.isFinite(levelled.before.integrated)) {
      // Silence: nothing to level.
      const mp3 = await encodeMp3(audio, bitrate);
      return { mp3, spoken: levelled.before, delivered: levelled.before };
    }
    const mp3 = await encodeMp3(levelled.audio, bitrate);
    const delivered = measureLoudness(await decodeMp3(mp3));
    const miss = Math.max(0, Math.abs(delivered.integrated - target.integrated) - target.tolerance) + Math.max(0, delivered.truePeak - target.truePeak) * 2;
    if (!best || miss < best.miss) best = { mp3, spoken: levelled.before, delivered, miss };
    if (miss === 0) break;
    // The codec's shifts are near-linear in level: correct the aim by what it moved.
    aim = {
      integrated: aim.integrated + (target.integrated - delivered.integrated),
      truePeak: aim.truePeak + Math.min(0, target.truePeak - 0.1 - delivered.truePeak) + (delivered.truePeak < target.truePeak - 0.5 ? 0.3 : 0),
    };
  }
  const { mp3, spoken, delivered } = best!;
  return { mp3, spoken, delivered };
}

/** Mono PCM of an MP3 (first channel), decoded in process by mpg123 compiled to WebAssembly. */
export async function decodeMp3(mp3: Uint8Array): Promise<Pcm> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const out = decoder.decode(mp3);
    if (out.errors.length > 0) throw new Error(`The MP3 encoder wrote frames the decoder rejects: ${out.errors[0]!.message}`);
    return { samples: out.channelData[0] ?? new Float32Array(0), sampleRate: out.sampleRate };
  } finally {
    decoder.free();
  }
}

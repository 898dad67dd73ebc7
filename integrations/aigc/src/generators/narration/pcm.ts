/** Mono PCM audio: samples in [-1, 1] at one sample rate. */
export interface Pcm {
  samples: Float32Array;
  sampleRate: number;
}

export function durationOf(audio: Pcm): number {
  return audio.samples.length / audio.sampleRate;
}

/**
 * Linear-interpolation resampling. Only used when one narration mixes sample rates (a
 * provider changed between cached segments); speech survives it well enough.
 */
export function resample(audio: Pcm, sampleRate: number): Pcm {
  if (audio.sampleRate === sampleRate) return audio;
  const ratio = audio.sampleRate / sampleRate;
  const length = Math.round(audio.samples.length / ratio);
  const out = new Float32Array(length);
  const input = audio.samples;
  for (let i = 0; i < length; i++) {
    const x = i * ratio;
    const left = Math.floor(x);
    const right = Math.min(left + 1, input.length - 1);
    const t = x - left;
    out[i] = (input[left] ?? 0) * (1 - t) + (input[right] ?? 0) * t;
  }
  return { samples: out, sampleRate };
}

/** Concatenate clips in order, resampling any that differ to the first clip's rate. */
export function concatPcm(clips: readonly Pcm[], fallbackRate = 24_000): Pcm {
  const sampleRate = clips[0]?.sampleRate ?? fallbackRate;
  const same = clips.map((clip) => resample(clip, sampleRate));
  const out = new Float32Array(same.reduce((sum, c) => sum + c.samples.length, 0));
  let offset = 0;
  for (const clip of same) {
    out.set(clip.samples, offset);
    offset += clip.samples.length;
  }
  return { samples: out, sampleRate };
}

/** Serialise for the segment cache: sample rate (uint32 LE), then float32 LE samples. */
export function pcmToBytes(audio: Pcm): Uint8Array {
  const bytes = new Uint8Array(4 + audio.samples.length * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, audio.sampleRate, true);
  for (let i = 0; i < audio.samples.length; i++) view.setFloat32(4 + i * 4, audio.samples[i]!, true);
  return bytes;
}

export function pcmFromBytes(bytes: Uint8Array): Pcm {
  if (bytes.length < 4 || (bytes.length - 4) % 4 !== 0) throw new Error('Corrupt cached audio segment.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Float32Array((bytes.length - 4) / 4);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getFloat32(4 + i * 4, true);
  return { samples, sampleRate: view.getUint32(0, true) };
}

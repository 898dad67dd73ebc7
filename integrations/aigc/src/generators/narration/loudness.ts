/**
 * Loudness as podcast platforms measure it (ITU-R BS.1770-4, EBU R128): K-weighted, gated
 * integrated loudness in LUFS, and true peak in dBTP from 4× oversampling. Used to bring
 * every narration to one level before encoding, whatever voice or language spoke it.
 */
import type { Pcm } from './pcm.ts';

export interface LoudnessTarget {
  /** Integrated loudness to reach, in LUFS (podcasts: −16). */
  integrated: number;
  /** Highest true peak allowed before encoding, in dBTP (below the −1 dBTP delivered, for the encoder's overshoot). */
  truePeak: number;
}

export interface Loudness {
  /** Integrated loudness in LUFS (−Infinity for silence). */
  integrated: number;
  /** True peak in dBTP. */
  truePeak: number;
}

/** One biquad section, a0 normalised to 1. */
interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/**
 * The two K-weighting stages (high shelf, then high pass) for any sample rate, from the
 * analogue prototype BS.1770 specifies at 48 kHz (as libebur128 derives them).
 */
function kWeighting(sampleRate: number): Biquad[] {
  let f0 = 1681.974450955533;
  const gain = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gain / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

function filter(input: Float32Array | Float64Array, { b, a }: Biquad): Float64Array {
  const out = new Float64Array(input.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i]!;
    const y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    out[i] = y;
  }
  return out;
}

/** Gated integrated loudness (mono): 400 ms blocks every 100 ms, −70 LUFS absolute and −10 LU relative gates. */
export function integratedLoudness(audio: Pcm): number {
  const weighted = kWeighting(audio.sampleRate).reduce<Float32Array | Float64Array>(
    (signal, stage) => filter(signal, stage),
    audio.samples,
  );
  const block = Math.round(0.4 * audio.sampleRate);
  const step = Math.round(0.1 * audio.sampleRate);
  const powers: number[] = [];
  // Running sum of squares over 100 ms steps: each block is four consecutive steps.
  const steps: number[] = [];
  for (let start = 0; start + step <= weighted.length; start += step) {
    let sum = 0;
    for (let i = start; i < start + step; i++) sum += weighted[i]! * weighted[i]!;
    steps.push(sum);
  }
  const perBlock = block / step;
  for (let i = 0; i + perBlock <= steps.length; i++) {
    let sum = 0;
    for (let j = i; j < i + perBlock; j++) sum += steps[j]!;
    powers.push(sum / (perBlock * step));
  }
  const lufs = (power: number) => -0.691 + 10 * Math.log10(power);
  const absolute = powers.filter((p) => lufs(p) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = lufs(mean(absolute)) - 10;
  const gated = absolute.filter((p) => lufs(p) > relativeGate);
  return lufs(mean(gated));
}

/** Interpolating filter for 4× oversampling: windowed sinc, 12 taps a phase (48 in all). */
const OVERSAMPLE = 4;
const TAPS_PER_PHASE = 12;
const PHASES: Float64Array[] = (() => {
  const length = OVERSAMPLE * TAPS_PER_PHASE;
  const centre = (length - 1) / 2;
  const taps = Array.from({ length }, (_, n) => {
    const t = (n - centre) / OVERSAMPLE;
    const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const window = 0.5 - 0.5 * Math.cos((2 * Math.PI * (n + 0.5)) / length); // Hann
    return sinc * window;
  });
  return Array.from({ length: OVERSAMPLE }, (_, phase) => {
    const coefficients = new Float64Array(TAPS_PER_PHASE);
    for (let k = 0; k < TAPS_PER_PHASE; k++) coefficients[k] = taps[k * OVERSAMPLE + phase]!;
    // Each phase passes DC at unity, so a steady level neither grows nor shrinks.
    const sum = coefficients.reduce((s, c) => s + c, 0);
    return coefficients.map((c) => c / sum);
  });
})();

/** The most any phase can amplify its inputs (sum of absolute taps): bounds an interpolated value. */
const GAIN_BOUND = Math.max(...PHASES.map((phase) => phase.reduce((s, c) => s + Math.abs(c), 0)));

/**
 * The true-peak magnitude around each sample: the largest of the sample and the four
 * oversampled values that follow it. Exact wherever it could exceed `floor`; where the
 * neighbourhood is too quiet to reach `floor` (a bound, not a guess), the sample's own
 * magnitude stands in, which keeps a long narration's measurement fast.
 */
export function truePeaks(samples: Float32Array, floor = 0): Float32Array {
  const peaks = new Float32Array(samples.length);
  const half = TAPS_PER_PHASE / 2;
  // Zero-padded copy, so the hot loop needs no bounds checks.
  const padded = new Float64Array(samples.length + TAPS_PER_PHASE);
  padded.set(samples, half);
  const flat = new Float64Array(OVERSAMPLE * TAPS_PER_PHASE);
  PHASES.forEach((phase, p) => {
    flat.set(phase, p * TAPS_PER_PHASE);
  });
  // Largest magnitude per block of TAPS_PER_PHASE samples: a tap window spans two blocks at most.
  const blocks = new Float64Array(Math.ceil(samples.length / TAPS_PER_PHASE) + 1);
  for (let i = 0; i < samples.length; i++) {
    const b = Math.floor(i / TAPS_PER_PHASE);
    const magnitude = Math.abs(samples[i]!);
    if (magnitude > blocks[b]!) blocks[b] = magnitude;
  }
  const reach = floor / GAIN_BOUND;
  for (let i = 0; i < samples.length; i++) {
    let peak = Math.abs(samples[i]!);
    const first = Math.max(0, Math.floor((i - half + 1) / TAPS_PER_PHASE));
    const last = Math.floor((i + half) / TAPS_PER_PHASE);
    if (Math.max(blocks[first]!, blocks[Math.min(last, blocks.length - 1)]!) > reach) {
      // Output i + p/4 uses input samples i + half - k, k = 0…taps-1: padded[i + 2·half - k].
      const base = i + 2 * half;
      for (let p = 0; p < OVERSAMPLE; p++) {
        const offset = p * TAPS_PER_PHASE;
        let sum = 0;
        for (let k = 0; k < TAPS_PER_PHASE; k++) sum += flat[offset + k]! * padded[base - k]!;
        const magnitude = sum < 0 ? -sum : sum;
        if (magnitude > peak) peak = magnitude;
      }
    }
    peaks[i] = peak;
  }
  return peaks;
}

/** The true peak of the whole signal, in linear units: no interpolated value is left unchecked that could beat the largest sample. */
function truePeak(samples: Float32Array): number {
  let sampleMax = 0;
  for (const v of samples) sampleMax = Math.max(sampleMax, Math.abs(v));
  return maxOf(truePeaks(samples, sampleMax));
}

export function measureLoudness(audio: Pcm): Loudness {
  return { integrated: integratedLoudness(audio), truePeak: 20 * Math.log10(truePeak(audio.samples)) };
}

/**
 * The audio at the target loudness with its true peak under the ceiling: a gain, then a
 * look-ahead peak limiter (5 ms attack ramp, 30 ms release) at the ceiling; the gain grows by
 * what the limiter took until the loudness is on target (two or three rounds for speech).
 * Silence stays silent.
 */
export function normaliseLoudness(
  audio: Pcm,
  target: LoudnessTarget,
): { audio: Pcm; before: Loudness; after: Loudness } {
  const before = measureLoudness(audio);
  if (!Number.isFinite(before.integrated)) return { audio, before, after: before };
  const ceiling = 10 ** (target.truePeak / 20);
  let gainDb = target.integrated - before.integrated;
  let samples = audio.samples;
  let integrated = before.integrated;
  // Loudness per dB of gain: 1 until the limiter bites, then less; learnt from each round (secant).
  let slope = 1;
  let last: { gainDb: number; integrated: number } | undefined;
  for (let round = 0; round < 6; round++) {
    const scaled = scale(audio.samples, 10 ** (gainDb / 20));
    const peaks = truePeaks(scaled, LIMIT_KNEE * ceiling);
    samples = maxOf(peaks) > LIMIT_KNEE * ceiling ? limit(scaled, peaks, ceiling, audio.sampleRate) : scaled;
    integrated = integratedLoudness({ samples, sampleRate: audio.sampleRate });
    if (Math.abs(integrated - target.integrated) < 0.05) break;
    if (last && gainDb !== last.gainDb)
      slope = Math.min(1, Math.max(0.1, (integrated - last.integrated) / (gainDb - last.gainDb)));
    last = { gainDb, integrated };
    gainDb += Math.min(12, (target.integrated - integrated) / slope);
  }
  let after: Loudness = { integrated, truePeak: 20 * Math.log10(truePeak(samples)) };
  if (after.truePeak > target.truePeak) {
    // The limiter's last slop over the ceiling goes by a plain gain: hundredths of a dB.
    const gain = target.truePeak - after.truePeak;
    samples = scale(samples, 10 ** (gain / 20));
    after = { integrated: after.integrated + gain, truePeak: target.truePeak };
  }
  return { audio: { samples, sampleRate: audio.sampleRate }, before, after };
}

function maxOf(values: Float32Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The limiter aims slightly under the ceiling: gain changes themselves widen peaks a little between samples. */
const LIMIT_KNEE = 0.97;
/** Short: speech peaks are brief, and a long release would dip the syllables after them. */
const RELEASE_SECONDS = 0.03;

function limit(samples: Float32Array, peaks: Float32Array, ceiling: number, sampleRate: number): Float32Array {
  const attack = Math.max(1, Math.round(0.005 * sampleRate));
  const release = 1 - Math.exp(-1 / (RELEASE_SECONDS * sampleRate));
  const gains = new Float32Array(samples.length).fill(1);
  const threshold = ceiling * LIMIT_KNEE;
  for (let i = 0; i < samples.length; i++) {
    if (peaks[i]! <= threshold) continue;
    const need = threshold / peaks[i]!;
    // Ramp down over the attack before the peak, so the gain never steps.
    for (let k = 0; k <= attack && i - k >= 0; k++) {
      const g = 1 - (1 - need) * ((attack - k) / attack);
      if (g < gains[i - k]!) gains[i - k] = g;
    }
  }
  const out = new Float32Array(samples.length);
  let gain = 1;
  for (let i = 0; i < samples.length; i++) {
    gain = Math.min(gains[i]!, gain + (1 - gain) * release);
    out[i] = samples[i]! * gain;
  }
  return out;
}

function scale(samples: Float32Array, gain: number): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return out;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

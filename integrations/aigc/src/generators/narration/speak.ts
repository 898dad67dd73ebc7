import type { SpeechProvider, Usage } from '../../providers/types.ts';
import { canonicalJson, sha256 } from '../../utils/hash.ts';
import { concatPcm, type Pcm } from './pcm.ts';
import type { SegmentCache } from './segment-cache.ts';
import { splitForSpeech } from './split.ts';

export interface SpokenSegment {
  audio: Pcm;
  /** Served from the cache: no provider call. */
  cached: boolean;
  usage: Usage;
  voice: string;
  /** Readings the provider asked again (its voice reworded the text). */
  rereads: number;
}

export interface SpeakSettings {
  lang: string;
  /** The voice asked for this language (`speech.voices`); else the provider's own. */
  voice?: string;
  /** Anything else that changes the sound without changing provider, model or voice (instructions). */
  style: string;
  signal?: AbortSignal;
}

/** The cache key of one segment: its spoken text, and who speaks it how. */
export function segmentKey(
  text: string,
  provider: Pick<SpeechProvider, 'id' | 'model' | 'voice'>,
  settings: Pick<SpeakSettings, 'lang' | 'style' | 'voice'>,
): string {
  return sha256(
    canonicalJson({
      text,
      provider: provider.id,
      model: provider.model,
      voice: settings.voice ?? provider.voice,
      lang: settings.lang,
      style: settings.style,
    }),
  );
}

/**
 * One segment's audio: from the cache, or from the provider, split on sentence boundaries
 * under its input limit and reassembled in order.
 */
export async function speakSegment(
  text: string,
  provider: SpeechProvider,
  cache: SegmentCache,
  settings: SpeakSettings,
): Promise<SpokenSegment> {
  const key = segmentKey(text, provider, settings);
  const hit = await cache.get(key);
  if (hit)
    return { audio: hit.audio, cached: true, usage: { inputTokens: 0, outputTokens: 0 }, voice: hit.voice, rereads: 0 };
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const clips: Pcm[] = [];
  let voice = settings.voice ?? provider.voice;
  let rereads = 0;
  // In order, one at a time: the engine's rate limiter already paces the provider.
  for (const piece of splitForSpeech(text, provider.maxInputChars, settings.lang)) {
    const result = await provider.synthesize({
      text: piece,
      lang: settings.lang,
      ...(settings.voice ? { voice: settings.voice } : {}),
      ...(settings.signal ? { signal: settings.signal } : {}),
    });
    clips.push({ samples: result.samples, sampleRate: result.sampleRate });
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    voice = result.voice;
    rereads += result.rereads ?? 0;
  }
  const audio = concatPcm(clips);
  await cache.set(key, { audio, voice });
  return { audio, cached: false, usage, voice, rereads };
}

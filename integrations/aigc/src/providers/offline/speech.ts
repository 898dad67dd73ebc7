import type { SpeechProvider, SpeechRequest, SpeechResult } from '../types.ts';

/**
 * Offline speech: eSpeak NG compiled to WebAssembly (@echogarden/espeak-ng-emscripten,
 * GPL-3.0), run in process. No network, no key; a robotic but intelligible voice, chosen by
 * the page's language (English, Mandarin and the ~100 other languages eSpeak NG ships).
 */

/** One voice as eSpeak NG lists it. */
export interface EspeakVoice {
  /** What `set_voice` takes, e.g. `gmw/en-US`, `sit/cmn`. */
  identifier: string;
  name: string;
  /** Language tags the voice speaks, most specific first. */
  languages: string[];
}

export interface VoiceChoice {
  identifier: string;
  /** True when no voice speaks the language and English stands in. */
  fallback: boolean;
}

export interface OfflineSpeechOptions {
  /** Where to say that a language fell back to English (default: a process warning, once per language). */
  onWarning?: (message: string) => void;
}

/** Languages whose usual tag eSpeak NG spells differently, or where its default is not the common one. */
const PREFERRED: Record<string, string> = {
  en: 'gmw/en-US',
  zh: 'sit/cmn',
  'zh-cn': 'sit/cmn',
  'zh-sg': 'sit/cmn',
  'zh-tw': 'sit/cmn',
  'zh-hans': 'sit/cmn',
  'zh-hant': 'sit/cmn',
  cmn: 'sit/cmn',
  'zh-hk': 'sit/yue',
  'zh-mo': 'sit/yue',
  yue: 'sit/yue',
};

const FALLBACK_VOICE = 'gmw/en-US';

/**
 * The voice for a BCP 47 tag: a preferred voice for the tag, an exact language match, the
 * preferred voice of its language, any voice of its primary subtag, then English (reported
 * as a fallback).
 */
export function chooseEspeakVoice(lang: string, voices: readonly EspeakVoice[]): VoiceChoice {
  const tag = lang.trim().toLowerCase().replaceAll('_', '-');
  const primary = tag.split('-')[0] ?? tag;
  const has = (identifier: string) => voices.some((v) => v.identifier === identifier);
  const preferred = PREFERRED[tag];
  if (preferred && has(preferred)) return { identifier: preferred, fallback: false };
  const exact = voices.find((v) => v.languages.includes(tag));
  if (exact) return { identifier: exact.identifier, fallback: false };
  // Any other Chinese tag (zh-Hans-CN, zh-Latn…) is Mandarin unless it says Cantonese.
  const family = tag.startsWith('zh-') && !tag.includes('yue') ? PREFERRED.zh : PREFERRED[primary];
  if (family && has(family)) return { identifier: family, fallback: false };
  const byPrimary = voices.find((v) => v.languages.some((l) => l === primary || l.startsWith(`${primary}-`)));
  if (byPrimary) return { identifier: byPrimary.identifier, fallback: false };
  return { identifier: FALLBACK_VOICE, fallback: true };
}

/** An eSpeak NG voice by identifier (`gmw/en-GB-x-rp`) or name (`English (Great Britain)`), case-insensitively. */
export function findEspeakVoice(wanted: string, voices: readonly EspeakVoice[]): string | undefined {
  const key = wanted.trim().toLowerCase();
  return voices.find((v) => v.identifier.toLowerCase() === key || v.name.toLowerCase() === key)?.identifier;
}

/** The part of the Emscripten module this file uses (the package ships no types). */
interface EspeakWorker {
  set_voice(identifier: string): number;
  get_samplerate(): number;
  list_voices(): { name: string; identifier: string; languages: { priority: number; name: string }[] }[];
  synthesize(text: string, callback: (samples: Int16Array, events: unknown[]) => boolean): void;
  /** What `synthesize` would say, as IPA (eSpeak NG's `--ipa` output; no audio is kept). */
  synthesize_ipa(text: string): { code: number; ipa: string };
}

interface Engine {
  worker: EspeakWorker;
  voices: EspeakVoice[];
  sampleRate: number;
}

let engine: Promise<Engine> | undefined;

/** Compile the WebAssembly and load the voice data once per process (~0.2–0.4 s), then reuse. */
function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    // A variable specifier: the package has no type declarations for TypeScript to resolve.
    const specifier = '@echogarden/espeak-ng-emscripten';
    const imported = (await import(/* @vite-ignore */ specifier)) as {
      default: () => Promise<{ eSpeakNGWorker: new () => EspeakWorker }>;
    };
    const module = await imported.default();
    const worker = new module.eSpeakNGWorker();
    const voices = worker.list_voices().map((v) => ({
      identifier: v.identifier,
      name: v.name,
      languages: v.languages.map((l) => l.name.toLowerCase()),
    }));
    return { worker, voices, sampleRate: worker.get_samplerate() };
  })();
  engine.catch(() => {
    engine = undefined;
  });
  return engine;
}

/**
 * The phonemes (IPA) eSpeak NG says for `text` in the voice it would pick for `lang`: what
 * the pronunciation tests compare with the expected readings.
 */
export async function espeakPhonemes(text: string, lang: string): Promise<string> {
  const { worker, voices } = await loadEngine();
  const { identifier } = chooseEspeakVoice(lang, voices);
  if (worker.set_voice(identifier) !== 0) throw new Error(`eSpeak NG could not load voice ${identifier}.`);
  const result = worker.synthesize_ipa(text);
  if (result.code !== 0) throw new Error(`eSpeak NG could not phonemise "${text}" (code ${result.code}).`);
  return result.ipa.trim();
}

export function createOfflineSpeech(options: OfflineSpeechOptions = {}): SpeechProvider {
  const warned = new Set<string>();
  const warn =
    options.onWarning ??
    ((message: string) => {
      process.emitWarning(message, { code: 'AIGC_SPEECH_VOICE' });
    });

  return {
    id: 'offline',
    model: 'espeak-ng',
    voice: 'auto',
    maxInputChars: 4096,
    async synthesize(request: SpeechRequest): Promise<SpeechResult> {
      request.signal?.throwIfAborted();
      const { worker, voices, sampleRate } = await loadEngine();
      const asked = request.voice === undefined ? undefined : findEspeakVoice(request.voice, voices);
      if (request.voice !== undefined && !asked && !warned.has(`voice:${request.voice}`)) {
        warned.add(`voice:${request.voice}`);
        warn(
          `eSpeak NG has no voice "${request.voice}" (speech.voices); using its voice for "${request.lang}". Offline voices are eSpeak NG ids such as gmw/en-GB-x-rp or sit/cmn.`,
        );
      }
      const choice = asked ? { identifier: asked, fallback: false } : chooseEspeakVoice(request.lang, voices);
      if (choice.fallback && !warned.has(request.lang)) {
        warned.add(request.lang);
        warn(`eSpeak NG has no voice for language "${request.lang}"; narrating it with the English voice.`);
      }
      // set_voice and synthesize run synchronously, so calls never interleave.
      if (worker.set_voice(choice.identifier) !== 0)
        throw new Error(`eSpeak NG could not load voice ${choice.identifier}.`);
      const chunks: Int16Array[] = [];
      worker.synthesize(request.text, (samples) => {
        chunks.push(samples);
        return false; // true would stop synthesis
      });
      return {
        samples: int16ToFloat(chunks),
        sampleRate,
        usage: { inputTokens: 0, outputTokens: 0 },
        model: 'espeak-ng',
        voice: choice.identifier,
      };
    },
  };
}

function int16ToFloat(chunks: Int16Array[]): Float32Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) out[offset + i] = chunk[i]! / 32768;
    offset += chunk.length;
  }
  return out;
}

import type { SpeechProvider } from '../types.ts';
// PLACEHOLDER (helper: narration) — replaced by eSpeak NG.
export function createOfflineSpeech(): SpeechProvider {
  return { id: 'offline', model: 'espeak-ng', voice: 'auto', maxInputChars: 4096, synthesize: async () => { throw new Error('offline speech not built yet'); } };
}

/**
 * The voice a page's language asks for, from `speech.voices`: the full tag (`zh-TW`), then
 * its primary subtag (`zh`), compared case-insensitively; undefined when neither is set
 * (the provider's default voice, or the offline engine's choice by language, speaks).
 */
export function voiceForLanguage(voices: Readonly<Record<string, string>>, lang: string): string | undefined {
  const byTag = new Map(Object.entries(voices).map(([tag, voice]) => [tag.toLowerCase().replaceAll('_', '-'), voice]));
  const tag = lang.toLowerCase().replaceAll('_', '-');
  return byTag.get(tag) ?? byTag.get(tag.split('-')[0]!);
}

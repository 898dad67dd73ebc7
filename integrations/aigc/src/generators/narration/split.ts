/**
 * Split text for a provider with a per-request limit: whole sentences packed greedily up to
 * `maxChars`; a sentence longer than the limit is cut at a clause mark or a space, and only
 * as a last resort mid-word. Joining the pieces gives back the text (modulo spaces at cuts).
 */
export function splitForSpeech(text: string, maxChars: number, lang: string): string[] {
  if (maxChars < 1) throw new Error(`maxChars must be positive, got ${maxChars}.`);
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed ? [trimmed] : [];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences(trimmed, lang)) {
    for (const part of sentence.length > maxChars ? cutLong(sentence, maxChars) : [sentence]) {
      if (current && (current + part).trimEnd().length > maxChars) {
        pieces.push(current.trim());
        current = '';
      }
      current += part;
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** The sentences of `text` as `Intl.Segmenter` finds them in `lang` (English rules when unknown), spacing kept. */
export function sentences(text: string, lang: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Cut one over-long sentence at the last clause mark or space before the limit. */
function cutLong(sentence: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    let at = Math.max(...[...'，、；：,;:'].map((mark) => window.lastIndexOf(mark)));
    if (at < maxChars / 2) at = window.lastIndexOf(' ');
    const cut = at > 0 ? at + 1 : maxChars;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

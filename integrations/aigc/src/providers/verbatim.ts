/**
 * Did a voice say what it was asked to say? A Realtime model answers rather than reads, so
 * it may reword; its transcript of its own audio is compared with the text it was given.
 */
import { ProviderError } from './errors.ts';

const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+/gu;

/**
 * The words of a text, compared loosely: Unicode-normalised (NFKC: full-width and half-width
 * forms alike), lower-case, punctuation and spacing ignored, apostrophes dropped ("don’t" =
 * "dont"), and each Chinese or Japanese character a word of its own.
 */
export function transcriptWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/['’‘`´]/g, '')
      .match(TOKEN) ?? []
  );
}

/**
 * Edit distance between what was asked and what was said, over the longer of the two: 0 is
 * verbatim, 1 is nothing in common. By words (see `transcriptWords`), or by characters when
 * that is lower, so a term the lexicon respells for the voice ("AI-G-C" for "AIGC") or a
 * word split differently is not taken for rewording.
 */
export function transcriptDistance(asked: string, said: string): number {
  const a = transcriptWords(asked);
  const b = transcriptWords(said);
  return Math.min(editShare(a, b), editShare([...a.join('')], [...b.join('')]));
}

/** Levenshtein distance over the longer sequence's length. */
function editShare(a: readonly string[], b: readonly string[]): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  // One row at a time.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]! / longest;
}

/**
 * A segment the voice kept rewording, after every try. Not retryable: the scheduler trying
 * again would only pay for the same answer; the narration names the page and segment.
 */
export class SpeechMismatchError extends ProviderError {
  override name = 'SpeechMismatchError';
  readonly model: string;
  /** Distance of the closest attempt, 0–1. */
  readonly distance: number;
  readonly tolerance: number;
  readonly attempts: number;
  /** The transcript of the closest attempt. */
  readonly said: string;
  readonly asked: string;

  constructor(
    details: { model: string; distance: number; tolerance: number; attempts: number; said: string; asked: string },
    where?: string,
  ) {
    const fix = where
      ? ' Fix: reword that passage so it reads unambiguously, raise speech.maxTranscriptDistance (0–1), or choose another speech.model.'
      : '';
    super(
      `${where ? `${where}: ` : ''}${details.model} did not read the text verbatim: its transcript differs from the text by ${percent(details.distance)} (tolerance ${percent(details.tolerance)}) after ${details.attempts} tries. Said: ${quote(details.said)}. Asked: ${quote(details.asked)}.${fix}`,
      { retryable: false },
    );
    this.model = details.model;
    this.distance = details.distance;
    this.tolerance = details.tolerance;
    this.attempts = details.attempts;
    this.said = details.said;
    this.asked = details.asked;
  }

  /** The same failure, located (page and segment) and with the fixes. */
  at(where: string): SpeechMismatchError {
    return new SpeechMismatchError(this, where);
  }
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 160 ? `${flat.slice(0, 157)}…` : flat);
}

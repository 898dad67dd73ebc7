import { sentences } from './split.ts';
import type { Cue } from './vtt.ts';

/**
 * Captions: the paragraph cues cut into sentence-sized ones a viewer can read while
 * listening. Cut at sentence ends, then at clause marks, then between words; at most two
 * lines a cue (about 42 characters a line in Latin scripts, 18 in Chinese, Japanese and
 * Korean) and about 7 seconds. Times come from the paragraph's real duration, shared out in
 * proportion to how long each piece takes to say.
 */
export interface CaptionLimits {
  /** Characters a line (Latin scripts). */
  lineChars: number;
  /** Characters a line when the text is mostly Chinese, Japanese or Korean. */
  cjkLineChars: number;
  lines: number;
  /** Longest cue, in seconds. */
  maxSeconds: number;
}

export const CAPTION_LIMITS: CaptionLimits = { lineChars: 42, cjkLineChars: 18, lines: 2, maxSeconds: 7 };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CLAUSE_END = /[,;:，、；：—–]$/u;

/** One caption cue per piece of each paragraph cue; text keeps its line breaks (`\n`). */
export function captionCues(paragraphs: readonly Cue[], lang: string, limits: CaptionLimits = CAPTION_LIMITS): Cue[] {
  const out: Cue[] = [];
  for (const paragraph of paragraphs) {
    const cjk = isCjk(paragraph.text);
    const lineChars = cjk ? limits.cjkLineChars : limits.lineChars;
    const total = weight(paragraph.text);
    const secondsPerUnit = total > 0 ? (paragraph.end - paragraph.start) / total : 0;
    const fits = (text: string) => {
      const lines = wrap(text, lineChars, cjk);
      return (
        lines.length <= limits.lines &&
        lines.every((l) => l.length <= lineChars) &&
        weight(text) * secondsPerUnit <= limits.maxSeconds
      );
    };
    const pieces = pack(sentencesOf(paragraph.text, lang), fits, cjk);
    let at = paragraph.start;
    let spent = 0;
    pieces.forEach((piece, i) => {
      spent += weight(piece);
      const end = i === pieces.length - 1 ? paragraph.end : paragraph.start + spent * secondsPerUnit;
      out.push({ start: at, end, text: wrap(piece, lineChars, cjk).join('\n') });
      at = end;
    });
  }
  return out;
}

/** Sentences, then clauses, then words, packed greedily into pieces that fit. */
function pack(sentenceList: string[], fits: (text: string) => boolean, cjk: boolean): string[] {
  const pieces: string[] = [];
  for (const sentence of sentenceList) {
    const units = fits(sentence)
      ? [sentence]
      : clauses(sentence).flatMap((clause) => (fits(clause) ? [clause] : words(clause, fits, cjk)));
    let current = '';
    for (const unit of units) {
      const joined = join(current, unit, cjk);
      if (current && !fits(joined)) {
        pieces.push(current);
        current = unit;
      } else {
        current = joined;
      }
    }
    if (current) pieces.push(current);
  }
  return pieces;
}

function sentencesOf(text: string, lang: string): string[] {
  return sentences(text, lang)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A sentence cut after each clause mark (commas, semicolons, colons, dashes; 、，；： in Chinese). */
function clauses(sentence: string): string[] {
  return sentence
    .split(/(?<=[,;:，、；：](?:\s|(?=\S)))|(?<=\s[—–])\s/u)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * A clause too long for one cue, cut between words (Latin) or characters (Chinese) into as
 * few pieces as fit, of about equal length (no one-word stub left at the end).
 */
function words(clause: string, fits: (text: string) => boolean, cjk: boolean): string[] {
  // Chinese has no spaces: cut between the words Intl.Segmenter finds, never inside one.
  const tokens = (cjk ? cjkWords(clause) : clause.split(/\s+/)).flatMap((token) => longWord(token, fits));
  const greedy = fill(tokens, fits, cjk);
  const even = Math.ceil(clause.length / greedy.length) + 2;
  const balanced = fill(tokens, (text) => fits(text) && text.length <= even, cjk);
  return balanced.length <= greedy.length ? balanced : greedy;
}

/** A word too long for a cue line, cut after its hyphens, underscores or slashes, else every 30 characters. */
function longWord(token: string, fits: (text: string) => boolean): string[] {
  if (fits(token)) return [token];
  const parts = token.split(/(?<=[-_/])/);
  return parts.length > 1 ? parts.flatMap((part) => longWord(part, fits)) : (token.match(/.{1,30}/gsu) ?? [token]);
}

/** Words of Chinese text, each closing mark kept with the word before it (a line never starts with "，"). */
function cjkWords(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    if (out.length > 0 && /^[\s\p{Pe}\p{Pf}\p{Po}]+$/u.test(segment)) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out;
}

function fill(tokens: string[], fits: (text: string) => boolean, cjk: boolean): string[] {
  const out: string[] = [];
  let current = '';
  for (const token of tokens) {
    const joined = join(current, token, cjk);
    if (current && !fits(joined)) {
      out.push(current);
      current = token.trim();
    } else {
      current = joined;
    }
  }
  if (current) out.push(current);
  return out;
}

function join(a: string, b: string, cjk: boolean): string {
  if (!a) return b.trim();
  return cjk && (CJK.test(a.at(-1)!) || CJK.test(b.trim()[0] ?? '')) ? `${a}${b.trim()}` : `${a} ${b.trim()}`;
}

/**
 * Lines of at most `lineChars`, balanced: a two-line cue breaks near its middle, preferring a
 * clause mark, so neither line is a stub. Latin text breaks between words only.
 */
export function wrap(text: string, lineChars: number, cjk: boolean): string[] {
  if (text.length <= lineChars) return [text];
  const breaks: number[] = [];
  if (cjk) {
    for (let i = 1; i < text.length; i++) if (!/[\s，。、；：！？」』）,.;:!?)]/u.test(text[i]!)) breaks.push(i);
  } else {
    for (const match of text.matchAll(/\s+/g)) breaks.push(match.index);
  }
  if (breaks.length === 0) return [text];
  const middle = text.length / 2;
  const score = (at: number) =>
    Math.abs(at - middle) - (CLAUSE_END.test(text.slice(0, at).trimEnd()) ? lineChars / 4 : 0);
  const best = breaks
    .filter((at) => at <= lineChars && text.length - at <= lineChars + 1)
    .sort((a, b) => score(a) - score(b))[0];
  const at = best ?? breaks.filter((b) => b <= lineChars).at(-1) ?? breaks[0]!;
  return [text.slice(0, at).trim(), ...wrap(text.slice(at).trim(), lineChars, cjk)];
}

/** Most of the letters are Chinese, Japanese or Korean. */
function isCjk(text: string): boolean {
  const letters = Array.from(text.matchAll(/\p{L}/gu));
  const cjk = letters.filter((m) => CJK.test(m[0])).length;
  return letters.length > 0 && cjk * 2 >= letters.length;
}

/**
 * How long a piece takes to say, in rough syllables: a Chinese character is one, a spelt
 * acronym one a letter, a word about one per three letters, a pause after punctuation half.
 */
export function weight(text: string): number {
  let units = 0;
  for (const match of text.matchAll(
    /(\p{Script=Han}|[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])|([A-Z]{2,}s?\b|\d)|([\p{L}\p{N}']+)|([,.;:!?，。、；：！？—])/gu,
  )) {
    if (match[1]) units += 1;
    else if (match[2]) units += match[2].replace(/s$/, '').length;
    else if (match[3]) units += Math.max(1, Math.round(match[3].length / 3));
    else if (match[4]) units += 0.5;
  }
  return units;
}

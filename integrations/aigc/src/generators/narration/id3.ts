/**
 * An ID3v2.4 tag (UTF-8 text) for the narration: title, artist, date, language, chapters
 * (CHAP + CTOC, as podcast apps read them) and a TXXX frame marking the audio as
 * AI-generated, with the model. Written by hand: the format is small and stable.
 */
import { concatBytes } from '../../utils/bytes.ts';

export interface Id3Chapter {
  title: string;
  startMs: number;
  endMs: number;
}

export interface Id3Tags {
  title: string;
  artist: string;
  /** ISO 8601 date or date-time (TDRC). */
  date: string;
  /** ISO 639-2 language code (TLAN), e.g. `eng`, `zho`. */
  language?: string;
  comment?: string;
  /** TXXX frames: description → value. */
  userText?: Record<string, string>;
  chapters?: Id3Chapter[];
}

const UTF8 = 3;
const encoder = new TextEncoder();

export function buildId3Tag(tags: Id3Tags): Uint8Array {
  const frames: Uint8Array[] = [
    textFrame('TIT2', tags.title),
    textFrame('TPE1', tags.artist),
    textFrame('TDRC', tags.date),
  ];
  if (tags.language) frames.push(textFrame('TLAN', tags.language));
  if (tags.comment) frames.push(commentFrame(tags.comment, tags.language ?? 'eng'));
  for (const [description, value] of Object.entries(tags.userText ?? {})) {
    frames.push(
      frame(
        'TXXX',
        concatBytes([Uint8Array.of(UTF8), encoder.encode(description), Uint8Array.of(0), encoder.encode(value)]),
      ),
    );
  }
  const chapters = tags.chapters ?? [];
  if (chapters.length > 0) {
    const ids = chapters.map((_, i) => `chp${i}`);
    const children = concatBytes(ids.map((id) => latin1z(id)));
    // Flags 0x03: top-level and ordered.
    frames.push(
      frame(
        'CTOC',
        concatBytes([latin1z('toc'), Uint8Array.of(0x03, chapters.length), children, textFrame('TIT2', 'Chapters')]),
      ),
    );
    chapters.forEach((chapter, i) => {
      const times = new Uint8Array(16);
      const view = new DataView(times.buffer);
      view.setUint32(0, Math.round(chapter.startMs));
      view.setUint32(4, Math.round(chapter.endMs));
      view.setUint32(8, 0xffffffff); // byte offsets unused: times rule
      view.setUint32(12, 0xffffffff);
      frames.push(frame('CHAP', concatBytes([latin1z(ids[i]!), times, textFrame('TIT2', chapter.title)])));
    });
  }
  const body = concatBytes(frames);
  const header = new Uint8Array(10);
  header.set([0x49, 0x44, 0x33, 4, 0, 0]); // "ID3", v2.4.0, no flags
  header.set(syncsafe(body.length), 6);
  return concatBytes([header, body]);
}

/** ISO 639-2 code for a BCP 47 tag, for TLAN (common languages; undefined otherwise). */
export function iso639_2(lang: string): string | undefined {
  const codes: Record<string, string> = {
    en: 'eng',
    zh: 'zho',
    ja: 'jpn',
    ko: 'kor',
    fr: 'fra',
    de: 'deu',
    es: 'spa',
    it: 'ita',
    pt: 'por',
    ru: 'rus',
    ar: 'ara',
    hi: 'hin',
    nl: 'nld',
  };
  return codes[lang.toLowerCase().split(/[-_]/)[0]!];
}

function textFrame(id: string, text: string): Uint8Array {
  return frame(id, concatBytes([Uint8Array.of(UTF8), encoder.encode(text)]));
}

function commentFrame(text: string, language: string): Uint8Array {
  return frame(
    'COMM',
    concatBytes([
      Uint8Array.of(UTF8),
      encoder.encode(language.slice(0, 3).padEnd(3, ' ')),
      Uint8Array.of(0),
      encoder.encode(text),
    ]),
  );
}

function frame(id: string, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(10);
  header.set(encoder.encode(id), 0);
  header.set(syncsafe(body.length), 4); // v2.4 frame sizes are syncsafe
  return concatBytes([header, body]);
}

function latin1z(text: string): Uint8Array {
  return concatBytes([encoder.encode(text), Uint8Array.of(0)]);
}

function syncsafe(value: number): Uint8Array {
  if (value >= 1 << 28) throw new Error('ID3 tag too large.');
  return Uint8Array.of((value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f);
}

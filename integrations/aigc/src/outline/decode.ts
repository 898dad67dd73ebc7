import { OutlineError } from './error.ts';

/** An outline is a few kilobytes of prose notes; anything far larger is a mistake (a dump, a binary). */
export const MAX_OUTLINE_BYTES = 256 * 1024;

/**
 * The text of an outline file, or an OutlineError at the first byte that makes it not an
 * outline: too large, UTF-16, binary (NUL bytes) or not UTF-8 (a Latin-1 export). Without
 * this, such a file decodes to replacement characters and fails later with a vaguer message.
 */
export function decodeOutline(bytes: Uint8Array, file: string): string {
  const fail = (reason: string, hint: string, offset = 0, ruleId = 'encoding'): never => {
    const { line, column } = positionOf(bytes, offset);
    throw new OutlineError({ file, position: { line, column }, reason, hint, ruleId });
  };
  if (bytes.length > MAX_OUTLINE_BYTES) {
    fail(
      `the file is ${Math.round(bytes.length / 1024)} KB; an outline is notes for one page (at most ${MAX_OUTLINE_BYTES / 1024} KB)`,
      'keep the outline short: title, sections and bullets; put long material in the source files it points to',
      0,
      'too-large',
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('the file is saved as UTF-16', 'save it as UTF-8 (most editors: "Save with encoding" → UTF-8)');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    fail(
      'the file contains NUL bytes: it is binary, not Markdown',
      'replace it with a Markdown outline, or move it out of the outlines folder',
      nul,
      'binary',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(
      'the file is not valid UTF-8 (saved as Latin-1 or Windows-1252?)',
      'save it as UTF-8',
      firstInvalidUtf8(bytes),
    );
  }
  return '';
}

/** 1-based line and column of a byte offset (columns count bytes on that line, enough to find it). */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}

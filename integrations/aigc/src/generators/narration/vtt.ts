/** One caption: a paragraph (or heading) and when it is spoken, in seconds. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/**
 * A WebVTT file, cue ids `<prefix>1`, `<prefix>2`… so the page can link to them: `p` for the
 * paragraph transcript, `c` for captions (whose text may hold line breaks).
 */
export function buildWebVtt(cues: readonly Cue[], idPrefix = 'p'): string {
  const blocks = cues.map(
    (cue, i) => `${idPrefix}${i + 1}\n${timestamp(cue.start)} --> ${timestamp(cue.end)}\n${escapeCueText(cue.text)}`,
  );
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

/** Cues back from a WebVTT file this module wrote (for the page's transcript). */
export function parseWebVtt(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing === -1) continue;
    const [start, end] = lines[timing]!.split('-->').map((part) => seconds(part.trim().split(/\s+/)[0]!));
    cues.push({ start: start!, end: end!, text: unescapeCueText(lines.slice(timing + 1).join('\n')) });
  }
  return cues;
}

/** HH:MM:SS.mmm */
export function timestamp(totalSeconds: number): string {
  const ms = Math.max(0, Math.round(totalSeconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

function seconds(stamp: string): number {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Cue text may not hold `-->`, a blank line, or raw `<` / `&`. */
function escapeCueText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n\s*\n/g, '\n');
}

function unescapeCueText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

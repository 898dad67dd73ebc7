import type { NarrationScript, ScriptSegment } from '../narration/script.ts';
import { sentences } from '../narration/split.ts';
import type { Cue } from '../narration/vtt.ts';

/** What one slide shows; its content (and nothing else) decides its pixels and its cache key. */
export type Slide =
  | { kind: 'title'; title: string; description?: string; cover?: string; lang: string; label: string }
  | { kind: 'section'; page: string; heading: string; points: string[]; lang: string; label: string }
  | { kind: 'picture'; page: string; picture: string; caption: string; lang: string; label: string };

/** A slide on the timeline, in seconds. */
export interface TimedSlide {
  slide: Slide;
  start: number;
  end: number;
}

export interface SlidePage {
  title: string;
  description?: string | undefined;
  lang: string;
  /** Project-relative path of the cover, if the page has one. */
  cover?: string | undefined;
  /** Project-relative path of the n-th figure, diagram or dot block (`figure:1` → path). */
  pictures: ReadonlyMap<string, string>;
  /** The honest label every slide carries (how the video and its slides were made). */
  label: string;
}

/** Points on a section slide, and how long each may be (characters; Chinese counts each one). */
const MAX_POINTS = 4;
const MAX_CHARS = { latin: 110, cjk: 48 };

/**
 * The slides of a page, timed to its narration: a title slide with the cover over the title
 * and lead, one slide per section with its heading and key sentences, and each figure or
 * diagram on its own slide while the narration speaks of it. `cues` are the narration's
 * paragraph cues, one per script segment in order (its `narration.vtt`), so the slides
 * change exactly when the voice moves on.
 */
export function timeSlides(
  script: NarrationScript,
  cues: readonly Cue[],
  durationSeconds: number,
  page: SlidePage,
): TimedSlide[] {
  const segments = script.sections.flatMap((section, index) =>
    section.segments.map((segment) => ({ segment, section: index })),
  );
  if (segments.length !== cues.length) {
    throw new Error(
      `the narration has ${cues.length} paragraph cues but the page reads as ${segments.length}: the narration is older than the page. Build again so the narration is remade first.`,
    );
  }
  const spans: { slide: Slide; start: number }[] = [];
  let k = 0;
  script.sections.forEach((section, index) => {
    const first = k;
    const main = index === 0 ? titleSlide(page) : sectionSlide(section.title, section.segments, page);
    spans.push({ slide: main, start: index === 0 ? 0 : cues[first]!.start });
    section.segments.forEach((segment, i) => {
      const at = first + i;
      const picture = segment.visual ? pictureOf(segment, page) : undefined;
      if (picture) {
        spans.push({
          slide: {
            kind: 'picture',
            page: page.title,
            picture,
            caption: keySentence(segment.text, page.lang),
            lang: page.lang,
            label: page.label,
          },
          start: cues[at]!.start,
        });
        // Back to the section's slide when the voice moves on, unless the section ends here.
        if (i < section.segments.length - 1) spans.push({ slide: main, start: cues[at + 1]!.start });
      }
    });
    k += section.segments.length;
  });
  const timed: TimedSlide[] = [];
  spans.forEach((span, i) => {
    const end = Math.min(spans[i + 1]?.start ?? durationSeconds, durationSeconds);
    if (end <= span.start) return;
    const last = timed.at(-1);
    if (last && sameSlide(last.slide, span.slide)) last.end = end;
    else timed.push({ slide: span.slide, start: span.start, end });
  });
  if (timed[0]) timed[0].start = 0;
  return timed;
}

function titleSlide(page: SlidePage): Slide {
  return {
    kind: 'title',
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    ...(page.cover ? { cover: page.cover } : {}),
    lang: page.lang,
    label: page.label,
  };
}

/** A section's slide: its heading and the first sentence of each paragraph it reads (pictures are slides of their own). */
function sectionSlide(heading: string, segments: readonly ScriptSegment[], page: SlidePage): Slide {
  const points = segments
    .filter((s) => s.role === 'body' && !s.visual)
    .map((s) => keySentence(s.text, page.lang))
    .filter(Boolean)
    .slice(0, MAX_POINTS);
  return { kind: 'section', page: page.title, heading: heading, points, lang: page.lang, label: page.label };
}

/** The first sentence of a paragraph, cut at a word (or, in Chinese, a character) to fit a slide. */
export function keySentence(text: string, lang: string): string {
  const first = (sentences(text, lang)[0] ?? text).trim();
  const cjk = /^(zh|ja|ko)\b/i.test(lang);
  const max = cjk ? MAX_CHARS.cjk : MAX_CHARS.latin;
  const chars = [...first];
  if (chars.length <= max) return first;
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cjk ? cut : cut.replace(/\s+\S*$/, '');
  return `${atWord.replace(/[\s,;:，、；：]+$/, '')}…`;
}

function pictureOf(segment: ScriptSegment, page: SlidePage): string | undefined {
  const visual = segment.visual;
  if (!visual) return undefined;
  if (visual.type === 'image')
    return [...page.pictures.values()].find((path) => visual.url.endsWith(path.slice(path.lastIndexOf('/') + 1)));
  return page.pictures.get(`${visual.type}:${visual.index}`);
}

function sameSlide(a: Slide, b: Slide): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

import { blockMarkdown } from '../../../outline/blocks.ts';
import type { BodySection, FlowItem } from '../../../outline/body.ts';
import { readSectionFlow } from '../../../outline/parse.ts';
import type { Outline } from '../../../outline/types.ts';
import { createChineseVoice } from './chinese.ts';
import { createEnglishVoice } from './english.ts';
import { countsCharacters, isChinese, measureLength } from './language.ts';
import { createCapitaliser, createLowerer } from './proper-nouns.ts';
import type { SectionContext, Voice } from './voice.ts';

/** The prose written for one top-level bullet, and what could be said next about it. */
interface Slot {
  sentences: string[];
  more: string[];
}

/** At most this many sentences dwell on one bullet: past it, a draft reads as padding. */
const MAX_DWELL = 3;

type Piece = { type: 'slot'; slot: Slot } | { type: 'block'; markdown: string };

interface DraftSection {
  heading: string;
  pieces: Piece[];
  closing: string[];
  more: string[];
}

/**
 * Draft an article body from an outline alone: an opening paragraph from the lead, then
 * every section as `## heading` with its bullets as prose paragraphs and its media blocks
 * in place. No frontmatter, no H1. Same outline → same bytes.
 */
export function draftArticle(outline: Outline): string {
  const lang = outline.data.lang;
  const voice: Voice = isChinese(lang) ? createChineseVoice() : createEnglishVoice(createLowerer(outline), createCapitaliser(outline));
  const flows = sectionFlow(outline);
  const headings = flows.map((flow) => flow.heading);

  const opening = voice.opening({
    title: outline.data.title,
    kind: outline.data.kind,
    lead: outline.lead,
    audience: outline.data.audience,
    headings,
  });

  const sections = flows.map((flow, index) =>
    draftSection(flow.items, voice, {
      title: outline.data.title,
      heading: flow.heading,
      index,
      count: flows.length,
      next: headings[index + 1],
      audience: outline.data.audience,
    }),
  );

  if (outline.data.length) lengthen(sections, opening, outline.data.length, lang);
  return assemble(opening, sections, voice, lang);
}

/** Bullets and blocks in file order; from the raw file when it matches the parsed outline. */
function sectionFlow(outline: Outline): Pick<BodySection, 'heading' | 'items'>[] {
  try {
    const flow = readSectionFlow(outline);
    if (flow.length === outline.sections.length && flow.every((section, i) => section.heading === outline.sections[i]!.heading)) return flow;
  } catch {
    // An outline built in code may carry no raw text; fall back to the two lists.
  }
  const origin = { line: 0, column: 0 };
  return outline.sections.map((section) => ({
    heading: section.heading,
    items: [
      ...section.points.map((point): FlowItem => ({ type: 'point', text: point.text, depth: point.depth, position: origin })),
      ...section.blocks.map((block): FlowItem => ({ type: 'block', block })),
    ],
  }));
}

function draftSection(items: FlowItem[], voice: Voice, context: SectionContext): DraftSection {
  const topLevel = items.filter((item) => item.type === 'point' && item.depth <= 1).length;
  const pieces: Piece[] = [];
  let slot: Slot | undefined;
  let details: string[] = [];
  let index = 0;

  const flushDetails = (): void => {
    if (slot && details.length > 0) slot.sentences.push(voice.details(details, context.index + index));
    details = [];
  };

  // Sub-bullets are known only once the next bullet starts, so what to dwell on is
  // worked out when a bullet's group closes.
  let slotText = '';
  let slotDetails: string[] = [];
  const closeSlot = (): void => {
    flushDetails();
    if (!slot) return;
    const dwell = voice.dwell(slotText, slotDetails, context);
    const turn = (context.index + index) % Math.max(dwell.length, 1);
    slot.more = [...dwell.slice(turn), ...dwell.slice(0, turn)].slice(0, MAX_DWELL);
    slot = undefined;
  };

  for (const item of items) {
    if (item.type === 'block') {
      closeSlot();
      pieces.push({ type: 'block', markdown: blockMarkdown(item.block) });
      continue;
    }
    if (item.depth <= 1 || !slot) {
      closeSlot();
      slot = { sentences: [voice.point(item.text, index, Math.max(topLevel, 1), context)], more: [] };
      slotText = item.text;
      slotDetails = [];
      pieces.push({ type: 'slot', slot });
      index += 1;
    } else if (voice.isSentence(item.text)) {
      flushDetails();
      slot.sentences.push(voice.asIs(item.text));
    } else {
      details.push(item.text);
      slotDetails.push(item.text);
    }
  }
  closeSlot();

  if (!pieces.some((piece) => piece.type === 'slot')) {
    pieces.unshift({ type: 'slot', slot: { sentences: [voice.emptySection(context)], more: [] } });
  }
  return { heading: context.heading, pieces, closing: [], more: voice.close(context, index) };
}

/**
 * Approach the target length by dwelling on the bullets, one sentence per bullet per
 * round, then closing sections. Each sentence is added only if it brings the draft closer
 * to the target, so the result lands within about one sentence of it.
 */
function lengthen(sections: DraftSection[], opening: string, target: number, lang: string): void {
  let total = measureLength(opening, lang);
  for (const section of sections) {
    total += measureLength(section.heading, lang);
    for (const piece of section.pieces) if (piece.type === 'slot') total += measureLength(piece.slot.sentences.join(' '), lang);
  }
  const tryAdd = (sentence: string, into: string[]): boolean => {
    const size = measureLength(sentence, lang);
    if (Math.abs(total + size - target) >= Math.abs(total - target)) return false;
    into.push(sentence);
    total += size;
    return true;
  };

  const slots = sections.flatMap((section) => section.pieces.flatMap((piece) => (piece.type === 'slot' ? [piece.slot] : [])));
  const rounds = Math.max(0, ...slots.map((slot) => slot.more.length));
  for (let round = 0; round < rounds && total < target; round++) {
    for (const slot of slots) {
      const sentence = slot.more[round];
      if (sentence !== undefined && !tryAdd(sentence, slot.sentences)) return;
    }
  }
  for (let round = 0; round < 2 && total < target; round++) {
    for (const section of sections) {
      const sentence = section.more[round];
      if (sentence !== undefined && !tryAdd(sentence, section.closing)) return;
    }
  }
}

function assemble(opening: string, sections: DraftSection[], voice: Voice, lang: string): string {
  const out: string[] = [];
  if (opening) out.push(opening);
  const paragraphLimit = countsCharacters(lang) ? 160 : 80;
  for (const section of sections) {
    out.push(`## ${section.heading}`);
    let paragraph: string[] = [];
    let slotsInParagraph = 0;
    const flush = (): void => {
      if (paragraph.length > 0) out.push(paragraph.join(voice.space));
      paragraph = [];
      slotsInParagraph = 0;
    };
    for (const piece of section.pieces) {
      if (piece.type === 'block') {
        flush();
        out.push(piece.markdown);
        continue;
      }
      // A new paragraph after three bullets or once the paragraph is long enough.
      if (slotsInParagraph >= 3 || measureLength(paragraph.join(' '), lang) >= paragraphLimit) flush();
      paragraph.push(...piece.slot.sentences);
      slotsInParagraph += 1;
    }
    paragraph.push(...section.closing);
    flush();
  }
  return `${out.join('\n\n')}\n`;
}

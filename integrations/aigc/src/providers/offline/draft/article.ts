import { blockMarkdown } from '../../../outline/blocks.ts';
import type { BodySection, FlowItem } from '../../../outline/body.ts';
import { readSectionFlow } from '../../../outline/parse.ts';
import type { Outline } from '../../../outline/types.ts';
import { createChineseVoice } from './chinese.ts';
import { spaceCjkLatin } from './cjk-spacing.ts';
import { createEnglishVoice } from './english.ts';
import { isChinese } from './language.ts';
import type { Voice } from './voice.ts';

/** A top-level bullet, its nested phrase bullets, and nested bullets written as sentences. */
interface Bullet {
  text: string;
  details: string[];
  asides: string[];
}

type Piece = { type: 'bullet'; bullet: Bullet } | { type: 'block'; markdown: string };

/**
 * Draft an article body from an outline alone: an opening paragraph from the lead, then
 * every section as `## heading` with its bullets as sentences in paragraphs and its media
 * blocks in place. No frontmatter, no H1. Same outline → same bytes.
 *
 * The draft is structural: each bullet is said once, as written, as a sentence of its own,
 * so no bullet shape (clause, fragment, list, code, Chinese) can break a sentence. It does
 * not pad toward the outline's `length`, which is a target for a model.
 */
export function draftArticle(outline: Outline): string {
  const voice: Voice = isChinese(outline.data.lang) ? createChineseVoice() : createEnglishVoice(codeWords(outline.raw));
  const flows = sectionFlow(outline);
  const headings = flows.map((flow) => flow.heading);

  const out: string[] = [];
  const opening = voice.opening({
    title: outline.data.title,
    kind: outline.data.kind,
    lead: outline.lead,
    audience: outline.data.audience,
    headings,
  });
  if (opening) out.push(opening);
  const sources = outline.data.sources ?? [];
  if (sources.length > 0) out.push(sourcesNote(sources.length, isChinese(outline.data.lang)));
  for (const flow of flows) out.push(`## ${flow.heading}`, ...draftSection(flow, voice));
  const draft = `${out.join('\n\n')}\n`;
  return isChinese(outline.data.lang) ? spaceCjkLatin(draft) : draft;
}

/**
 * Words the outline writes as code (`npm test`) or as part of a file, package or path name
 * (`astro.config.mjs`, `astro-aigc`, `content/generated`): commands and names, so a sentence
 * starting with one keeps its case ("astro build generates…", "aigc generate --frozen…").
 */
function codeWords(raw: string): Set<string> {
  const words = [...raw.matchAll(/`([^`\s]+)/g)].map((match) => match[1]!);
  for (const match of raw.matchAll(/\b([a-z][a-z0-9]*)(?=\.[a-z]|\/)|(?<=\/|(?:^|[\s(])[a-z]+-)([a-z][a-z0-9]*)\b/g))
    words.push(match[1] ?? match[2]!);
  return new Set(words);
}

/** Bullets and blocks in file order; from the raw file when it matches the parsed outline. */
function sectionFlow(outline: Outline): Pick<BodySection, 'heading' | 'items'>[] {
  try {
    const flow = readSectionFlow(outline);
    if (
      flow.length === outline.sections.length &&
      flow.every((section, i) => section.heading === outline.sections[i]!.heading)
    )
      return flow;
  } catch {
    // An outline built in code may carry no raw text; fall back to the two lists.
  }
  const origin = { line: 0, column: 0 };
  return outline.sections.map((section) => ({
    heading: section.heading,
    items: [
      ...section.points.map(
        (point): FlowItem => ({ type: 'point', text: point.text, depth: point.depth, position: origin }),
      ),
      ...section.blocks.map((block): FlowItem => ({ type: 'block', block })),
    ],
  }));
}

/** Top-level bullets with what is nested under them, and blocks, in file order. */
function piecesOf(items: readonly FlowItem[], voice: Voice): Piece[] {
  const pieces: Piece[] = [];
  let current: Bullet | undefined;
  for (const item of items) {
    if (item.type === 'block') {
      pieces.push({ type: 'block', markdown: blockMarkdown(item.block) });
      current = undefined;
    } else if (item.depth <= 1 || !current) {
      current = { text: item.text, details: [], asides: [] };
      pieces.push({ type: 'bullet', bullet: current });
    } else if (voice.isSentence(item.text)) {
      current.asides.push(item.text);
    } else {
      current.details.push(item.text);
    }
  }
  return pieces;
}

/** The section's paragraphs and blocks, as Markdown blocks in order. */
function draftSection(flow: Pick<BodySection, 'heading' | 'items'>, voice: Voice): string[] {
  const pieces = piecesOf(flow.items, voice);
  const out: string[] = [];
  if (!pieces.some((piece) => piece.type === 'bullet')) out.push(voice.emptySection(flow.heading));
  let run: string[][] = [];
  const flush = (): void => {
    out.push(...paragraphs(run).map((group) => group.flat().join(voice.space)));
    run = [];
  };
  for (const piece of pieces) {
    if (piece.type === 'block') {
      flush();
      out.push(piece.markdown);
    } else {
      const { text, details, asides } = piece.bullet;
      run.push([voice.bullet(text, details), ...asides.map((aside) => voice.bullet(aside, []))]);
    }
  }
  flush();
  return out;
}

/**
 * Consecutive bullets grouped into paragraphs: one for up to three bullets, two for up to
 * six, three beyond; the earlier paragraphs take the extra bullet.
 */
function paragraphs<T>(bullets: T[]): T[][] {
  if (bullets.length === 0) return [];
  const groups = bullets.length <= 3 ? 1 : bullets.length <= 6 ? 2 : 3;
  const out: T[][] = [];
  let from = 0;
  for (let group = 0; group < groups; group++) {
    const size = Math.ceil((bullets.length - from) / (groups - group));
    out.push(bullets.slice(from, from + size));
    from += size;
  }
  return out;
}

/**
 * Said plainly: the offline drafter reads no source, so it cites none of them. The references
 * list the page check appends shows which sources the outline named.
 */
function sourcesNote(count: number, chinese: boolean): string {
  return chinese
    ? `本离线草稿未阅读大纲列出的 ${count} 份资料，因此没有引用其中任何一份；这些资料列在文末的参考资料中，供撰写正式文章时使用。`
    : count === 1
      ? 'This offline draft has not read the source the outline lists, so it does not cite it; it is listed under References at the end, for whoever writes the finished article.'
      : `This offline draft has not read the ${count} sources the outline lists, so it cites none of them; they are listed under References at the end, for whoever writes the finished article.`;
}

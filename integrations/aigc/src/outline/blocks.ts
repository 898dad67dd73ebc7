import type { OutlineBlock } from './types.ts';

/** The languages of fenced code blocks that ask for media instead of prose. */
export const BLOCK_TYPES: readonly OutlineBlock['type'][] = ['figure', 'diagram', 'dot'];

/** The text inside a block's fence: the prompt, the description or the DOT source. */
export function blockBody(block: OutlineBlock): string {
  return block.type === 'figure' ? block.prompt : block.type === 'diagram' ? block.description : block.source;
}

/**
 * The block as a fenced code block, in the one canonical form every generator copies into
 * the article. The fence grows past any backtick run inside the body so it cannot close early.
 */
export function blockMarkdown(block: OutlineBlock): string {
  const body = blockBody(block);
  const longest = Math.max(0, ...[...body.matchAll(/^ {0,3}(`{3,})/gm)].map((match) => match[1]!.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${block.type}\n${body}\n${fence}`;
}

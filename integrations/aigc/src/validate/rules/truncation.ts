import type { Code, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';
import { sourceOf } from '../locate.ts';

export const RULE_ID = 'truncation';

/** Characters a finished sentence may end with (Latin and CJK). */
const TERMINAL = /[.!?…。！？．]$/u;
/** Closing markup and quotes that may follow the terminal character. */
const CLOSERS = /[\s*_~`)\]}>"'”’»」』）】]+$/u;
/** Endings that can only be the middle of a sentence, even in a list item. */
const DANGLING = /(?:[,;:(\-–—、，；：（]|\b(?:and|or|but|the|a|an|of|to|with|for|in|on|that|which|is|are))$/iu;

/**
 * The answer was cut off: the provider said so (finish reason `length`), a code fence is
 * never closed, or the last paragraph stops mid-sentence.
 */
export const truncation: Rule = (tree, file, context) => {
  const source = String(file.value);
  const end = tree.position?.end;
  if (context.finishReason === 'length') {
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: end,
      reason: 'The model stopped at its output limit (finish reason "length"): the page is cut off',
      fix: 'Finish the last section and close any open code block; keep the page within the requested length.',
    });
    return;
  }
  const last = lastBlock(tree);
  if (!last) return;
  if (last.type === 'code' && isUnclosedFence(last, source)) {
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: last.position?.start,
      reason: 'A code block is never closed: the text looks cut off',
      fix: 'Close the code block with a matching ``` fence and finish the section.',
    });
    return;
  }
  const paragraph = lastParagraph(last);
  if (!paragraph) return;
  const text = toString(paragraph).replace(CLOSERS, '');
  if (text === '' || /\p{Extended_Pictographic}$/u.test(text)) return;
  const inList = last.type === 'list' || last.type === 'table';
  if ((inList && DANGLING.test(text)) || (!inList && !TERMINAL.test(text))) {
    report(file, {
      ruleId: RULE_ID,
      severity: 'error',
      place: paragraph.position?.end,
      reason: `The text ends mid-sentence ("…${text.slice(-40)}"): it looks cut off`,
      fix: 'Finish the sentence and the section it belongs to.',
    });
  }
};

function lastBlock(tree: Root): Nodes | undefined {
  return tree.children
    .filter((node) => node.type !== 'yaml' && node.type !== 'definition' && node.type !== 'html')
    .at(-1);
}

/** The paragraph that ends the page, looking into the last list item or quote. */
function lastParagraph(node: Nodes): Nodes | undefined {
  if (node.type === 'paragraph') return node;
  if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    const child = node.children.at(-1);
    return child ? lastParagraph(child as Nodes) : undefined;
  }
  return undefined;
}

/** A fenced block whose closing fence is missing runs to the end of the document. */
function isUnclosedFence(node: Code, source: string): boolean {
  const text = sourceOf(node, source);
  const opening = /^\s*(`{3,}|~{3,})/.exec(text);
  if (!opening) return false;
  const lines = text.split('\n');
  if (lines.length < 2) return true;
  const fence = opening[1]!;
  const closing = lines.at(-1)!.trim();
  return !(closing.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(closing));
}

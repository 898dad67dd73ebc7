import type { Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../../utils/markdown.ts';
import type { Glossary } from './glossary.ts';

/** What a translation must keep from its source, read from the Markdown tree. */
export interface MarkdownSkeleton {
  /** Heading depths in order (`[2, 3, 2]`). */
  headings: number[];
  /** Fenced and indented code blocks, byte for byte (language line included). */
  codeBlocks: string[];
  /** Inline code spans. */
  inlineCode: string[];
  /** Link and image targets, in order. */
  links: string[];
}

export function skeletonOf(markdown: string): MarkdownSkeleton {
  const tree = parseMarkdown(markdown);
  const skeleton: MarkdownSkeleton = { headings: [], codeBlocks: [], inlineCode: [], links: [] };
  visit(tree, (node: Root | RootContent) => {
    switch (node.type) {
      case 'heading':
        skeleton.headings.push(node.depth);
        break;
      case 'code':
        skeleton.codeBlocks.push(`${node.lang ?? ''} ${node.meta ?? ''}\n${node.value}`);
        break;
      case 'inlineCode':
        skeleton.inlineCode.push(node.value);
        break;
      case 'link':
      case 'image':
      case 'definition':
        skeleton.links.push(node.url);
        break;
    }
  });
  return skeleton;
}

/**
 * Why a translation cannot be published, or an empty list: it must keep the source's
 * headings (count and levels), every code block byte for byte, every inline code span,
 * every link target, and every glossary term that must stay as written.
 */
export function checkTranslation(
  source: string,
  translation: string,
  glossary: Glossary = { keep: [], terms: {} },
): string[] {
  const a = skeletonOf(source);
  const b = skeletonOf(translation);
  const findings: string[] = [];
  if (a.headings.length !== b.headings.length) {
    findings.push(
      `headings: the source has ${a.headings.length}, the translation ${b.headings.length}; translate each heading, add or drop none.`,
    );
  } else if (a.headings.join() !== b.headings.join()) {
    findings.push(
      `headings: levels differ (source ${a.headings.map((d) => '#'.repeat(d)).join(' ')}, translation ${b.headings.map((d) => '#'.repeat(d)).join(' ')}).`,
    );
  }
  if (a.codeBlocks.length !== b.codeBlocks.length) {
    findings.push(
      `code blocks: the source has ${a.codeBlocks.length}, the translation ${b.codeBlocks.length}; copy every fenced block unchanged.`,
    );
  } else {
    a.codeBlocks.forEach((block, i) => {
      if (block !== b.codeBlocks[i])
        findings.push(`code block ${i + 1} was changed; copy it byte for byte:\n${firstLine(block)}`);
    });
  }
  const missingCode = missingFrom(a.inlineCode, b.inlineCode);
  if (missingCode.length > 0)
    findings.push(`inline code changed or missing: ${missingCode.map((c) => `\`${c}\``).join(', ')}`);
  if (a.links.join('\n') !== b.links.join('\n')) {
    const missing = missingFrom(a.links, b.links);
    const added = missingFrom(b.links, a.links);
    findings.push(
      `link targets differ${missing.length ? `; missing: ${missing.join(', ')}` : ''}${added.length ? `; not in the source: ${added.join(', ')}` : ''}${!missing.length && !added.length ? ' in order' : ''}; keep every URL exactly as in the source.`,
    );
  }
  for (const term of glossary.keep) {
    if (source.includes(term) && !translation.includes(term))
      findings.push(`glossary: "${term}" must stay as written (it is in the keep list).`);
  }
  return findings;
}

/** Items of `wanted` not in `have`, counting repeats. */
function missingFrom(wanted: string[], have: string[]): string[] {
  const left = [...have];
  const missing: string[] = [];
  for (const item of wanted) {
    const at = left.indexOf(item);
    if (at === -1) missing.push(item);
    else left.splice(at, 1);
  }
  return missing;
}

function firstLine(block: string): string {
  const [info = '', first = ''] = block.split('\n');
  return `  \`\`\`${info.trim()}\n  ${first}`;
}

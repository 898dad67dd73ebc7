import { visit } from 'unist-util-visit';
import type { Outline } from '../../../outline/types.ts';
import { parseMarkdown } from '../../../utils/markdown.ts';
import { isChinese, joinChinese, joinEnglish } from './language.ts';

/**
 * The digest (generators/reference/digest.ts) gives every exported symbol a heading of its
 * own, `### \`name\` (kind)`, and gives nothing else a `###` heading that opens with code;
 * declarations and doc text in between may mention other names, so only the headings are read.
 */
const SHOWN = 12;

/** Names the API digest documents, in order, each once. */
export function apiSymbols(api: string): string[] {
  const names: string[] = [];
  visit(parseMarkdown(api), 'heading', (heading) => {
    const first = heading.children[0];
    if (heading.depth === 3 && first?.type === 'inlineCode') names.push(first.value.trim());
  });
  return [...new Set(names)];
}

/** One paragraph introducing a reference page, naming only what the API text contains. */
export function draftOverview(outline: Pick<Outline, 'data'>, api: string): string {
  const symbols = apiSymbols(api);
  const source = outline.data.source;
  const shown = symbols.slice(0, SHOWN).map((name) => `\`${name}\``);
  const rest = symbols.length - shown.length;
  if (isChinese(outline.data.lang)) {
    const parts = [
      source ? `本页介绍 \`${source}\` 的公开 API，内容取自源代码。` : '本页介绍公开 API，内容取自源代码。',
    ];
    if (symbols.length > 0)
      parts.push(`它导出${symbols.length}个符号：${joinChinese(rest > 0 ? [...shown, `其余${rest}个`] : shown)}。`);
    parts.push('下面的表格按模块列出它们，每个符号都有自己的页面，载有签名、参数和文档注释。');
    return parts.join('');
  }
  const parts = [
    source
      ? `This page documents the public API of \`${source}\`, as extracted from the source code.`
      : 'This page documents the public API, as extracted from the source code.',
  ];
  if (symbols.length > 0) {
    parts.push(
      `It exports ${symbols.length} symbol${symbols.length === 1 ? '' : 's'}: ${joinEnglish(rest > 0 ? [...shown, `${rest} more`] : shown)}.`,
    );
  }
  parts.push(
    'The tables below list them by module; each has a page of its own with its signature, its parameters and its documentation comment.',
  );
  return parts.join(' ');
}

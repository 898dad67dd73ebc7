import type { Outline } from '../../../outline/types.ts';
import { isChinese, joinChinese, joinEnglish } from './language.ts';

const DECLARATION = /\b(?:function|class|interface|type|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/g;
const HEADING = /^#{1,6}\s+`?([A-Za-z_$][\w$]*)`?/gm;
const SHOWN = 12;

/** Names the extracted API text declares, in order of first appearance. */
export function apiSymbols(api: string): string[] {
  const found = [...api.matchAll(DECLARATION), ...api.matchAll(HEADING)].sort((a, b) => a.index - b.index).map((match) => match[1]!);
  return [...new Set(found)];
}

/** One paragraph introducing a reference page, naming only what the API text contains. */
export function draftOverview(outline: Pick<Outline, 'data'>, api: string): string {
  const symbols = apiSymbols(api);
  const source = outline.data.source;
  const shown = symbols.slice(0, SHOWN).map((name) => `\`${name}\``);
  const rest = symbols.length - shown.length;
  if (isChinese(outline.data.lang)) {
    const parts = [source ? `本页介绍 \`${source}\` 的公开 API，内容取自源代码。` : '本页介绍公开 API，内容取自源代码。'];
    if (symbols.length > 0) parts.push(`它导出${symbols.length}个符号：${joinChinese(rest > 0 ? [...shown, `其余${rest}个`] : shown)}。`);
    parts.push('下面逐一列出它们的签名、参数和文档注释。');
    return parts.join('');
  }
  const parts = [source ? `This page documents the public API of \`${source}\`, as extracted from the source code.` : 'This page documents the public API, as extracted from the source code.'];
  if (symbols.length > 0) {
    parts.push(`It exports ${symbols.length} symbol${symbols.length === 1 ? '' : 's'}: ${joinEnglish(rest > 0 ? [...shown, `${rest} more`] : shown)}.`);
  }
  parts.push('Each one is listed below with its signature, its parameters and its documentation comment.');
  return parts.join(' ');
}

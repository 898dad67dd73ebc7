/**
 * What would be code if the page were ever compiled as MDX: ESM lines and `{…}`
 * expressions. Shared by the safety check and the sanitizer.
 */

/** A paragraph line MDX would take as ESM (`import x from '…'`, `export const …`). */
export const ESM_LINE =
  /^(?:import\s+(?:[\w$]+\s*(?:,\s*\{[^}]*\})?\s+from\s*['"]|\{[^}]*\}\s*from\s*['"]|\*\s*as\s+[\w$]+\s+from\s*['"]|['"])|export\s+(?:const|let|var|function|async|class|default|\{|\*))/;

/** Offsets of `{` and `}` in Markdown source that are not backslash-escaped. */
export function unescapedBraces(source: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char !== '{' && char !== '}') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && source[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) found.push(i);
  }
  return found;
}

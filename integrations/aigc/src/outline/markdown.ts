/** The file text as the parser sees it: micromark does not count a byte order mark, and offsets must index the string we slice. */
export function withoutBom(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

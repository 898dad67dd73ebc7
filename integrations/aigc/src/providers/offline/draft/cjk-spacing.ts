/**
 * The spacing Chinese typography asks for between Chinese characters and Latin letters or
 * digits ("有 Python"), applied to a draft's prose; fenced blocks (figure prompts, code) and
 * headings are left as written. The house-style check `style-cjk-spacing` holds every page to it.
 */
const HAN_THEN_LATIN = /(\p{Script=Han})([A-Za-z0-9])/gu;
const LATIN_THEN_HAN = /([A-Za-z0-9])(\p{Script=Han})/gu;

export function spaceCjkLatin(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || marker.startsWith(fence))) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      // Headings stay as the outline wrote them: the coverage check matches them exactly.
      if (fence !== undefined || /^#{1,6}\s/.test(line)) return line;
      return line.replace(HAN_THEN_LATIN, '$1 $2').replace(LATIN_THEN_HAN, '$1 $2');
    })
    .join('\n');
}

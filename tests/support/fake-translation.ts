/** What the fake OpenAI-compatible servers answer to a translation request. */

/**
 * A stand-in for a translating model (Chinese only): keeps every heading level, code block, inline code
 * span, link target and glossary term of the source, and writes Chinese prose around them.
 */
export function fakeTranslate(source: string, keep: string[]): string {
  let fence: string | undefined;
  let section = 0;
  const out: string[] = [];
  const keptTerms = keep.filter((term) => source.includes(term));
  let termsPlaced = false;
  for (const line of source.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      out.push(line);
      continue;
    }
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    if (/^# /.test(line)) {
      out.push(`${line}（机器翻译）`);
      continue;
    }
    const heading = /^(#{2,6}) /.exec(line);
    if (heading) {
      out.push(`${heading[1]} 第 ${++section} 部分`);
      continue;
    }
    const prefix = /^(\s*(?:[-*+] |\d+\. |> )?)/.exec(line)?.[1] ?? '';
    const links = [...line.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(
      (m) => `${m[1]}[链接](${m[2]})`,
    );
    const code = [...line.matchAll(/`[^`\n]+`/g)].map((m) => m[0]);
    // Glossary terms go into the body (the first line that is not the description quote).
    const terms = termsPlaced || prefix.startsWith('>') ? [] : keptTerms;
    if (!prefix.startsWith('>')) termsPlaced = true;
    out.push(`${prefix}这是人工智能生成内容的中文译文${[...terms, ...code, ...links].map((x) => ` ${x}`).join('')}。`);
  }
  return out.join('\n');
}

/**
 * The API as prompt text: every exported symbol with its declaration and TSDoc summary.
 * The model writes prose around this and may name nothing else; the offline drafter
 * reads the same text (its `### \`name\`` headings and declarations).
 */
import { allSymbols, type ApiModel } from './model.ts';

/** Longest digest sent to a model; past it, declarations of the remaining symbols are left out. */
const MAX_CHARS = 40_000;

export function apiDigest(model: ApiModel): string {
  // Only symbols get `###` headings: readers of this text (the offline drafter) take headings for symbol names.
  const out: string[] = [
    `Public API of \`${model.packageName}\`${model.packageVersion ? ` ${model.packageVersion}` : ''}, extracted from its source.`,
    '',
  ];
  let size = 0;
  for (const module of model.modules) {
    out.push(`Module \`${module.name}\`:`, '');
    if (module.doc.summary) out.push(plain(module.doc.summary), '');
    const symbols = allSymbols({ ...model, modules: [module] });
    for (const symbol of symbols) {
      const lines = [`### \`${symbol.qualifiedName}\` (${symbol.kind})`];
      if (symbol.doc.deprecated !== undefined) lines.push(`Deprecated. ${plain(symbol.doc.deprecated)}`.trim());
      if (symbol.doc.summary) lines.push(plain(symbol.doc.summary));
      if (size < MAX_CHARS) lines.push('```ts', symbol.declaration, '```');
      lines.push('');
      size += lines.join('\n').length;
      out.push(...lines);
    }
  }
  return out.join('\n').trim() + '\n';
}

/** The names a page may mention, qualified (`Greeter`, `Greeter.greet`, `Greetings.isLoud`). */
export function apiNames(model: ApiModel): string[] {
  const names = new Set<string>();
  for (const symbol of allSymbols(model)) {
    names.add(symbol.qualifiedName);
    for (const member of symbol.members)
      if (member.kind !== 'index' && member.kind !== 'constructor') names.add(`${symbol.qualifiedName}.${member.name}`);
  }
  return [...names];
}

/** Doc Markdown without `api:` links (the prompt has no URLs to offer). */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\(api:[^)]*\)/g, '$1').trim();
}

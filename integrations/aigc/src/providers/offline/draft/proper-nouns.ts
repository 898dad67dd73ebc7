import type { Outline } from '../../../outline/types.ts';

const TITLE_CASE = /^[A-Z][a-z'’]+$/;

/**
 * A function that lowers the first letter of a phrase placed mid-sentence, unless its
 * first word is a proper noun. A word counts as proper when the outline itself writes it
 * capitalised somewhere other than at the start of a line or sentence (`Astro`, `OpenAI`).
 */
export function createLowerer(outline: Pick<Outline, 'data' | 'lead' | 'sections'>): (text: string) => string {
  const proper = new Set<string>();
  const texts = [
    outline.data.title,
    outline.data.description ?? '',
    outline.lead,
    ...outline.sections.flatMap((section) => [section.heading, ...section.points.map((point) => point.text)]),
  ];
  for (const text of texts) {
    // "Python, the most used language…": a capitalised word that a phrase then defines is a name.
    const named = /^([A-Z][a-z'’]+),\s+(?:the|a|an)\s/.exec(text.trim());
    if (named) proper.add(named[1]!);
    for (const sentence of text.split(/(?<=[.!?:;])\s+|\n+/)) {
      const words = sentence.split(/[\s,()"“”]+/).filter(Boolean);
      for (const word of words.slice(1)) {
        const clean = word.replace(/[^\p{L}'’]/gu, '');
        if (TITLE_CASE.test(clean)) proper.add(clean);
      }
    }
  }
  return (text: string): string => {
    const first = text.split(/\s/, 1)[0] ?? '';
    const word = first.replace(/[,.;:!?]+$/, '');
    const lowerable = word === 'A' || word === 'An' || (TITLE_CASE.test(word) && !proper.has(word));
    return lowerable ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  };
}

/**
 * A function that capitalises the start of a sentence, except a word the outline writes
 * as code (`aigc generate`), which keeps its case.
 */
export function createCapitaliser(outline: Pick<Outline, 'raw'>): (text: string) => string {
  const code = new Set([...outline.raw.matchAll(/`([A-Za-z_$][\w$.-]*)/g)].map((match) => match[1]!));
  return (text: string): string => {
    const first = text.split(/[\s(]/, 1)[0] ?? '';
    return code.has(first) ? text : text.charAt(0).toUpperCase() + text.slice(1);
  };
}

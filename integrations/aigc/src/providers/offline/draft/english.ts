import { joinEnglish } from './language.ts';
import type { OpeningContext, Voice } from './voice.ts';

/** Ends a sentence: . ! ? or … with closing quotes or brackets after it. */
const TERMINAL = /[.!?…]["'”’)\]]*$/;

/**
 * Verbs that open an instruction to the writer in a lead ("Explain what AIGC is"); only
 * words that rarely start a statement as a noun, since the lead becomes "This article sets
 * out to explain…".
 */
const INSTRUCTIONS = new Set(
  'explain describe introduce teach compare summarise summarize define demonstrate clarify illustrate discuss convince motivate encourage argue tell give show'.split(
    ' ',
  ),
);

const NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

/** Text without the separators a list item or label may end with. */
function bare(text: string): string {
  return text.trim().replace(/[\s,;:]+$/, '');
}

function finish(text: string): string {
  const trimmed = bare(text);
  return TERMINAL.test(trimmed) ? trimmed : `${trimmed.replace(/\.+$/, '')}.`;
}

function quoted(text: string): string {
  return `“${bare(text).replace(/[.?!]+$/, '')}”`;
}

/**
 * The English voice. `code` holds words the outline writes as code (`npm`, `aigc`): a
 * sentence that starts with one keeps its case.
 */
export function createEnglishVoice(code: ReadonlySet<string>): Voice {
  /** Capitalise the first word, unless it is code, a name with inner capitals (`iPhone`) or a path. */
  const capitalise = (text: string): string => {
    const match = /^([*_[("“‘']*)(\S+)/u.exec(text);
    if (!match) return text;
    const [, markup = '', word = ''] = match;
    const clean = word.replace(/[*_\])"”’'.,;:!?]+$/u, '');
    if (!/^\p{Ll}/u.test(clean) || code.has(clean) || /\p{Lu}|[./\\@#]/u.test(clean.slice(1))) return text;
    return `${markup}${clean.charAt(0).toUpperCase()}${text.slice(markup.length + 1)}`;
  };

  return {
    space: ' ',

    opening(context: OpeningContext): string {
      const noun = context.kind === 'guide' ? 'guide' : context.kind === 'reference' ? 'page' : 'article';
      const sentences: string[] = [];
      let subject = `This ${noun}`;
      for (const block of context.lead.split(/\n\s*\n/).filter((b) => b.trim())) {
        const items = [...block.matchAll(/^\s*(?:[-*+]|\d+[.)])\s+(.+)$/gm)].map((m) => m[1]!);
        if (items.length > 0) {
          sentences.push(...items.map((item) => finish(capitalise(item))));
          continue;
        }
        for (const sentence of block
          .replace(/\s+/g, ' ')
          .trim()
          .split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
          const first = sentence.split(' ', 1)[0]!;
          if (INSTRUCTIONS.has(first.toLowerCase())) {
            // "Explain what AIGC is and where it is used" is an instruction; "sets out to" keeps any verb phrase whole.
            sentences.push(finish(`${subject} sets out to ${first.toLowerCase()}${sentence.slice(first.length)}`));
            subject = 'It also';
          } else {
            sentences.push(finish(capitalise(sentence)));
          }
        }
      }
      if (sentences.length === 0) sentences.push(`This ${noun} is about ${quoted(context.title)}.`);
      if (context.audience && !context.lead.toLowerCase().includes(bare(context.audience).toLowerCase()))
        sentences.push(finish(`It is written for ${bare(context.audience)}`));
      const count = context.headings.length;
      if (count > 1)
        sentences.push(`It has ${NUMBERS[count] ?? count} parts: ${joinEnglish(context.headings.map(quoted))}.`);
      return sentences.join(' ');
    },

    bullet(text: string, details: readonly string[]): string {
      const sentence = capitalise(text.trim());
      if (details.length === 0) return finish(sentence);
      const list = joinEnglish(details.map(bare));
      // "Three kinds:" introduces its nested bullets; anything else takes them in parentheses.
      if (/:\s*$/.test(sentence)) return finish(`${bare(sentence)}: ${list}`);
      const body = finish(sentence);
      return body.endsWith('.') && !body.endsWith('..') ? `${body.slice(0, -1)} (${list}).` : `${body} (${list})`;
    },

    isSentence: (text: string) => TERMINAL.test(text.trim()),

    emptySection(heading: string): string {
      return `${quoted(heading)} has no points in the outline yet.`;
    },
  };
}

import { joinEnglish } from './language.ts';
import type { OpeningContext, SectionContext, Voice } from './voice.ts';

/**
 * Words that make a bullet a clause, not a noun phrase: it is then kept as a sentence.
 * Only auxiliaries and verb forms that are rarely nouns ("need", "uses", "costs" are
 * nouns too often to count).
 */
const VERBS = new Set(
  (
    'is are was were be been being am has have had do does did can could will would shall should may might must ' +
    'cannot makes made lets allows requires depends becomes became generates creates produces builds learns writes wrote ' +
    'gives gave takes took gets got goes went comes came helps turns include includes contain contains'
  ).split(' '),
);

/** Imperatives of how-to bullets ("Add the integration…"): kept as sentences. */
const COMMANDS = new Set('add register run install write edit commit open create put check use pick choose configure import export start'.split(' '));

const IMPERATIVES = new Set(
  (
    'explain show describe introduce give help teach walk cover compare list guide outline summarise summarize present ' +
    'define answer tell make argue convince demonstrate review survey map trace offer provide clarify illustrate discuss ' +
    'motivate encourage set get'
  ).split(' '),
);

/** Bullets that start with a verb, its subject left to the heading ("Lets computers…"). */
const LEADING_VERB = /^(?:lets|allows|makes|helps|turns|creates|generates|produces|gives|takes|needs|uses|builds|learns|writes|reads|runs|works|enables|supports|combines|describes|explains|shows|covers)\s/i;
/** Bullets that start with a participle ("Mainly used for…", "Based on…"). */
const LEADING_PARTICIPLE = /^(?:(?:mainly|mostly|often|usually|also|widely|commonly)\s+)?(?:used|based|made|built|designed|trained|applied|known|found|written)\s/i;
const QUESTION = /^(what|why|how|when|where|who|which|is|are|can|do|does|should)\b/i;

/** A bullet that reads as a sentence on its own. */
export function isEnglishSentence(text: string): boolean {
  if (/[.!?]["'”’)]*$/.test(text)) return true;
  const words = text.toLowerCase().split(/\s+/);
  // Long bullets are clauses far more often than noun phrases.
  if (words.length >= 8 || IMPERATIVES.has(words[0]!) || COMMANDS.has(words[0]!)) return true;
  return words.length >= 3 && words.slice(1).some((word) => VERBS.has(word.replace(/[^a-z']/g, '')));
}

/** Whether a bullet can stand inside a sentence as a noun phrase. */
function isNounPhrase(text: string): boolean {
  return !isEnglishSentence(text) && !LEADING_VERB.test(text) && !LEADING_PARTICIPLE.test(text);
}

function bare(text: string): string {
  return text.replace(/[\s.;:,]+$/, '');
}

function finish(sentence: string): string {
  const trimmed = sentence.trim();
  return /[.!?]["'”’)]*$/.test(trimmed) ? trimmed : `${bare(trimmed)}.`;
}

function thirdPerson(verb: string): string {
  if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/**
 * The English voice. `lower` puts a phrase mid-sentence without breaking proper nouns:
 * only a capitalised word never seen capitalised mid-sentence in the outline is lowered.
 */
export function createEnglishVoice(lower: (text: string) => string, capitalise: (text: string) => string): Voice {
  // Phrasings that read right whether the bullet is singular or plural.
  const firsts = ['It starts with {p}.', 'The first point concerns {p}.', 'The first point is {p}.'];
  const middles = ['Another point concerns {p}.', 'The list continues with {p}.', 'Beyond that, the picture includes {p}.', 'Next on the list: {p}.'];
  const lasts = ['Finally, the list closes with {p}.', 'The last point concerns {p}.'];
  const singles = ['The key point here is {p}.', 'What matters here is {p}.'];
  const fill = (template: string, text: string): string =>
    template.replace('{P}', capitalise(bare(text))).replace('{p}', lower(bare(text)));

  return {
    space: ' ',

    opening(context: OpeningContext): string {
      const noun = context.kind === 'guide' ? 'guide' : context.kind === 'reference' ? 'page' : 'article';
      const sentences: string[] = [];
      const lead = context.lead
        .split(/\n{2,}/)
        .flatMap((block) => {
          const items = [...block.matchAll(/^\s*(?:[-*+]|\d+[.)])\s+(.+)$/gm)].map((m) => bare(m[1]!));
          if (items.length > 0) return [`Along the way it touches on ${joinEnglish(items.map(lower))}.`];
          return block.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z])/);
        })
        .filter(Boolean);
      let subject = `This ${noun}`;
      for (const sentence of lead) {
        const [first = '', ...rest] = sentence.split(' ');
        if (IMPERATIVES.has(first.toLowerCase())) {
          sentences.push(finish(`${subject} ${thirdPerson(first.toLowerCase())} ${rest.join(' ')}`));
          subject = 'It also';
        } else {
          sentences.push(finish(sentence));
        }
      }
      if (sentences.length === 0) {
        sentences.push(
          QUESTION.test(context.title)
            ? `This ${noun} answers a simple question: ${context.title.replace(/\??$/, '?')}`
            : finish(`This ${noun} is about ${lower(context.title)}`),
        );
      }
      // Say who it is for, unless the lead already did.
      if (context.audience && !context.lead.toLowerCase().includes(bare(context.audience).toLowerCase())) {
        sentences.push(`It is written for ${bare(context.audience)}.`);
      }
      if (context.headings.length > 1) {
        sentences.push(`It moves through ${context.headings.length} parts in turn: ${joinEnglish(context.headings.map(lower))}.`);
      }
      return sentences.join(' ');
    },

    point(text: string, index: number, count: number, section: SectionContext): string {
      // The heading is the subject a terse bullet leaves out.
      const nounHeading = !QUESTION.test(section.heading) && section.heading.split(/\s+/).length <= 5;
      if (index === 0 && nounHeading && /^(?:an?|the)\s/i.test(text) && !/^(?:an?|the)\s+\S+\s+(?:is|are|was|were|can|will)\s/i.test(text)) {
        const verb = /[^s]s$/i.test(section.heading) || /\band\b/i.test(section.heading) ? 'are' : 'is';
        return finish(`${section.heading} ${verb} ${lower(text)}`);
      }
      if (nounHeading && LEADING_VERB.test(text)) return finish(`${section.heading} ${lower(text)}`);
      if (LEADING_PARTICIPLE.test(text)) return finish(`${index === 0 && nounHeading ? section.heading : 'It'} ${/[^s]s$/i.test(section.heading) && index === 0 ? 'are' : 'is'} ${lower(text)}`);
      if (isEnglishSentence(text)) return finish(capitalise(text));
      const rotate = (list: string[]): string => list[(section.index + index) % list.length]!;
      if (count === 1) return fill(rotate(singles), text);
      if (index === 0) return fill(rotate(firsts), text);
      if (index === count - 1) return fill(rotate(lasts), text);
      return fill(rotate(middles), text);
    },

    details(items: string[], variant: number): string {
      const phrases = items.map((item) => lower(bare(item)));
      if (phrases.length === 1) return [`One example is ${phrases[0]}.`, `This includes ${phrases[0]}.`, `In particular, that means ${phrases[0]}.`][variant % 3]!;
      return [`Examples include ${joinEnglish(phrases)}.`, `This includes ${joinEnglish(phrases)}.`][variant % 2]!;
    },

    isSentence: isEnglishSentence,

    asIs(text: string): string {
      return finish(capitalise(text));
    },

    emptySection(section: SectionContext): string {
      return finish(`This part turns to ${lower(section.heading)}`);
    },

    dwell(text: string, _details: string[], section: SectionContext): string[] {
      const phrase = isNounPhrase(text) ? lower(bare(text)) : 'this point';
      const heading = lower(section.heading);
      const sentences = [`In the context of ${heading}, it is worth pausing on ${phrase}.`];
      sentences.push(section.audience ? `For ${bare(section.audience)}, it helps to keep ${phrase} in view.` : `It helps to keep ${phrase} in view in what follows.`);
      sentences.push(`This point connects to the rest of ${heading}.`);
      return sentences;
    },

    close(section: SectionContext, points: number): string[] {
      const heading = lower(section.heading);
      return [
        ...(points > 1 ? [`Taken together, these points make up ${heading}.`] : []),
        section.next ? `The next part builds on this: ${section.next}.` : 'That completes the picture.',
      ];
    },
  };
}

import {
  baseForm,
  COMMANDS,
  hasFiniteVerb,
  IMPERATIVES,
  isEnglishSentence,
  isGerund,
  isNounHeading,
  isPlural,
  LEADING_PARTICIPLE,
  LEADING_VERB,
  numberWord,
  QUESTION,
  thirdPerson,
} from './english-grammar.ts';
import { joinEnglish } from './language.ts';
import { fill, positionOf, type Position, type TemplatePicker } from './templates.ts';
import type { Bullet, BulletPlace, OpeningContext, SectionContext, Voice } from './voice.ts';

/*
 * Slots: {H} the heading as written, {h} lowered; {p} the bullet lowered, {P} capitalised;
 * {be}/{s} agree with the bullet, {hbe}/{hs}/{It} with the heading; {L}/{l} a label, {b} what
 * follows it, {lbe}/{ls} agree with the label, {bbe} with what follows.
 * Templates with {H} or {h} are used only when the heading reads as a noun.
 */

/** Frames for a bullet that is a noun phrase, by its place in the section. */
const NOUN: Readonly<Record<Position, readonly string[]>> = {
  single: ['The focus here is on {p}.', '{H} come{hs} down to {p}.'],
  first: ['First, there {be} {p}.', '{H} start{hs} with {p}.', 'To begin with, there {be} {p}.'],
  middle: ['Then there {be} {p}.', 'Next come{s} {p}.', 'There {be} also {p}.', 'Another part of {h} is {p}.', 'Add to that {p}.', '{H} also take{hs} in {p}.', 'Alongside this, there {be} {p}.'],
  last: ['Finally, there {be} {p}.', 'Last come{s} {p}.', 'The list ends with {p}.', 'To round things off, there {be} {p}.'],
};

/** Frames for a bullet that opens with a gerund ("Generating test cases…"). */
const GERUND: Readonly<Record<Position, readonly string[]>> = {
  single: ['The task here is {p}.', '{H} mean{hs} {p}.'],
  first: ['{H} start{hs} with {p}.', 'The first task is {p}.', 'First comes {p}.'],
  middle: ['It also means {p}.', 'Another task is {p}.', 'Then comes {p}.', '{H} {hbe} also about {p}.'],
  last: ['Finally, it means {p}.', 'The last task is {p}.', 'Last comes {p}.'],
};

/** Frames for "Label: what it holds" bullets. */
const LABEL = [
  '{L} come{ls} down to {b}.',
  'For {l}, that means {b}.',
  '{L} bring{ls} in {b}.',
  'When it comes to {l}, think of {b}.',
  'On the {l} side, there {bbe} {b}.',
  'Under {l} come{bs} {b}.',
];

/** Subject-less bullets ("Lets computers…", "Used for…"): the heading or "it" is the subject. */
const VERB_FIRST = ['{H} {v}.', '{H} also {v}.', '{It} also {v}.'];
const VERB_LATER = ['{It} also {v}.', '{H} also {v}.', '{It} {v}.'];
const PARTICIPLE_FIRST = ['{H} {hbe} {p}.', '{It} {hbe} also {p}.'];
const PARTICIPLE_LATER = ['{It} {hbe} {p}.', '{It} {hbe} also {p}.', '{H} {hbe} {p}.'];

/** Words that join a bullet already written as a sentence to the one before. */
const CONNECTIVES: Readonly<Record<Position, readonly string[]>> = {
  single: ['Here, '],
  first: ['First, ', 'To begin with, '],
  middle: ['Beyond that, ', 'On top of that, ', 'In addition, ', 'Also, ', 'Besides, ', 'What is more, '],
  last: ['Finally, ', 'Lastly, '],
};

/** Nested phrase bullets folded into their parent's sentence; then as a sentence of their own. */
const EXAMPLES = [', for example {x}', ', such as {x}', ', including {x}'];
const EXAMPLE_SENTENCES = ['Examples include {x}.', 'Take {x}, for instance.'];

/** "Label: body", the label short and verb-less ("Linear algebra: matrix operations, …"). */
const LABELLED = /^([^:`]{1,40}?):\s+(\S.*)$/;

function bare(text: string): string {
  return text.trim().replace(/[\s.;:,]+$/, '');
}

function finish(sentence: string): string {
  const trimmed = sentence.trim();
  return /[.!?]["'”’)]*$/.test(trimmed) ? trimmed : `${bare(trimmed)}.`;
}

type Shape =
  | { kind: 'sentence' }
  | { kind: 'label'; label: string; body: string }
  | { kind: 'verb' }
  | { kind: 'participle' }
  | { kind: 'article' }
  | { kind: 'gerund' }
  | { kind: 'noun' };

/** What kind of phrase a bullet is, which decides how it enters a sentence. */
function shapeOf(text: string): Shape {
  const trimmed = text.trim();
  if (/[.!?]["'”’)]*$/.test(trimmed)) return { kind: 'sentence' };
  const labelled = LABELLED.exec(trimmed);
  if (labelled) {
    const [, label = '', body = ''] = labelled;
    const first = label.split(/\s+/)[0]!.toLowerCase();
    if (label.split(/\s+/).length <= 4 && !hasFiniteVerb(label) && !COMMANDS.has(first)) {
      // "Tip: run it first" keeps its own sentence.
      return isEnglishSentence(body) && !LEADING_VERB.test(body) ? { kind: 'sentence' } : { kind: 'label', label, body };
    }
  }
  if (LEADING_VERB.test(trimmed)) return { kind: 'verb' };
  if (LEADING_PARTICIPLE.test(trimmed)) return { kind: 'participle' };
  if (isEnglishSentence(trimmed)) return { kind: 'sentence' };
  if (isGerund(trimmed)) return { kind: 'gerund' };
  if (/^(?:an?|the)\s/i.test(trimmed)) return { kind: 'article' };
  return { kind: 'noun' };
}

/**
 * The English voice. `lower` puts a phrase mid-sentence without breaking proper nouns;
 * `capitalise` starts a sentence without breaking a word the outline writes as code.
 */
export function createEnglishVoice(lower: (text: string) => string, capitalise: (text: string) => string): Voice {
  /** The template for a sentence, skipping those that name a heading which is not a noun. */
  const choose = (picker: TemplatePicker, list: readonly string[], start: number, nounHeading: boolean): string | undefined =>
    picker.pick(nounHeading ? list : list.filter((template) => !/\{[Hh]\}/.test(template)), start);

  /** A bullet written as a sentence, joined to the previous one by a connective when it helps. */
  const asSentence = (text: string, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string => {
    const sentence = finish(text);
    const position = positionOf(place.index, place.count);
    // A sentence that starts with a lowercase word (often a command) is never capitalised: a connective leads it.
    const needed = /^[a-z`]/.test(sentence);
    const wanted = position === 'last' || (position === 'middle' && (place.index + section.index) % 2 === 1);
    if (needed || wanted) {
      const connective = picker.pick(CONNECTIVES[position], section.index) ?? (needed ? picker.pick(CONNECTIVES.middle, place.index) : undefined);
      if (connective) return `${connective}${lower(sentence)}`;
    }
    return capitalise(sentence);
  };

  const frame = (bullet: Bullet, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string => {
    const text = bullet.text.trim();
    const shape = shapeOf(text);
    const nounHeading = isNounHeading(section.heading);
    const pluralHeading = isPlural(section.heading);
    const phrase = bare(text);
    const plural = isPlural(phrase);
    const words: Record<string, string> = {
      H: section.heading,
      h: lower(section.heading),
      p: lower(phrase),
      P: capitalise(phrase),
      be: plural ? 'are' : 'is',
      s: plural ? '' : 's',
      hbe: pluralHeading ? 'are' : 'is',
      hs: pluralHeading ? '' : 's',
      It: pluralHeading && nounHeading ? 'They' : 'It',
    };
    const position = positionOf(place.index, place.count);
    const start = section.index + place.index;
    let template: string | undefined;

    switch (shape.kind) {
      case 'sentence':
        return asSentence(text, place, section, picker);
      case 'label': {
        const body = bare(shape.body);
        const pluralLabel = isPlural(shape.label);
        if (LEADING_VERB.test(body)) return finish(`${capitalise(shape.label)} ${lower(pluralLabel ? body.replace(/^\S+/, baseForm) : body)}`);
        Object.assign(words, {
          L: capitalise(shape.label),
          l: lower(shape.label),
          b: lower(body),
          ls: pluralLabel ? '' : 's',
          lbe: pluralLabel ? 'are' : 'is',
          bs: isPlural(body) ? '' : 's',
          bbe: isPlural(body) ? 'are' : 'is',
        });
        template = picker.pick(LABEL, start);
        break;
      }
      case 'verb': {
        const verb = pluralHeading && nounHeading ? phrase.replace(/^\S+/, (first) => baseForm(first.toLowerCase())) : phrase;
        words.v = lower(verb);
        template = choose(picker, place.index === 0 ? VERB_FIRST : VERB_LATER, 0, nounHeading);
        break;
      }
      case 'participle':
        template = choose(picker, place.index === 0 ? PARTICIPLE_FIRST : PARTICIPLE_LATER, 0, nounHeading);
        break;
      case 'article':
        // "An important method of…" under "Deep learning": the heading is the subject it leaves out.
        if (place.index === 0 && nounHeading) template = picker.pick([`{H} {hbe} {p}.`], 0);
        template ??= choose(picker, NOUN[position], start, nounHeading);
        break;
      case 'gerund':
        template = choose(picker, GERUND[position], start, nounHeading);
        break;
      case 'noun':
        template = choose(picker, NOUN[position], start, nounHeading);
        break;
    }
    // Every frame of this place is taken (a very long section): fall back to any unused one.
    template ??= choose(picker, [...NOUN.middle, ...GERUND.middle], start, nounHeading);
    return template ? fill(template, words) : finish(words.P!);
  };

  const withExamples = (sentence: string, examples: string[], picker: TemplatePicker): string[] => {
    if (examples.length === 0) return [sentence];
    const x = joinEnglish(examples.map((example) => lower(bare(example))));
    const folded = sentence.endsWith('.') ? picker.pick(EXAMPLES, 0) : undefined;
    if (folded) return [`${sentence.slice(0, -1)}${fill(folded, { x })}.`];
    const own = picker.pick(EXAMPLE_SENTENCES, 0);
    return [sentence, own ? fill(own, { x }) : finish(capitalise(x))];
  };

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
          // "Give a definition and set up the series" → "gives … and sets up …".
          const predicate = rest.join(' ').replace(/\b(and|then) ([a-z]+)\b/g, (match, joint: string, verb: string) =>
            IMPERATIVES.has(verb) || COMMANDS.has(verb) ? `${joint} ${thirdPerson(verb)}` : match,
          );
          sentences.push(finish(`${subject} ${thirdPerson(first.toLowerCase())} ${predicate}`));
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
      if (context.headings.length > 1) sentences.push(`It moves through ${numberWord(context.headings.length)} parts in turn: ${partList(context.headings, lower)}.`);
      return sentences.join(' ');
    },

    bullet(bullet: Bullet, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string[] {
      const sentences = withExamples(frame(bullet, place, section, picker), bullet.examples, picker);
      return [...sentences, ...bullet.asides.map((aside) => finish(capitalise(aside)))];
    },

    isSentence: isEnglishSentence,

    emptySection(section: SectionContext): string {
      return finish(`This part turns to ${lower(section.heading)}`);
    },
  };
}

/**
 * The headings as a list. Noun headings read lowered ("text generation and code generation");
 * when one holds its own "and" or is not a noun, they keep their capitals so the list stays
 * readable ("Install and configure, Write an outline, and Run it in CI").
 */
function partList(headings: readonly string[], lower: (text: string) => string): string {
  const plainList = headings.every((heading) => isNounHeading(heading) && !/\band\b/i.test(heading));
  if (plainList) return joinEnglish(headings.map(lower));
  return `${headings.slice(0, -1).join(', ')}, and ${headings.at(-1)}`;
}

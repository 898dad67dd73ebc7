import { chinesePunctuation, joinChinese } from './language.ts';
import { fill, positionOf, type Position, type TemplatePicker } from './templates.ts';
import type { Bullet, BulletPlace, OpeningContext, SectionContext, Voice } from './voice.ts';

/** Marks of a clause: with one of these a bullet reads as a statement, not a noun phrase. */
const CLAUSE_MARKS = /[是能会让把被要可用将使给在有]|可以|需要|应该|通过|帮助|生成/;

/** Verbs that open an instruction to the writer ("介绍…"): the lead then becomes "本文介绍…". */
const INSTRUCTION = /^(?:向|为|给|帮助|介绍|解释|说明|讲解|讲述|梳理|概述|总结|描述|展示|比较|回答|告诉|带领|引导|教|用[^，。]{0,12}(?:介绍|解释|说明|讲解|讲述))/;

/** Bullets whose subject is left out ("涵盖文本、图像……"): the heading or "它" supplies it. */
const VERB_FIRST = /^(?:涵盖|包括|包含|用于|应用于|让|使|能够|可以|指|是|由|使用|利用|帮助|支持)/;

/** "标签：内容" bullets; the label is short. */
const LABELLED = /^([^：:，,。；;]{1,12})[：:]\s*(\S[\s\S]*)$/;

/** Headings that cannot be a subject: questions. */
const QUESTION = /什么|如何|为什么|怎样|怎么|哪些|吗|？|\?/;

const NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/*
 * Slots: {p} the bullet, {H} the heading, {l} a label, {b} what follows it.
 * Templates with {H} are used only when the heading can be a subject.
 */

/** Frames for a bullet that is a noun phrase, by its place in the section. */
const NOUN: Readonly<Record<Position, readonly string[]>> = {
  single: ['这里的重点是{p}。', '这一部分的核心是{p}。'],
  first: ['首先是{p}。', '先来看{p}。', '第一点是{p}。'],
  middle: ['其次是{p}。', '此外还有{p}。', '接下来是{p}。', '另外还有{p}。', '再来看{p}。', '与之并列的是{p}。'],
  last: ['最后是{p}。', '最后，还有{p}。'],
};

/** Frames for "标签：内容" bullets whose content is a list of things. */
const LABEL = ['谈到{l}，主要有{b}。', '在{l}方面，包括{b}。', '{l}涵盖{b}。', '至于{l}，则有{b}。', '{l}方面的内容有{b}。', '说到{l}，要关注的是{b}。', '{l}这一块，包括{b}。'];

/** Subject-less bullets: the heading is the subject first, then "它". */
const SUBJECTLESS_FIRST = ['{H}{p}。', '它{p}。'];
const SUBJECTLESS_LATER = ['它还{p}。', '它也{p}。', '{H}还{p}。', '同时，它{p}。'];

/** Words that join a bullet already written as a statement to the one before. */
const CONNECTIVES: Readonly<Record<Position, readonly string[]>> = {
  single: [],
  first: ['首先，'],
  middle: ['其次，', '此外，', '另外，', '同时，', '再者，', '不仅如此，'],
  last: ['最后，', '最后要说的是，'],
};

/** Nested phrase bullets folded into their parent's sentence; then as a sentence of their own. */
const EXAMPLES = ['，例如{x}', '，比如{x}', '，其中包括{x}'];
const EXAMPLE_SENTENCES = ['具体的例子有{x}。', '举例来说，有{x}。'];

/** A heading named inside a sentence, in quotes so it reads as a name. */
function quoted(heading: string): string {
  return `“${bare(heading)}”`;
}

function bare(text: string): string {
  return chinesePunctuation(text.trim()).replace(/[\s。．.，,；;：:、]+$/, '');
}

function finish(text: string): string {
  const clean = chinesePunctuation(text.trim());
  return /[。！？!?]["”’）)]*$/.test(clean) ? clean : `${bare(clean)}。`;
}

/** A bullet that states something (so it cannot follow "首先是…"). */
function isClause(phrase: string): boolean {
  return phrase.length > 12 || CLAUSE_MARKS.test(phrase) || /，/.test(phrase);
}

/** A bullet that already is a full sentence. */
function isSentence(text: string): boolean {
  return /[。！？]["”’）)]*$/.test(text.trim());
}

/** The Chinese voice: Chinese connectives and full-width punctuation. */
export function createChineseVoice(): Voice {
  /** A statement, led by a connective on some places so consecutive ones do not all start bare. */
  const statement = (text: string, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string => {
    const position = positionOf(place.index, place.count);
    const wanted =
      position === 'last' || (position === 'middle' && (place.index + section.index) % 2 === 1) || (position === 'first' && place.count >= 3 && section.index % 2 === 0);
    const connective = wanted ? picker.pick(CONNECTIVES[position], place.index) : undefined;
    return `${connective ?? ''}${finish(text)}`;
  };

  const frame = (text: string, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string => {
    const position = positionOf(place.index, place.count);
    const start = section.index + place.index;
    const subject = !QUESTION.test(section.heading) && bare(section.heading).length <= 8;
    const choose = (list: readonly string[], from: number): string | undefined =>
      picker.pick(subject ? list : list.filter((template) => !template.includes('{H}')), from);
    if (isSentence(text)) return statement(text, place, section, picker);

    const labelled = LABELLED.exec(bare(text));
    if (labelled) {
      const [, label = '', body = ''] = labelled;
      // "深度学习：使用多层神经网络……": the label is the subject of what follows.
      if (VERB_FIRST.test(body)) return statement(`${label.trim()}${body}`, place, section, picker);
      const template = picker.pick(LABEL, start);
      if (template) return fill(template, { l: label.trim(), b: body });
    }

    const phrase = bare(text);
    if (VERB_FIRST.test(phrase)) {
      const template = choose(place.index === 0 ? SUBJECTLESS_FIRST : SUBJECTLESS_LATER, 0);
      if (template) return fill(template, { p: phrase, H: bare(section.heading) });
    }
    if (isClause(phrase)) return statement(phrase, place, section, picker);
    const template = picker.pick(NOUN[position], start) ?? picker.pick(NOUN.middle, start);
    return template ? fill(template, { p: phrase }) : finish(phrase);
  };

  const withExamples = (sentence: string, examples: string[], picker: TemplatePicker): string[] => {
    if (examples.length === 0) return [sentence];
    const x = joinChinese(examples.map(bare));
    const folded = sentence.endsWith('。') ? picker.pick(EXAMPLES, 0) : undefined;
    if (folded) return [`${sentence.slice(0, -1)}${fill(folded, { x })}。`];
    const own = picker.pick(EXAMPLE_SENTENCES, 0);
    return [sentence, own ? fill(own, { x }) : finish(x)];
  };

  return {
    space: '',

    opening(context: OpeningContext): string {
      const noun = context.kind === 'guide' ? '本指南' : '本文';
      const sentences: string[] = [];
      for (const block of context.lead.split(/\n{2,}/).filter((b) => b.trim())) {
        const items = [...block.matchAll(/^\s*(?:[-*+]|\d+[.)])\s+(.+)$/gm)].map((m) => bare(m[1]!));
        if (items.length > 0) {
          sentences.push(`文中还会谈到${joinChinese(items)}。`);
          continue;
        }
        const text = block.replace(/\s*\n\s*/g, '');
        sentences.push(finish(INSTRUCTION.test(text) ? `${noun}${text}` : text));
      }
      if (sentences.length === 0) sentences.push(`${noun}围绕“${bare(context.title)}”展开。`);
      if (context.audience && !context.lead.includes(bare(context.audience))) sentences.push(`${noun}面向${bare(context.audience)}。`);
      const count = context.headings.length;
      if (count > 1) sentences.push(`全文分为${NUMBERS[count] ?? count}个部分，依次讨论${joinChinese(context.headings.map(quoted))}。`);
      return sentences.join('');
    },

    bullet(bullet: Bullet, place: BulletPlace, section: SectionContext, picker: TemplatePicker): string[] {
      const sentences = withExamples(frame(bullet.text, place, section, picker), bullet.examples, picker);
      return [...sentences, ...bullet.asides.map(finish)];
    },

    isSentence,

    emptySection(section: SectionContext): string {
      return `这一部分讨论${quoted(section.heading)}。`;
    },
  };
}

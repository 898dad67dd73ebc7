import { chinesePunctuation, joinChinese } from './language.ts';
import type { OpeningContext, SectionContext, Voice } from './voice.ts';

/** Marks of a clause: with one of these a bullet reads as a statement, not a noun phrase. */
const CLAUSE_MARKS = /[是能会让把被要可用将使给在有]|可以|需要|应该|通过|帮助|生成/;

/** Verbs that open an instruction to the writer ("介绍…"): the lead then becomes "本文介绍…". */
const INSTRUCTION = /^(?:向|为|给|帮助|介绍|解释|说明|讲解|讲述|梳理|概述|总结|描述|展示|比较|回答|告诉|带领|引导|教)/;

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
  const nounFirsts = ['首先是{p}。', '第一点是{p}。', '先来看{p}。'];
  const nounMiddles = ['其次是{p}。', '此外还有{p}。', '另外，{p}也值得关注。', '接下来是{p}。'];
  const nounLasts = ['最后是{p}。', '最后，还有{p}。'];
  const clauseFirsts = ['首先，{p}。', '第一，{p}。'];
  const clauseMiddles = ['其次，{p}。', '此外，{p}。', '同时，{p}。', '另外，{p}。'];
  const clauseLasts = ['最后，{p}。', '最后要说的是，{p}。'];
  const singles = ['这里的要点是{p}。', '这一部分的核心是{p}。'];

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
      if (context.headings.length > 1) sentences.push(`全文分为${context.headings.length}个部分，依次讨论${joinChinese(context.headings.map(quoted))}。`);
      return sentences.join('');
    },

    point(text: string, index: number, count: number, section: SectionContext): string {
      if (isSentence(text)) return finish(text);
      const phrase = bare(text);
      const clause = isClause(phrase);
      const rotate = (list: string[]): string => list[(section.index + index) % list.length]!;
      const template =
        count === 1
          ? clause
            ? '{p}。'
            : rotate(singles)
          : index === 0
            ? rotate(clause ? clauseFirsts : nounFirsts)
            : index === count - 1
              ? rotate(clause ? clauseLasts : nounLasts)
              : rotate(clause ? clauseMiddles : nounMiddles);
      return template.replace('{p}', phrase);
    },

    details(items: string[], variant: number): string {
      const phrases = items.map(bare);
      if (phrases.length === 1) return [`例如${phrases[0]}。`, `具体来说，${phrases[0]}。`, `其中包括${phrases[0]}。`][variant % 3]!;
      return [`例如${joinChinese(phrases)}。`, `其中包括${joinChinese(phrases)}。`][variant % 2]!;
    },

    isSentence,

    asIs(text: string): string {
      return finish(text);
    },

    emptySection(section: SectionContext): string {
      return `这一部分讨论${quoted(section.heading)}。`;
    },

    dwell(text: string, _details: string[], section: SectionContext): string[] {
      const clause = isSentence(text) || isClause(bare(text));
      const phrase = clause ? '这一点' : bare(text);
      const heading = quoted(section.heading);
      const sentences = [`在${heading}中，${phrase}值得多花一点时间。`];
      sentences.push(
        section.audience ? `对于${bare(section.audience)}来说，先抓住${phrase}，后面的内容会更容易理解。` : `先抓住${phrase}，后面的内容会更容易理解。`,
      );
      sentences.push(`这一点与${heading}中的其他内容密切相关。`);
      return sentences;
    },

    close(section: SectionContext, points: number): string[] {
      const heading = quoted(section.heading);
      return [
        ...(points > 1 ? [`以上几点合在一起，构成了${heading}的主要内容。`] : []),
        section.next ? `下一部分将在此基础上讨论${quoted(section.next)}。` : '至此，全文的脉络就完整了。',
      ];
    },
  };
}

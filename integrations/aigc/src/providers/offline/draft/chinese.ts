import { chinesePunctuation, joinChinese } from './language.ts';
import type { OpeningContext, Voice } from './voice.ts';

/** Ends a sentence, full-width or ASCII, with closing quotes or brackets after it. */
const TERMINAL = /[。！？!?…]["”’）)]*$|(?<![\d.])\.["”’）)]*$/;

/** Verbs that open an instruction to the writer ("介绍…"): the lead then becomes "本文介绍…". */
const INSTRUCTION =
  /^(?:向|为|给|帮助|介绍|解释|说明|讲解|讲述|梳理|概述|总结|描述|展示|比较|回答|告诉|带领|引导|教|用[^，。]{0,12}(?:介绍|解释|说明|讲解|讲述))/;

const NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

function bare(text: string): string {
  return chinesePunctuation(text.trim()).replace(/[\s，,；;：:、]+$/, '');
}

function finish(text: string): string {
  const clean = bare(text);
  return TERMINAL.test(clean) ? clean : `${clean}。`;
}

function quoted(text: string): string {
  return `“${bare(text).replace(/[。？！?!.]+$/, '')}”`;
}

/** The Chinese voice: full-width punctuation, no spaces between sentences. */
export function createChineseVoice(): Voice {
  return {
    space: '',

    opening(context: OpeningContext): string {
      const noun = context.kind === 'guide' ? '本指南' : '本文';
      const sentences: string[] = [];
      for (const block of context.lead.split(/\n\s*\n/).filter((b) => b.trim())) {
        const items = [...block.matchAll(/^\s*(?:[-*+]|\d+[.)])\s+(.+)$/gm)].map((m) => m[1]!);
        if (items.length > 0) {
          sentences.push(...items.map(finish));
          continue;
        }
        const text = block.replace(/\s*\n\s*/g, '');
        sentences.push(finish(INSTRUCTION.test(text) ? `${noun}${text}` : text));
      }
      if (sentences.length === 0) sentences.push(`${noun}围绕${quoted(context.title)}展开。`);
      if (context.audience && !context.lead.includes(bare(context.audience)))
        sentences.push(`${noun}面向${bare(context.audience)}。`);
      const count = context.headings.length;
      if (count > 1)
        sentences.push(`全文分为${NUMBERS[count] ?? count}个部分：${joinChinese(context.headings.map(quoted))}。`);
      return sentences.join('');
    },

    bullet(text: string, details: readonly string[]): string {
      if (details.length === 0) return finish(text);
      const list = joinChinese(details.map(bare));
      if (/[：:]\s*$/.test(text)) return finish(`${bare(text)}：${list}`);
      const body = finish(text);
      return body.endsWith('。') ? `${body.slice(0, -1)}（${list}）。` : `${body}（${list}）`;
    },

    isSentence: (text: string) => TERMINAL.test(chinesePunctuation(text.trim())),

    emptySection(heading: string): string {
      return `${quoted(heading)}这一部分在提纲中还没有要点。`;
    },
  };
}

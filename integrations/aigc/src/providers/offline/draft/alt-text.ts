import { isChinese } from './language.ts';

const LEAD_INS = /^(?:an?\s+|the\s+)?(?:image|picture|photo(?:graph)?|illustration|drawing|rendering|painting|sketch|diagram)\s+(?:of|showing|with)\s+/i;

/**
 * Alt text from an image prompt: its first sentence, without "an image of", as one
 * short sentence (at most about 125 characters, cut at a word).
 */
export function draftAltText(prompt: string, context: string, lang: string): string {
  const source = prompt.trim() || context.trim();
  const zh = isChinese(lang);
  let sentence = (source.split(/(?<=[.!?。！？])\s*/)[0] ?? '').replace(/\s+/g, ' ').trim();
  sentence = sentence.replace(LEAD_INS, '').replace(/^(?:一张|一幅)?(?:图片|插图|照片)[:：]\s*/, '');
  sentence = sentence.replace(/[.!?。！？\s]+$/, '');
  if (sentence.length > 125) {
    const cut = sentence.slice(0, 125);
    sentence = zh ? cut : cut.slice(0, Math.max(cut.lastIndexOf(' '), 60));
  }
  if (sentence === '') return zh ? '插图。' : 'Illustration.';
  const capital = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return zh ? `${capital}。` : `${capital}.`;
}

/**
 * English prose checks from the retext family, run on the page's own mdast tree (through
 * remark-retext, so every message keeps its place in the generated file): passive voice,
 * simpler alternatives, inconsiderate wording, repeated words, reading age, spelling with the
 * `dictionary-en` package, and sentence length. Their messages are renamed to `style-*` rule
 * ids with the severities the style file gives.
 */
import dictionaryEn from 'dictionary-en';
import type { Root as MdastRoot } from 'mdast';
import remarkRetext from 'remark-retext';
import retextEnglish from 'retext-english';
import retextEquality from 'retext-equality';
import retextPassive from 'retext-passive';
import retextReadability from 'retext-readability';
import retextRepeatedWords from 'retext-repeated-words';
import retextSimplify from 'retext-simplify';
import retextSpell from 'retext-spell';
import { unified, type Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { styleSeverity, type Style } from './config.ts';

/** retext's source → our rule id. */
const RULE_OF_SOURCE: Readonly<Record<string, string>> = {
  'retext-passive': 'style-passive',
  'retext-simplify': 'style-simplify',
  'retext-equality': 'style-equality',
  'retext-repeated-words': 'style-repeated-word',
  'retext-readability': 'style-readability',
  'retext-spell': 'style-spelling',
  'aigc-sentence-length': 'style-sentence-length',
};

/** Building the spell checker reads a 550 kB dictionary: once per process and word list. */
const bridges = new Map<string, Processor<MdastRoot, MdastRoot, MdastRoot>>();

function bridgeFor(style: Style): Processor<MdastRoot, MdastRoot, MdastRoot> {
  const key = JSON.stringify(style);
  let bridge = bridges.get(key);
  if (!bridge) {
    const on = (ruleId: string) => styleSeverity(style, ruleId) !== 'off';
    const retext = unified().use(retextEnglish);
    if (on('style-passive') && style.voice === 'active') retext.use(retextPassive);
    if (on('style-simplify')) retext.use(retextSimplify);
    if (on('style-equality')) retext.use(retextEquality);
    if (on('style-repeated-word')) retext.use(retextRepeatedWords);
    if (on('style-readability')) retext.use(retextReadability, { age: style.readingAge });
    if (on('style-spelling') && style.spelling)
      retext.use(retextSpell, { dictionary: dictionaryEn, personal: style.spelling.words.join('\n') });
    if (on('style-sentence-length')) retext.use(sentenceLength, style.sentenceLength.words);
    bridge = unified().use(remarkRetext, retext as never, {
      ignore: ['code', 'html', 'yaml', 'toml', 'heading'],
    }) as unknown as Processor<MdastRoot, MdastRoot, MdastRoot>;
    bridges.set(key, bridge);
  }
  return bridge;
}

/** Run the English checks on `tree`; their messages land on `file` as `style-*` findings. */
export async function checkEnglishProse(tree: MdastRoot, file: VFile, style: Style): Promise<void> {
  const before = file.messages.length;
  await bridgeFor(style).run(structuredClone(tree), file);
  const added = file.messages.splice(before);
  for (const message of added) {
    const ruleId = RULE_OF_SOURCE[message.source ?? ''];
    if (!ruleId) continue;
    const severity = styleSeverity(style, ruleId);
    if (severity === 'off' || (ruleId === 'style-spelling' && isTechnicalToken(message.actual ?? ''))) continue;
    message.ruleId = ruleId;
    message.source = 'aigc';
    message.fatal = severity === 'error';
    message.note = fixFor(ruleId, message.expected ?? [], style);
    file.messages.push(message);
  }
}

/** Acronyms ("CLI", "MP3s") and tokens with inner punctuation ("astro-aigc", "index.ts") are names, not misspellings. */
function isTechnicalToken(word: string): boolean {
  return /^[\p{Lu}\d]{2,}s?$/u.test(word) || /\p{L}[-_./@]\p{L}/u.test(word) || /\d/.test(word);
}

function fixFor(ruleId: string, expected: readonly string[], style: Style): string {
  const options = expected
    .filter(Boolean)
    .slice(0, 3)
    .map((e) => `"${e}"`)
    .join(' or ');
  switch (ruleId) {
    case 'style-passive':
      return 'Rewrite in the active voice: say who does what.';
    case 'style-simplify':
      return options ? `Write ${options} instead, or drop it.` : 'Drop the phrase, or say it more simply.';
    case 'style-equality':
      return options ? `Consider ${options}.` : 'Use wording that does not exclude or label people.';
    case 'style-repeated-word':
      return 'Delete the repeated word.';
    case 'style-readability':
      return `Split the sentence or use shorter words: the house style writes for readers of ${style.readingAge}.`;
    case 'style-spelling':
      return `${options ? `Did you mean ${options}? ` : ''}If the word is right, add it to \`spelling.words\` in the style file.`;
    case 'style-sentence-length':
      return `Split the sentence: the house style keeps sentences to ${style.sentenceLength.words} words.`;
    default:
      return '';
  }
}

/** The part of an nlcst sentence this check reads (the types package is not a dependency). */
interface SentenceNode {
  type: 'SentenceNode';
  children: { type: string }[];
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** A retext plugin: sentences longer than `max` words. */
function sentenceLength(max: number) {
  return (tree: Parameters<typeof visit>[0], file: VFile) => {
    visit(tree, 'SentenceNode', (node) => {
      const sentence = node as unknown as SentenceNode;
      const words = sentence.children.filter((node) => node.type === 'WordNode').length;
      if (words <= max) return;
      const message = file.message(`Sentence of ${words} words (the house style's limit is ${max}).`, {
        place: sentence.position ?? null,
        ruleId: 'sentence-length',
        source: 'aigc-sentence-length',
      });
      message.fatal = false;
    });
  };
}

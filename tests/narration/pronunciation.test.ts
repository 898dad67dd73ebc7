/**
 * The pronunciation layer against the engine: every lexicon entry and every built-in rule is
 * said by eSpeak NG (its IPA output, the same path as synthesis) and compared with the
 * reading a listener should hear. A reading the engine gets wrong fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  lexiconEntriesFor,
  lexiconFor,
  readLexicon,
} from '../../integrations/aigc/src/generators/narration/lexicon.ts';
import { PRONUNCIATION_RULES, speakable } from '../../integrations/aigc/src/generators/narration/pronounce.ts';
import { espeakPhonemes } from '../../integrations/aigc/src/providers/offline/speech.ts';

const repo = readLexicon(new URL('../../content/lexicon.yml', import.meta.url).pathname);
const LANGS = ['en', 'zh-CN'] as const;

/**
 * IPA compared on its sounds: no stress marks, word or phoneme separators, language switches
 * or Mandarin tones (eSpeak writes tone 3 as a bare "ɜ", the English vowel always as "ɜː").
 */
function sounds(ipa: string): string {
  return ipa.replace(/\([a-z-]+\)/g, '').replace(/[ˈˌ_\s\d]|ɜ(?!ː)/g, '');
}

async function said(text: string, lang: string): Promise<string> {
  return sounds(await espeakPhonemes(text, lang));
}

describe('every lexicon entry, said by eSpeak NG', () => {
  for (const lang of LANGS) {
    const entries = Object.entries(lexiconEntriesFor(repo, lang));
    it(`${lang}: has entries, each with the phonemes it must produce`, () => {
      expect(entries.length).toBeGreaterThan(8);
      expect(entries.filter(([, entry]) => !entry.ipa).map(([term]) => term)).toEqual([]);
    });
    for (const [term, entry] of entries) {
      it(`${lang}: ${term} → "${entry.say}" sounds /${entry.ipa}/`, async () => {
        expect(await said(entry.say, lang)).toBe(sounds(entry.ipa ?? ''));
        // And in sentences, through the whole layer: first, after a weak word ("of", where
        // eSpeak turns a lone A into "uh"), and last: the term is read as the entry says.
        const sentences = lang.startsWith('zh')
          ? [`我们用${term}。`, `${term}的应用。`, `这是${term}`]
          : [`We use ${term} here.`, `${term} is next.`, `A part of ${term}.`, `This is for ${term}, and more.`];
        for (const sentence of sentences) {
          expect(await said(speakable(sentence, lang, lexiconFor(repo, lang)), lang), sentence).toContain(
            sounds(entry.ipa ?? ''),
          );
        }
      });
    }
  }

  it('the bug it fixes: "A I G C" is heard as "uh eye gee see", "AIGC" as one word', async () => {
    expect(await said('A I G C', 'en')).toMatch(/^ɐaɪ/);
    expect(await said('AIGC', 'en')).toBe('eɪɡk');
    expect(await said('of A-I-G-C', 'en')).toMatch(/^əvəaɪ/);
    expect(await said('of AI-G-C', 'en')).toBe('ʌveɪaɪdʒiːsiː');
  });
});

/** Per rule and language: text as written, what the voice is given, and how it must sound. */
const RULE_EXAMPLES: Record<
  string,
  Record<(typeof LANGS)[number], { text: string; say: string; ipa: string; never?: string }>
> = {
  url: {
    en: {
      text: 'See https://docs.astro.build/en/guides/.',
      say: 'See docs dot astro dot build.',
      ipa: 'siː dɑːks dɑːt æstɹoʊ dɑːt bɪld',
      never: 'slæʃ',
    },
    'zh-CN': {
      text: '见 https://docs.astro.build/zh-cn/ 。',
      say: '见 docs 点 astro 点 build 。',
      ipa: 'tɕiɛn dɒks tiɛn astɹəʊəʊ tiɛn bɪld',
      never: 'slaʃ',
    },
  },
  path: {
    en: {
      text: 'Edit content/lexicon.yml.',
      say: 'Edit lexicon dot yammel, in the content folder.',
      ipa: 'ɛdɪt lɛksɪkən dɑːt jæməl ɪnðə kɑːntɛnt foʊldɚ',
      never: 'slæʃ',
    },
    'zh-CN': {
      text: '编辑 content/lexicon.yml 。',
      say: '编辑 content 文件夹里的 lexicon 点 YAML 。',
      ipa: 'piɛntɕi kɒntɛnt wuən tɕiɛn tɕiɑ li tə lɛksɪkən tiɛn jamələl',
      never: 'slaʃ',
    },
  },
  folder: {
    en: {
      text: 'Look in src/components/ and content/outlines/<collection>/.',
      say: 'Look in src components and content outlines collection.',
      ipa: 'lʊk ɪn ɛsɑːɹsiː kəmpoʊnənts ænd kɑːntɛnt aʊtlaɪnz kəlɛkʃən',
      never: 'slæʃ',
    },
    'zh-CN': {
      text: '看 src/components/ 。',
      say: '看 src components 。',
      ipa: 'khan ɛsɑːɑːsiː kəmpəʊəʊnənts',
      never: 'slaʃ',
    },
  },
  file: {
    en: { text: 'Commit aigc.lock.', say: 'Commit AI-G-C dot lock.', ipa: 'kəmɪt eɪaɪdʒiːsiː dɑːt lɑːk' },
    'zh-CN': { text: '提交 aigc.lock 。', say: '提交 AI-G-C 点 lock 。', ipa: 'thitɕjɑu eɪaɪdʒiːsiː tiɛn lɒk' },
  },
  identifier: {
    en: { text: 'Install astro-aigc.', say: 'Install astro AI-G-C.', ipa: 'ɪnstɔːl æstɹoʊ eɪaɪdʒiːsiː', never: 'eɪɡk' },
    'zh-CN': {
      text: '用 aigcLoader 加载。',
      say: '用 AI-G-C Loader 加载。',
      ipa: 'jonɡ eɪaɪdʒiːsiː ləʊəʊdəə tɕiɑtsai',
      never: 'eɪɡk',
    },
  },
  'lowercase-acronym': {
    en: {
      text: 'Run the aigc command.',
      say: 'Run the AI-G-C command.',
      ipa: 'ɹʌn ðɪ eɪaɪdʒiːsiː kəmænd',
      never: 'eɪɡk',
    },
    'zh-CN': {
      text: '运行 aigc 命令。',
      say: '运行 AI-G-C 命令。',
      ipa: 'jyən ɕiŋ eɪaɪdʒiːsiː miŋ liŋ',
      never: 'eɪɡk',
    },
  },
  version: {
    en: {
      text: 'Astro v7 and version 1.2.3.',
      say: 'Astro version 7 and version 1 point 2 point 3.',
      ipa: 'æstɹoʊ vɜːʒən sɛvən ænd vɜːʒən wʌn pɔɪnt tuː pɔɪnt θɹiː',
    },
    'zh-CN': { text: '版本 1.2.3。', say: '版本 1点2点3。', ipa: 'panpən ji tiɛn ər tiɛn san' },
  },
  'at-least': {
    en: {
      text: 'Use Node ≥ 22.12.',
      say: 'Use Node at least 22 point 12.',
      ipa: 'juːs noʊd æt liːst twɛnti tuː pɔɪnt twɛlv',
      never: 'wʌntuː',
    },
    'zh-CN': { text: 'Node ≥ 22.12。', say: 'Node 至少22点12。', ipa: 'nəʊəʊd ts.i.s.ɑu ərs.i.ər tiɛn s.i.ər' },
  },
  markdown: {
    en: {
      text: 'Each ## section, and a ```figure here.',
      say: 'Each level-two heading section, and a figure block here.',
      ipa: 'iːtʃ lɛvəltuː hɛdɪŋ sɛkʃən ænd ɐ fɪɡjɚ blɑːk hɪɹ',
      never: 'hæʃ',
    },
    'zh-CN': {
      text: '每个 ## 小节。',
      say: '每个 二级标题 小节。',
      ipa: 'mei ko- ər tɕi pjɑu thi ɕjɑu tɕiɛ',
      never: 'haʃ',
    },
  },
  arrow: {
    en: { text: 'outline -> article.', say: 'outline to article.', ipa: 'aʊtlaɪn tʊ ɑːɹɾɪkəl' },
    'zh-CN': { text: '大纲 -> 文章。', say: '大纲到文章。', ipa: 'tɑ kɑŋ tɑu wuən ts.ɑŋ' },
  },
};

describe('every built-in pronunciation rule, said by eSpeak NG', () => {
  it('has examples for every rule in both languages', () => {
    expect(Object.keys(RULE_EXAMPLES).sort()).toEqual(PRONUNCIATION_RULES.map((r) => r.id).sort());
  });
  for (const rule of PRONUNCIATION_RULES) {
    for (const lang of LANGS) {
      const example = RULE_EXAMPLES[rule.id]?.[lang];
      if (!example) continue;
      it(`${rule.id} (${lang}): "${example.text}"`, async () => {
        const say = speakable(example.text, lang, lexiconFor(repo, lang));
        expect(say).toBe(example.say);
        expect(await said(say, lang)).toBe(sounds(example.ipa));
        if (example.never) {
          // Without the layer the engine says what the rule prevents.
          expect(await said(example.text, lang)).toContain(example.never);
          expect(await said(say, lang)).not.toContain(example.never);
        }
      });
    }
  }
});

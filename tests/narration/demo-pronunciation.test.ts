/**
 * The demo's narrations as eSpeak NG says them: every lexicon term on every narrated page is
 * heard as its entry says, and nothing is read as "hash", "slash" or "aygk" (AIGC as a word).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import {
  lexiconEntriesFor,
  lexiconFor,
  readLexicon,
} from '../../integrations/aigc/src/generators/narration/lexicon.ts';
import { speakable } from '../../integrations/aigc/src/generators/narration/pronounce.ts';
import { buildNarrationScript } from '../../integrations/aigc/src/generators/narration/script.ts';
import { espeakPhonemes } from '../../integrations/aigc/src/providers/offline/speech.ts';

const root = new URL('../../', import.meta.url).pathname;
const lexicon = readLexicon(`${root}content/lexicon.yml`);
const sounds = (ipa: string) => ipa.replace(/\([a-z-]+\)/g, '').replace(/[ˈˌ_\s\d]|ɜ(?!ː)/g, '');
/** What must never be heard: AIGC said as one word, Markdown's "#", a path's "/". */
const NEVER = { 'AIGC as a word': /eɪɡk/, hash: /h[æa]ʃ/, slash: /sl[æa]ʃ/ };

describe('the demo narrations, said by eSpeak NG', async () => {
  const lock = await readLock(`${root}aigc.lock`);
  const narrated = Object.entries(lock.artifacts).filter(([, entry]) => entry.kind === 'narration');

  it('has narrated pages in English and Chinese', () => {
    const langs = narrated.map(([, entry]) => String(entry.meta?.lang));
    expect(langs).toContain('en');
    expect(langs).toContain('zh-CN');
  });

  for (const [path, entry] of narrated) {
    const lang = String(entry.meta?.lang);
    const article = path.replace(/\/narration\.mp3$/, '.md');
    it(`${article} (${lang}): every lexicon term as its entry says, nothing read as a symbol`, async () => {
      const { data, body } = splitFrontmatter(readFileSync(`${root}${article}`, 'utf8'));
      const script = buildNarrationScript(body, { title: String(data.title), lang });
      const entries = Object.entries(lexiconEntriesFor(lexicon, lang));
      const heard: string[] = [];
      let checked = 0;
      for (const segment of script.sections.flatMap((s) => s.segments)) {
        const said = sounds(await espeakPhonemes(speakable(segment.text, lang, lexiconFor(lexicon, lang)), lang));
        for (const [what, pattern] of Object.entries(NEVER))
          if (pattern.test(said)) heard.push(`${what} in: ${segment.text}`);
        for (const [term, { ipa }] of entries) {
          const pattern = new RegExp(
            `(?<![\\p{Script=Latin}\\d])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{Script=Latin}\\d])`,
            'u',
          );
          if (!ipa || !pattern.test(segment.text)) continue;
          checked++;
          if (!said.includes(sounds(ipa))) heard.push(`${term} not heard as /${ipa}/ in: ${segment.text}`);
        }
      }
      expect(heard).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  }
});

import { parseYamlFile, yamlLocation } from '../../utils/parse-yaml-file.ts';
import { canonicalJson, sha256 } from '../../utils/hash.ts';
import { readFileSync, statSync } from '../../utils/read-ledger.ts';

/** Term → how to say it, for one language. */
export type LexiconEntries = Record<string, string>;

/** One entry as written: how to say the term and, optionally, the IPA the engine must produce for it. */
export interface LexiconEntry {
  say: string;
  /** Expected phonemes (IPA), checked against eSpeak NG by the tests; stress marks and spaces are ignored. */
  ipa?: string;
}

/** The pronunciation lexicon file: entries per BCP 47 tag (`en`, `zh`, `zh-TW`…) and `all`. */
export type Lexicon = Record<string, Record<string, LexiconEntry>>;

const EXAMPLE = 'en:\n  AIGC: AI-G-C\n  CLI: { say: C-L-I, ipa: siː ɛl aɪ }';

/** Where the lexicon lives, relative to the project root. */
export const LEXICON_PATH = 'content/lexicon.yml';

/** Parse the lexicon YAML, saying which line is wrong when a reading is not text. */
export function parseLexicon(text: string, file = LEXICON_PATH): Lexicon {
  const data = (parseYamlFile(text, file, EXAMPLE) ?? {}) as unknown;
  if (typeof data !== 'object' || Array.isArray(data))
    throw new Error(`${yamlLocation(text, file, [])}: expected a map of languages, e.g. "en:" then "AIGC: AI-G-C".`);
  const lexicon: Lexicon = {};
  for (const [lang, entries] of Object.entries(data as Record<string, unknown>)) {
    if (entries === null) continue;
    if (typeof entries !== 'object' || Array.isArray(entries))
      throw new Error(
        `${yamlLocation(text, file, [lang])}: "${lang}" must be a map of term: reading, e.g. "${lang}:" then "  AIGC: AI-G-C".`,
      );
    lexicon[lang.toLowerCase()] = {};
    for (const [term, value] of Object.entries(entries as Record<string, unknown>)) {
      lexicon[lang.toLowerCase()]![term] = parseEntry(
        value,
        () => `${yamlLocation(text, file, [lang, term])}: ${lang}.${term}`,
        term,
      );
    }
  }
  return lexicon;
}

/** One entry; `where` (file:line:column and the entry's name) is worked out only for an error. */
function parseEntry(value: unknown, where: () => string, term: string): LexiconEntry {
  if (typeof value === 'string' || typeof value === 'number') return { say: String(value) };
  const { say, ipa, ...rest } = (value ?? {}) as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    typeof say !== 'string' ||
    (ipa !== undefined && typeof ipa !== 'string') ||
    extra.length > 0
  ) {
    throw new Error(
      `${where()} must be text (how to say "${term}") or { say: …, ipa: … }${extra.length > 0 ? `; unknown key ${extra.join(', ')}` : ''}.`,
    );
  }
  return ipa === undefined ? { say } : { say, ipa };
}

const cache = new Map<string, { mtimeMs: number; lexicon: Lexicon }>();

/**
 * Read the lexicon file (none → empty), cached per process while the file is unchanged;
 * `name` is how messages call the file.
 */
export function readLexicon(path: string, name: string = path): Lexicon {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return {};
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.lexicon;
  const lexicon = parseLexicon(readFileSync(path, 'utf8'), name);
  cache.set(path, { mtimeMs, lexicon });
  return lexicon;
}

/**
 * Entries that apply to a language: `all`, then the primary subtag (`zh`), then the full
 * tag (`zh-tw`), later ones winning. Only these enter the narration's key, so editing the
 * Chinese readings re-speaks no English page.
 */
export function lexiconFor(lexicon: Lexicon, lang: string): LexiconEntries {
  const readings: LexiconEntries = {};
  for (const [term, entry] of Object.entries(lexiconEntriesFor(lexicon, lang))) readings[term] = entry.say;
  return readings;
}

/** The full entries (readings and expected IPA) that apply to a language, merged as in `lexiconFor`. */
export function lexiconEntriesFor(lexicon: Lexicon, lang: string): Record<string, LexiconEntry> {
  const tag = lang.toLowerCase().replaceAll('_', '-');
  const primary = tag.split('-')[0]!;
  return { ...lexicon.all, ...lexicon[primary], ...(tag === primary ? {} : lexicon[tag]) };
}

export function lexiconHash(entries: LexiconEntries): string {
  return sha256(canonicalJson(entries)).slice(0, 16);
}

/** A letter or digit of a Latin-script word: terms match only as whole words against these. */
const WORD_CHAR = /[\p{Script=Latin}\p{N}_]/u;

/**
 * Replace every term with its reading in one pass (longest term first, so "GANs" wins over
 * "GAN", and no reading is itself rewritten). Latin-script terms match whole words only;
 * Chinese terms match anywhere, as Chinese has no spaces.
 */
export function applyLexicon(text: string, entries: LexiconEntries): string {
  const terms = Object.keys(entries)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (terms.length === 0) return text;
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'gu');
  return text.replace(pattern, (match, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + match.length];
    const startsWord = WORD_CHAR.test(match[0]!);
    const endsWord = WORD_CHAR.test(match[match.length - 1]!);
    if ((startsWord && before && WORD_CHAR.test(before)) || (endsWord && after && WORD_CHAR.test(after))) return match;
    return entries[match]!;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

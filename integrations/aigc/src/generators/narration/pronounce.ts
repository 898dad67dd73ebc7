import { applyLexicon, type LexiconEntries } from './lexicon.ts';

/**
 * The pronunciation layer: what the voice is given in place of the text as written. Built-in
 * rules turn URLs, file paths, identifiers, Markdown marks, arrows and version numbers into
 * words; the lexicon then says the terms. Each rewritten span is final, so no reading is
 * rewritten again. Tests hold every rule and lexicon entry to the phonemes eSpeak NG makes.
 */

/** The words the rules use, per language. */
interface Words {
  dot: string;
  /** A file inside a folder: "lexicon dot YAML, in the content folder". */
  inFolder: (file: string, folder: string) => string;
  /** `##` → "level-two heading". */
  heading: (level: number) => string;
  /** "```figure" → "figure block". */
  block: (name: string) => string;
  /** `->` in prose. */
  to: string;
  /** Between the parts of a version number. */
  point: string;
  /** Said for a leading "v" (v7). */
  version: string;
  atLeast: string;
}

const EN: Words = {
  dot: ' dot ',
  inFolder: (file, folder) => `${file}, in the ${folder} folder`,
  heading: (level) => `level-${['one', 'two', 'three', 'four', 'five', 'six'][level - 1]} heading`,
  block: (name) => `${name} block`,
  to: ' to ',
  point: ' point ',
  version: 'version ',
  atLeast: 'at least ',
};

const ZH: Words = {
  dot: ' 点 ',
  inFolder: (file, folder) => `${folder} 文件夹里的 ${file}`,
  heading: (level) => `${'一二三四五六'[level - 1]}级标题`,
  block: (name) => `${name} 代码块`,
  to: '到',
  point: '点',
  version: '版本',
  atLeast: '至少',
};

function wordsFor(lang: string): Words {
  return lang.toLowerCase().startsWith('zh') ? ZH : EN;
}

/** File extensions as a listener knows them; others are spelt when short, else read as a word. */
const EXTENSIONS: Record<string, string> = {
  ts: 'T-S',
  tsx: 'T-S-X',
  js: 'J-S',
  mjs: 'M-J-S',
  jsx: 'J-S-X',
  md: 'M-D',
  mdx: 'M-D-X',
  yml: 'YAML',
  yaml: 'YAML',
  json: 'JSON',
  mp3: 'MP3',
  vtt: 'V-T-T',
  svg: 'SVG',
  png: 'P-N-G',
  css: 'CSS',
  html: 'HTML',
  txt: 'text',
  lock: 'lock',
  dot: 'dot',
  astro: 'Astro',
  xml: 'X-M-L',
  sh: 'shell',
};

interface Piece {
  text: string;
  /** Already a reading: no later rule or lexicon entry touches it. */
  done: boolean;
}

interface Rule {
  id: string;
  pattern: RegExp;
  say: (match: RegExpExecArray, words: Words, lexicon: LexiconEntries) => string | undefined;
}

const LEXICON_AFTER = 'file';

const FILE = String.raw`[\w@-][\w.@-]*\.(?:${Object.keys(EXTENSIONS).join('|')})`;

/**
 * Rules run in this order, each on the text earlier rules left unread; the lexicon runs right
 * after the `file` rule (so a URL or path is read whole, and a lexicon term before a word rule).
 */
export const PRONUNCIATION_RULES: readonly Rule[] = [
  {
    // https://example.com/a/b → "example dot com": the host is what a listener can use.
    id: 'url',
    pattern: /\bhttps?:\/\/(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:\/[^\s)"'<>，。]*[^\s)"'<>，。.,;:!?])?/gu,
    say: (m, w, lexicon) =>
      m[1]!
        .split('.')
        .map((part) => identifier(part, lexicon))
        .join(w.dot),
  },
  {
    // content/lexicon.yml → "lexicon dot YAML, in the content folder"; a/b/c.ts names its nearest folder.
    id: 'path',
    pattern: new RegExp(String.raw`(?<![\w/.])(?:\.{0,2}/)?((?:[\w@.-]+/)+)(${FILE})(?![\w/])`, 'gu'),
    say: (m, w, lexicon) => {
      const folders = m[1]!.split('/').filter((f) => f && f !== '.' && f !== '..');
      const file = fileName(m[2]!, w, lexicon);
      return folders.length > 0 ? w.inFolder(file, identifier(folders.at(-1)!, lexicon)) : file;
    },
  },
  {
    // A folder path with no file: src/components/ → "src components"; a <placeholder> is read as its word.
    id: 'folder',
    pattern: /(?<![\w/.<])(?:\.{0,2}\/)?[a-z][\w@-]*(?:\/(?:[\w@-]+|<[\w-]+>))+\/?(?![\w/])/gu,
    say: (m, _w, lexicon) =>
      m[0]
        .split('/')
        .filter((f) => f && f !== '.' && f !== '..')
        .map((f) => identifier(f.replace(/^<|>$/g, ''), lexicon))
        .join(' '),
  },
  {
    // narration.mp3, aigc.lock → "narration dot MP3".
    id: 'file',
    pattern: new RegExp(String.raw`(?<![\w/.])${FILE}(?![\w/])`, 'gu'),
    say: (m, w, lexicon) => fileName(m[0], w, lexicon),
  },
  {
    // astro-aigc, aigc_loader, aigcLoader → parts, each an acronym from the lexicon when it is one.
    id: 'identifier',
    pattern: /(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+)(?![\w-])/gu,
    say: (m, _w, lexicon) => identifier(m[0], lexicon),
  },
  {
    // A lowercase acronym on its own ("the aigc command") says the acronym.
    id: 'lowercase-acronym',
    pattern: /(?<![\w-])[a-z]{2,6}(?![\w-])/gu,
    say: (m, _w, lexicon) => acronymOf(m[0], lexicon),
  },
  {
    // v1.2.3, 22.12 after "Node"/"version"/"≥", 1.2.3 → "1 point 2 point 3" (never "twenty-two point one two").
    id: 'version',
    pattern:
      /(?:(?<=(?:\b(?:[Vv]ersion|Node(?:\.js)?|Astro|TypeScript|npm|v)\s?|[≥@]\s?|>=\s?|版本\s?))v?\d+(?:\.\d+)+|\bv?\d+\.\d+\.\d+(?:\.\d+)?|\bv\d+(?:\.\d+)*)\b/gu,
    say: (m, w) => `${m[0].startsWith('v') ? w.version : ''}${m[0].replace(/^v/, '').split('.').join(w.point)}`,
  },
  {
    // ≥ 22 → "at least 22".
    id: 'at-least',
    pattern: /(?:≥|>=)\s*/gu,
    say: (_m, w) => w.atLeast,
  },
  {
    // "Each ## section" → "Each level-two heading section"; "```figure" → "figure block".
    id: 'markdown',
    pattern: /(?<![#\w])(#{1,6})(?![#\w])|`{3,}([\w-]*)/gu,
    say: (m, w) => (m[1] ? w.heading(m[1].length) : m[2] ? w.block(m[2]) : ''),
  },
  {
    // a -> b, a → b, a => b in prose.
    id: 'arrow',
    pattern: /\s*(?:->|→|=>|⟶)\s*/gu,
    say: (_m, w) => w.to,
  },
];

/** The text the voice is given for `text` in `lang`: rules, then the lexicon, on what is left. */
export function speakable(text: string, lang: string, lexicon: LexiconEntries): string {
  const words = wordsFor(lang);
  let pieces: Piece[] = [{ text, done: false }];
  for (const rule of PRONUNCIATION_RULES) {
    pieces = pieces.flatMap((piece) => (piece.done ? [piece] : applyRule(rule, piece.text, words, lexicon)));
    if (rule.id === LEXICON_AFTER)
      pieces = pieces.flatMap((piece) => (piece.done ? [piece] : lexiconPieces(piece.text, lexicon)));
  }
  return pieces
    .map((p) => p.text)
    .join('')
    .replace(/[ \t]{2,}/g, ' ');
}

function applyRule(rule: Rule, text: string, words: Words, lexicon: LexiconEntries): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(rule.pattern)) {
    const reading = rule.say(match as RegExpExecArray, words, lexicon);
    if (reading === undefined) continue;
    if (match.index > last) out.push({ text: text.slice(last, match.index), done: false });
    out.push({ text: reading, done: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), done: false });
  return out;
}

/** Lexicon readings as final pieces, so a reading ("Open A-I") is never matched again. */
function lexiconPieces(text: string, lexicon: LexiconEntries): Piece[] {
  const marked = applyLexicon(
    text,
    Object.fromEntries(Object.entries(lexicon).map(([term, say]) => [term, `\u0000${say}\u0001`])),
  );
  return marked
    .split(/(\u0000[^\u0001]*\u0001)/u)
    .filter(Boolean)
    .map((part) => (part.startsWith('\u0000') ? { text: part.slice(1, -1), done: true } : { text: part, done: false }));
}

/** An identifier's parts, each as the lexicon says it (an all-caps term also matches lowercase). */
function identifier(token: string, lexicon: LexiconEntries): string {
  if (lexicon[token] !== undefined) return lexicon[token]!;
  return token
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((part) => lexicon[part] ?? acronymOf(part, lexicon) ?? part)
    .join(' ');
}

/** The reading of the all-caps lexicon term a lowercase word spells ("aigc" → AIGC's), if any. */
function acronymOf(word: string, lexicon: LexiconEntries): string | undefined {
  if (word !== word.toLowerCase()) return undefined;
  const upper = word.toUpperCase();
  return upper.length >= 2 && lexicon[upper] !== undefined ? lexicon[upper] : undefined;
}

function fileName(name: string, words: Words, lexicon: LexiconEntries): string {
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1).toLowerCase();
  const extension = EXTENSIONS[ext] ?? ext;
  const said = lexicon[extension] ?? extension;
  return `${name
    .slice(0, dot)
    .split('.')
    .map((part) => identifier(part, lexicon))
    .join(words.dot)}${words.dot}${said}`;
}

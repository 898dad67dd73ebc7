/**
 * Just enough English grammar to put an outline's bullets into sentences: whether a bullet
 * is already a clause, what kind of phrase it is, and whether it is plural.
 */

/**
 * Finite verbs that make a bullet a clause. Only forms that are rarely nouns or
 * participles ("need", "uses", "made" are too often something else to count).
 */
const VERBS = new Set(
  (
    'is are was were be been being am has have had do does did can could will would shall should may might must ' +
    'cannot makes lets allows requires depends becomes became generates creates produces builds learns writes wrote ' +
    'gives gave takes took gets got goes went comes came helps turns include includes contain contains stands covers ' +
    'shows fails records lives live ask asks'
  ).split(' '),
);

/** A word after these opens a clause inside a noun phrase ("a path for those who want…"). */
const RELATIVES = new Set('who whom whose that which where when why how'.split(' '));
const DETERMINERS = new Set('a an the its their this these those no each every any some our your my his her'.split(' '));
const PRONOUNS = new Set('i we you they he she it'.split(' '));

/** Imperatives of how-to bullets ("Add the integration…"): kept as sentences. */
export const COMMANDS = new Set(
  'add register run install write edit commit open create put check use pick choose configure import export start explain describe introduce compare define discuss build review read learn deploy'.split(
    ' ',
  ),
);

/** Verbs that open an instruction to the writer in a lead ("Explain what…"). */
export const IMPERATIVES = new Set(
  (
    'explain show describe introduce give help teach walk cover compare list guide outline summarise summarize present ' +
    'define answer tell make argue convince demonstrate review survey map trace offer provide clarify illustrate discuss ' +
    'motivate encourage set get lay'
  ).split(' '),
);

/** Bullets that start with a verb, their subject left to the heading ("Lets computers…"). */
export const LEADING_VERB =
  /^(?:lets|allows|makes|helps|turns|creates|generates|produces|gives|takes|needs|uses|builds|learns|writes|reads|runs|works|enables|supports|combines|describes|explains|shows|covers)\s/i;
/** Bullets that start with a participle ("Mainly used for…", "Based on…"). */
export const LEADING_PARTICIPLE =
  /^(?:(?:mainly|mostly|often|usually|also|widely|commonly)\s+)?(?:used|based|made|built|designed|trained|applied|known|found|written)\s/i;
export const QUESTION = /^(what|why|how|when|where|who|which|is|are|can|do|does|should)\b/i;

/** Words ending in -ing that are nouns, not gerunds. */
const ING_NOUNS = new Set('thing things string strings king ring spring evening morning wing ceiling building painting drawing meeting setting training learning clothing feeling ending beginning heading programming processing computing engineering marketing'.split(' '));
/** Words that end a noun phrase's head ("reports *written* by…", "speech *for* …"). */
const HEAD_STOPS = new Set('of for with from in on by to at about behind such that which who as like into over under between across through without'.split(' '));

function words(text: string): string[] {
  return text
    .replace(/`[^`]*`/g, 'code')
    .split(/\s+/)
    .filter(Boolean);
}

function plain(word: string): string {
  return word.toLowerCase().replace(/[^a-z'’-]/g, '');
}

/** Whether a phrase carries a finite verb of its own (outside any relative clause). */
export function hasFiniteVerb(text: string): boolean {
  const list = words(text).map(plain);
  for (let i = 1; i < list.length; i++) {
    const previous = list[i - 1]!;
    // What follows "that", "who", "how"… belongs to a clause inside the phrase.
    if (RELATIVES.has(previous)) return false;
    if (DETERMINERS.has(previous)) continue;
    if (VERBS.has(list[i]!)) return true;
    // "…where they stand": a pronoun and its verb inside a relative clause do not count.
    if (PRONOUNS.has(previous)) return true;
  }
  return false;
}

/** A bullet that reads as a sentence on its own. */
export function isEnglishSentence(text: string): boolean {
  const trimmed = text.trim();
  if (/[.!?]["'”’)]*$/.test(trimmed)) return true;
  const first = plain(words(trimmed)[0] ?? '');
  if (COMMANDS.has(first) || PRONOUNS.has(first)) return true;
  return hasFiniteVerb(trimmed);
}

/** A bullet that opens with a gerund ("Generating test cases…"). */
export function isGerund(text: string): boolean {
  const first = plain(words(text)[0] ?? '');
  return /ing$/.test(first) && first.length > 4 && !ING_NOUNS.has(first);
}

/**
 * Whether a noun phrase takes a plural verb: its head (the words before a preposition or
 * participle) is a list ("images and artworks", "arrays, lists") or ends in a plural.
 */
export function isPlural(phrase: string): boolean {
  const list = words(phrase);
  if (list.length === 0 || isGerund(phrase)) return false;
  const head: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i]!;
    const word = plain(raw);
    if (i > 0 && (HEAD_STOPS.has(word) || (/(?:[^e]ed|ing)$/.test(word) && word.length > 4 && !ING_NOUNS.has(word)))) break;
    head.push(word);
    if (raw.endsWith(',')) {
      // "Python, the most used language" is one thing; "arrays, lists and trees" are several.
      if (DETERMINERS.has(plain(list[i + 1] ?? ''))) break;
      return true;
    }
    if (/[:;]$/.test(raw)) break;
  }
  if (head.includes('and')) return true;
  const last = head.at(-1) ?? '';
  if (/^(?:people|children|data|media|criteria)$/.test(last)) return true;
  if (/(?:basics|topics|graphics)$/.test(last)) return true;
  return /(?:s|s['’])$/.test(last) && !/(?:ss|us|is|ics)$/.test(last);
}

/** "lets" → "let" for a plural subject. */
export function baseForm(verb: string): string {
  if (/ies$/.test(verb)) return `${verb.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(verb)) return verb.slice(0, -2);
  return verb.replace(/s$/, '');
}

export function thirdPerson(verb: string): string {
  if (/(s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** A heading that can be the subject of a sentence ("Computer vision", not "Run it in CI"). */
export function isNounHeading(heading: string): boolean {
  const list = words(heading);
  return !QUESTION.test(heading) && list.length <= 5 && !COMMANDS.has(plain(list[0] ?? '')) && !IMPERATIVES.has(plain(list[0] ?? ''));
}

const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** Small counts spelled out, as prose writes them. */
export function numberWord(n: number): string {
  return NUMBERS[n] ?? String(n);
}

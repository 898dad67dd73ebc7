/** What the narrator says in place of things that cannot be read aloud, per language. */
export interface NarrationPhrases {
  code: string;
  table: string;
  /** Before an image's alt text. */
  image: (alt: string) => string;
  figure: (description: string) => string;
  /** An offline figure: an abstract pattern standing in for the picture described. */
  placeholderFigure: (description: string) => string;
  diagram: (description: string) => string;
  /** A diagram given as Graphviz source: nothing readable to describe. */
  dotDiagram: string;
  /** Ends a sentence that lacks an end mark (list items, headings). */
  stop: string;
}

const en: NarrationPhrases = {
  code: 'A code example follows on the page.',
  table: 'A table follows on the page.',
  image: (alt) => `Image: ${alt}`,
  figure: (description) => `A figure shows ${lowerFirst(description)}`,
  placeholderFigure: (description) => `The page shows an abstract pattern as a placeholder for a figure of ${lowerFirst(description)}`,
  diagram: (description) => `A diagram shows ${lowerFirst(description)}`,
  dotDiagram: 'A diagram follows on the page.',
  stop: '.',
};

const zh: NarrationPhrases = {
  code: '页面上这里有一段代码示例。',
  table: '页面上这里有一个表格。',
  image: (alt) => `图片：${alt}`,
  figure: (description) => `插图：${description}`,
  placeholderFigure: (description) => `页面上是一张抽象图案的占位图，代替这幅插图：${description}`,
  diagram: (description) => `示意图：${description}`,
  dotDiagram: '页面上这里有一张示意图。',
  stop: '。',
};

const BY_LANGUAGE: Record<string, NarrationPhrases> = { en, zh };

/** Phrases for a BCP 47 tag, by primary subtag; English when the language has none. */
export function phrasesFor(lang: string): NarrationPhrases {
  return BY_LANGUAGE[lang.toLowerCase().split(/[-_]/)[0] ?? 'en'] ?? en;
}

function lowerFirst(text: string): string {
  // Keep acronyms ("GAN …") and "I" as written; lower only a capitalised ordinary word.
  return /^(?!I\b)[A-Z](?![A-Z0-9])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

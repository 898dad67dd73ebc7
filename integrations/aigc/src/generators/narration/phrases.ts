import type { CodeSummary } from './code-summary.ts';

/** A table's text: the header row, then the body rows. */
export interface TableCells {
  header: string[];
  rows: string[][];
}

/** Rows read out before "and N more rows": a longer table is for the eye. */
const ROWS_READ = 8;

/** What the narrator says in place of things that cannot be read aloud, per language. */
export interface NarrationPhrases {
  /** A code block, by what it is (see code-summary.ts). */
  code: (summary: CodeSummary) => string;
  /** A table read as sense: its columns, then each row as "first cell: column value, …". */
  table: (table: TableCells) => string;
  /** Before an image's alt text. */
  image: (alt: string) => string;
  figure: (description: string) => string;
  /** An offline figure: an abstract pattern standing in for the picture described. */
  placeholderFigure: (description: string) => string;
  diagram: (description: string) => string;
  /** A diagram whose arrows were put into words (diagram-sense.ts): the same wording as its alt text. */
  diagramSense: (sense: string) => string;
  /** A diagram given as Graphviz source: nothing readable to describe. */
  dotDiagram: string;
  /** Ends a sentence that lacks an end mark (list items, headings). */
  stop: string;
}

const en: NarrationPhrases = {
  code: (c) => {
    const what =
      c.names.length > 0
        ? `, ${c.namesKind === 'keys' ? 'with' : c.namesKind === 'commands' ? 'running' : 'defining'} ${enList(c.names)}`
        : '';
    return `Code sample: ${c.language ?? 'code'}, ${c.lines === 1 ? 'one line' : `${c.lines} lines`}${what}.`;
  },
  table: ({ header, rows }) => {
    const intro = `A table of ${rows.length === 1 ? 'one row' : `${rows.length} rows`}${header.length > 0 ? `, with columns ${enList(header)}` : ''}.`;
    const read = rows.slice(0, ROWS_READ).map((row) => `${rowText(row, header, ': ', ', ', ' ')}.`);
    const more = rows.length > ROWS_READ ? [`And ${rows.length - ROWS_READ} more rows on the page.`] : [];
    return [intro, ...read, ...more].join(' ');
  },
  image: (alt) => `Image: ${alt}`,
  figure: (description) => `A figure shows ${lowerFirst(description)}`,
  placeholderFigure: (description) =>
    `The page shows an abstract pattern as a placeholder for a figure of ${lowerFirst(description)}`,
  diagram: (description) => `A diagram shows ${lowerFirst(description)}`,
  diagramSense: (sense) => `A diagram shows how ${lowerFirst(sense)}`,
  dotDiagram: 'A diagram follows on the page.',
  stop: '.',
};

const zh: NarrationPhrases = {
  code: (c) => {
    const what =
      c.names.length > 0
        ? `，${c.namesKind === 'keys' ? '包含' : c.namesKind === 'commands' ? '运行' : '定义了'}${c.names.join('、')}`
        : '';
    return `代码示例：${c.language ?? '代码'}，共${c.lines}行${what}。`;
  },
  table: ({ header, rows }) => {
    const intro = `一个${rows.length}行的表格${header.length > 0 ? `，列为${header.join('、')}` : ''}。`;
    const read = rows.slice(0, ROWS_READ).map((row) => `${rowText(row, header, '：', '，', '')}。`);
    const more = rows.length > ROWS_READ ? [`页面上还有${rows.length - ROWS_READ}行。`] : [];
    return [intro, ...read, ...more].join('');
  },
  image: (alt) => `图片：${alt}`,
  figure: (description) => `插图：${description}`,
  placeholderFigure: (description) => `页面上是一张抽象图案的占位图，代替这幅插图：${description}`,
  diagram: (description) => `示意图：${description}`,
  diagramSense: (sense) => `示意图：${sense}`,
  dotDiagram: '页面上这里有一张示意图。',
  stop: '。',
};

const BY_LANGUAGE: Record<string, NarrationPhrases> = { en, zh };

/** Phrases for a BCP 47 tag, by primary subtag; English when the language has none. */
export function phrasesFor(lang: string): NarrationPhrases {
  return BY_LANGUAGE[lang.toLowerCase().split(/[-_]/)[0] ?? 'en'] ?? en;
}

/** "GAN: year 2014, kind adversarial": the first cell names the row, the rest are read with their column. */
function rowText(row: string[], header: string[], after: string, between: string, space: string): string {
  const [first = '', ...rest] = row;
  const pairs = rest.flatMap((cell, i) => {
    const column = header[i + 1];
    if (!cell) return [];
    // Chinese runs column and value together, except two Latin words ("year 2014").
    return [column ? `${column}${space || (/\w$/.test(column) && /^\w/.test(cell) ? ' ' : '')}${cell}` : cell];
  });
  return pairs.length > 0 ? `${first}${after}${pairs.join(between)}` : first;
}

function enList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function lowerFirst(text: string): string {
  // Keep acronyms ("GAN …") and "I" as written; lower only a capitalised ordinary word.
  return /^(?!I\b)[A-Z](?![A-Z0-9])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

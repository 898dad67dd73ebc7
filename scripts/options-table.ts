/**
 * The README's options table, generated from the schema so it cannot drift: every option's
 * dotted path, type, default and description.
 * Run: npm run options-table (prints it), npm run options-table -- --write (updates README.md
 * between its markers; tests/options/readme-table.test.ts fails while they differ).
 */
import type { z } from 'astro/zod';
import { AigcOptionsSchema } from '../integrations/aigc/src/options.ts';

interface Node {
  description?: string;
  _zod: {
    def: {
      type: string;
      innerType?: Node;
      shape?: Record<string, Node>;
      defaultValue?: unknown;
      entries?: Record<string, string>;
      element?: Node;
    };
  };
}

export interface OptionRow {
  path: string;
  type: string;
  default: string;
  description: string;
}

/** One row per leaf option, in schema order. */
export function optionRows(schema: z.core.$ZodType = AigcOptionsSchema): OptionRow[] {
  return rows(schema as unknown as Node, []);
}

function rows(node: Node, at: string[]): OptionRow[] {
  let inner = node;
  let fallback: unknown;
  let hasDefault = false;
  while (inner._zod.def.innerType) {
    if (inner._zod.def.type === 'default') {
      hasDefault = true;
      fallback = inner._zod.def.defaultValue;
    }
    inner = inner._zod.def.innerType;
  }
  const { def } = inner._zod;
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).flatMap(([key, child]) => rows(child, [...at, key]));
  return [
    {
      path: at.join('.'),
      type: typeOf(inner),
      default: hasDefault ? JSON.stringify(fallback) : '—',
      description: node.description ?? '',
    },
  ];
}

function typeOf(node: Node): string {
  const { def } = node._zod;
  if (def.type === 'enum' && def.entries)
    return Object.values(def.entries)
      .map((v) => JSON.stringify(v))
      .join(' | ');
  if (def.type === 'record') return 'Record<string, …>';
  if (def.type === 'array' && def.element) return `${typeOf(def.element)}[]`;
  return def.type;
}

/** The rows as a Markdown table. */
export function optionsTable(list: OptionRow[] = optionRows()): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return [
    '| Option | Type | Default | What it does |',
    '| --- | --- | --- | --- |',
    ...list.map(
      (r) =>
        `| \`${r.path}\` | ${cell(r.type)} | ${r.default === '—' ? '—' : `\`${cell(r.default)}\``} | ${cell(r.description)} |`,
    ),
  ].join('\n');
}

export const README_MARKERS = ['<!-- options-table:start -->', '<!-- options-table:end -->'] as const;

/** README text with the table between its markers replaced by `table`. */
export function withOptionsTable(readme: string, table: string = optionsTable()): string {
  const [start, end] = README_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const readme = new URL('../README.md', import.meta.url);
    writeFileSync(readme, withOptionsTable(readFileSync(readme, 'utf8')));
  } else {
    process.stdout.write(`${optionsTable()}\n`);
  }
}

/**
 * Validation: the whole pipeline (sanitize + every check, with the site index) on the
 * demo's generated pages, against a baseline measured in the same run: parsing the same
 * pages with remark alone, which any Markdown check must pay.
 * Run alone: node scripts/bench/validation.ts
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { medianMs, round, type BenchResult } from './measure.ts';
import { buildSiteIndex } from '../../integrations/aigc/src/site-index.ts';
import { loadOutlines } from '../../integrations/aigc/src/outline/load.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { markdownProcessor } from '../../integrations/aigc/src/utils/markdown.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { sanitizeMarkdown } from '../../integrations/aigc/src/validate/sanitize.ts';

const RUNS = 9;

export async function benchValidation(root = process.cwd()): Promise<BenchResult[]> {
  const options = parseOptions({});
  const { outlines } = await loadOutlines(root, options.outlines, options.lang);
  const site = buildSiteIndex(outlines, root, options.output);
  const pages = await Promise.all(
    outlines
      .filter((outline) => outline.data.kind !== 'reference')
      .map(async (outline) => {
        const file = join(options.output, outline.collection, `${outline.slug}.md`);
        return { outline, file, text: await readFile(join(root, file), 'utf8') };
      }),
  );
  const validate = () =>
    Promise.all(
      pages.map(({ outline, file, text }) =>
        validateMarkdown(sanitizeMarkdown(text).markdown, {
          file: relative(root, join(root, file)),
          outline,
          options: options.validation,
          root,
          output: options.output,
          route: `/${outline.collection}/${outline.slug}/`,
          site,
        }),
      ),
    );
  const parse = async () => {
    for (const { text } of pages) markdownProcessor().parse(text);
  };
  const full = await medianMs(validate, RUNS, 1);
  const baseline = await medianMs(parse, RUNS, 1);
  return [
    {
      name: 'validation: sanitize + every check, per page',
      value: round(full / pages.length),
      unit: 'ms',
      note: `median of ${RUNS} runs over the demo's ${pages.length} pages`,
    },
    {
      name: 'validation: baseline remark parse, per page',
      value: round(baseline / pages.length),
      unit: 'ms',
      note: 'same pages, same run',
    },
    {
      name: 'validation: full / baseline',
      value: round(full / baseline),
      unit: '×',
      note: 'what the checks cost beyond parsing',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchValidation()) console.log(`${r.name}: ${r.value} ${r.unit} (${r.note})`);
}

/**
 * The misquote check against the page's own names: quoting one of the page's own headings
 * names a section (the offline drafter's opening does it), while a quotation found in no
 * source is still an error.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { parseMarkdown } from '../../integrations/aigc/src/utils/markdown.ts';
import { citationRule } from '../../integrations/aigc/src/validate/citations.ts';
import { toFindings } from '../../integrations/aigc/src/validate/report.ts';

const sources = [{ n: 1, title: 'Tea', text: 'Tea arrived in Britain in the seventeenth century.' }];
const outline = parseOutline('---\ntitle: T\n---\n\n## S\n- s\n', {
  file: 'x.md',
  collection: 'articles',
  slug: 'x',
  defaultLang: 'en',
});

async function misquotes(markdown: string): Promise<string[]> {
  const file = new VFile({ path: 'page.md', value: markdown });
  const rule = citationRule(sources, { requireCitations: false });
  await rule(parseMarkdown(markdown), file, {
    file: 'page.md',
    outline,
    options: { repairRounds: 0, onFailure: 'strict', rules: {}, allowedHosts: [] },
  });
  return toFindings(file, { rules: {} })
    .filter((finding) => finding.ruleId === 'citation-misquote')
    .map((finding) => finding.reason);
}

describe('citation-misquote and the page’s own headings', () => {
  it('lets a page name its own section in quotes', async () => {
    const page =
      'It has two parts: “Where tea came from” and “What a site can do”.\n\n## Where tea came from\n\nText.\n\n## What a site can do\n\nText.\n';
    expect(await misquotes(page)).toEqual([]);
  });

  it('still rejects a quotation that is neither in a source nor a heading of the page', async () => {
    const page =
      'Historians say “tea arrived in Britain in the fifteenth century”.\n\n## What a site can do\n\nText.\n';
    expect(await misquotes(page)).toEqual([expect.stringMatching(/occurs in no listed source/)]);
  });
});

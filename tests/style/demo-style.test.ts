/**
 * The demo sets a house style (content/style.yml) and its committed pages pass it: no
 * style error on any page a model or the offline drafter wrote (warnings are allowed; they are
 * printed at generation).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { listMarkdown } from '../../integrations/aigc/src/utils/list-files.ts';
import { parseMarkdown } from '../../integrations/aigc/src/utils/markdown.ts';
import { toFindings } from '../../integrations/aigc/src/validate/report.ts';
import { loadStyle, styleRule } from '../../integrations/aigc/src/validate/style/rule.ts';
import { repoRoot } from '../support/build-site.ts';

describe('the demo style', () => {
  it('every generated page of the demo passes content/style.yml without errors', async () => {
    const style = await loadStyle(repoRoot, 'content/style.yml');
    expect(style).toBeDefined();
    const pages = await listMarkdown(join(repoRoot, 'content/generated'));
    const errors: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const text = await readFile(page, 'utf8');
      const { data } = splitFrontmatter(text);
      // Pages extracted from the source (API symbols) are no writer's prose: the style check never sees them.
      if ((data.aigc as { provider?: string } | undefined)?.provider === 'none') continue;
      checked++;
      const lang = String(data.lang ?? 'en');
      const file = new VFile({ path: page, value: text });
      const outline = parseOutline('---\ntitle: T\n---\n\n## S\n- s\n', {
        file: 'x.md',
        collection: 'articles',
        slug: 'x',
        defaultLang: lang,
      });
      await styleRule(style!, lang)(parseMarkdown(text), file, {
        file: page,
        outline,
        options: { repairRounds: 0, onFailure: 'strict', rules: {}, allowedHosts: [] },
      });
      for (const finding of toFindings(file, { rules: {} }))
        if (finding.severity === 'error')
          errors.push(`${page}:${finding.line}:${finding.column} ${finding.reason} [${finding.ruleId}]`);
    }
    expect(checked).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  }, 120_000);
});

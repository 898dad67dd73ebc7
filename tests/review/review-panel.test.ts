/**
 * The dev panel's data for a page: provenance, review standing, findings on the file as it
 * is now (the house style included), sources, and the diff against the last generation in git.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { review } from '../../integrations/aigc/src/review.ts';
import { reviewPanelData } from '../../integrations/aigc/src/site/review-panel.ts';
import { countingText, options, providersWith, settingsFor, tempRoot } from '../support/engine-fixtures.ts';

const OUTLINE = '---\ntitle: Notes\nsources:\n  - notes.txt\n---\n\nLead.\n\n## One\n- a point\n';
const page = 'content/generated/articles/notes.md';

describe('review panel data', () => {
  it('shows provenance, review standing, style findings with positions, sources and the diff since the last commit', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'content/outlines/articles'), { recursive: true });
    await writeFile(join(root, 'content/outlines/articles/notes.md'), OUTLINE);
    await writeFile(join(root, 'notes.txt'), 'Notes are short.');
    await writeFile(join(root, 'content/style.yml'), 'terms:\n  en:\n    utilize: use\n');
    const outline = parseOutline(OUTLINE, {
      file: 'content/outlines/articles/notes.md',
      collection: 'articles',
      slug: 'notes',
      defaultLang: 'en',
    });
    const jobs = planJobs([outline], { ...options, narration: false, covers: false }, { root }).filter(
      (j) => j.kind === 'article',
    );
    const report = await runJobs(jobs, settingsFor(root, providersWith(countingText())));
    expect(report.failed).toEqual([]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=T', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '-qm', 'generated');
    await review({ root, options, paths: [page], by: 'Ada', at: new Date('2026-12-01T00:00:00Z') });

    const config = { root, lock: 'aigc.lock', output: 'content/generated', style: 'content/style.yml' };
    const fresh = await reviewPanelData(config, page);
    expect(fresh).toMatchObject({
      path: page,
      provider: 'openai',
      model: 'gpt-5.4-mini',
      outline: 'content/outlines/articles/notes.md',
      review: 'reviewed by Ada on 2026-12-01',
      reviewed: true,
      command: `npx aigc review ${page}`,
    });
    expect(fresh.sources).toEqual([{ n: 1, src: 'notes.txt', title: 'notes.txt' }]);
    expect(fresh.diff).toBeUndefined(); // one generation only

    const text = await readFile(join(root, page), 'utf8');
    await writeFile(join(root, page), text.replace('Prose about One.', 'We utilize prose about One.'));
    const edited = await reviewPanelData(config, page);
    expect(edited.reviewed).toBe(false);
    expect(edited.review).toBe('unreviewed: edited since Ada reviewed it on 2026-12-01');
    const term = edited.findings.find((f) => f.ruleId === 'style-term');
    expect(term?.column).toBe(4);
    expect(edited.diff?.against).toBe('the last commit (uncommitted changes)');
    expect(edited.diff?.text).toContain('+We utilize prose about One.');
  });
});

describe('ReviewPanel.astro', () => {
  it("renders the panel in dev with the page's data, its styles inline", async () => {
    const { transform } = await import('@astrojs/compiler-rs');
    const { experimental_AstroContainer: AstroContainer } = await import('astro/container');
    const { fileURLToPath, pathToFileURL } = await import('node:url');
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await tempRoot();
    await mkdir(join(root, 'content/outlines/articles'), { recursive: true });
    await writeFile(join(root, 'content/outlines/articles/notes.md'), OUTLINE.replace('sources:\n  - notes.txt\n', ''));
    const outline = parseOutline(OUTLINE.replace('sources:\n  - notes.txt\n', ''), {
      file: 'content/outlines/articles/notes.md',
      collection: 'articles',
      slug: 'notes',
      defaultLang: 'en',
    });
    const jobs = planJobs([outline], { ...options, narration: false, covers: false }, { root }).filter(
      (j) => j.kind === 'article',
    );
    await runJobs(jobs, settingsFor(root, providersWith(countingText())));

    const source = fileURLToPath(
      new URL('../../integrations/aigc/src/site/components/ReviewPanel.astro', import.meta.url),
    );
    const { code, diagnostics } = transform(await readFile(source, 'utf8'), {
      filename: source,
      internalURL: 'astro/compiler-runtime',
      resultScopedSlot: true,
      resolvePath: (specifier) => specifier,
    });
    expect(diagnostics).toEqual([]);
    const dir = await mkdtemp(join(tmpdir(), 'aigc-panel-'));
    await writeFile(
      join(dir, 'config.ts'),
      `export default ${JSON.stringify({ root, lock: 'aigc.lock', output: 'content/generated' })};`,
    );
    const module = code
      .replaceAll('"astro/compiler-runtime"', JSON.stringify(import.meta.resolve('astro/compiler-runtime')))
      .replaceAll('"virtual:astro-aigc/config"', JSON.stringify(pathToFileURL(join(dir, 'config.ts')).href))
      .replace(
        /(["'])\.\.\/review-panel\.ts\1/g,
        JSON.stringify(new URL('../../integrations/aigc/src/site/review-panel.ts', import.meta.url).href),
      );
    await writeFile(join(dir, 'ReviewPanel.ts'), module);
    const ReviewPanel = (await import(/* @vite-ignore */ join(dir, 'ReviewPanel.ts'))).default;
    const container = await AstroContainer.create();
    const html = await container.renderToString(ReviewPanel, { props: { entry: { filePath: page } } });
    expect(html).toContain('data-aigc-review-panel');
    expect(html, html.slice(html.indexOf('<summary'), html.indexOf('<summary') + 300)).toContain('Review · unreviewed');
    expect(html).toContain(`npx aigc review ${page} --by "Your Name"`);
    expect(html).toContain('<code>gpt-5.4-mini</code> (openai)');
    expect(html).toMatch(/<style>[^<]*\.aigc-review-panel \{/);
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../integrations/aigc/src/engine/types.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { planReference } from '../../integrations/aigc/src/generators/reference.ts';
import { apiDigest } from '../../integrations/aigc/src/generators/reference/digest.ts';
import { extractApi } from '../../integrations/aigc/src/generators/reference/extract.ts';
import { allSymbols } from '../../integrations/aigc/src/generators/reference/model.ts';
import { createOfflineText } from '../../integrations/aigc/src/providers/offline/text.ts';
import { FIXTURE_SOURCE, ROOT, fixtureCopy, jobContext, options, referenceOutline, tempDir } from './support.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';
import { planJobs } from '../../integrations/aigc/src/plan.ts';
import { buildSiteIndex } from '../../integrations/aigc/src/site-index.ts';

const text = (data: JobResult['data']) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

describe('planReference', () => {
  it('plans the pages job (no provider) and the landing page (text), keyed on the source hash', () => {
    const jobs = planReference(referenceOutline(FIXTURE_SOURCE), options(), ROOT);
    expect(jobs.map((j) => [j.path, j.capability, j.kind])).toEqual([
      ['content/generated/docs/api/sidebar.json', 'none', 'reference'],
      ['content/generated/docs/api.md', 'text', 'reference'],
    ]);
    expect(jobs[1]!.dependsOn).toEqual(['content/generated/docs/api/sidebar.json']);
    expect((jobs[0]!.inputs as { sourceHash: string }).sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('links below the collection’s route: /docs/api/ by default, /api/ where Starlight serves docs at the root', () => {
    const plain = planJobs([referenceOutline(FIXTURE_SOURCE)], options(), { root: ROOT });
    const starlight = planJobs([referenceOutline(FIXTURE_SOURCE)], options(), {
      root: ROOT,
      collectionBase: { docs: '/' },
    });
    expect((plain[0]!.inputs as { base: string }).base).toBe('/docs/api/');
    expect((starlight[0]!.inputs as { base: string }).base).toBe('/api/');
    // The link check's site index follows the same rule, for outlines and generated pages alike.
    const dir = tempDir('site-index');
    mkdirSync(join(dir, 'content/generated/docs/api'), { recursive: true });
    writeFileSync(join(dir, 'content/generated/docs/api/greet.md'), '# greet\n\n## Parameters\n');
    const index = buildSiteIndex([referenceOutline(FIXTURE_SOURCE)], dir, 'content/generated', {
      collectionBase: { docs: '/' },
    });
    expect([...index.routes.keys()]).toEqual(expect.arrayContaining(['/api/', '/api/greet/']));
    expect([...index.routes.keys()].some((r) => r.startsWith('/docs/'))).toBe(false);
    expect([...index.routes.get('/api/greet/')!]).toContain('parameters');
  });

  it('changes the pages job inputs when a source file changes', () => {
    const copy = fixtureCopy();
    const before = planReference(referenceOutline(copy.source), options(), copy.root)[0]!.inputs;
    const file = join(copy.root, 'pkg/src/dates.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('How a date is written.', 'How a date is spelt.'));
    const after = planReference(referenceOutline(copy.source), options(), copy.root)[0]!.inputs;
    expect(after).not.toEqual(before);
  });

  it('fails the jobs, not the plan, when the source does not exist', async () => {
    const jobs = planReference(referenceOutline('src/missing.ts'), options(), ROOT);
    expect(jobs).toHaveLength(2);
    await expect(produceOutput(jobs[0]!, jobContext(ROOT, tempDir('x'), createOfflineText()))).rejects.toThrow(
      /content\/outlines\/docs\/api\.md: cannot document `source`.*src\/missing\.ts/s,
    );
  });
});

describe('reference jobs, offline', () => {
  it('write one page per module and symbol with frontmatter, the sidebar, and an offline overview', async () => {
    const cacheDir = tempDir('plan');
    const [pagesJob, landingJob] = planReference(referenceOutline(FIXTURE_SOURCE), options(), ROOT);
    const context = jobContext(ROOT, cacheDir, createOfflineText());
    const pages = await produceOutput(pagesJob!, context);
    expect(pages.provider).toBe('none');
    const sidebar = JSON.parse(text(pages.data));
    expect(sidebar).toMatchObject({ title: 'Fixture API', base: '/docs/api/' });
    expect(sidebar.api).toMatch(/^[0-9a-f]{64}$/);
    const paths = pages.sidecars!.map((s) => s.path);
    expect(paths).toContain('content/generated/docs/api/greeter.md');
    expect(paths).toContain('content/generated/docs/api/module-fixture-api.md');
    expect(paths.every((p) => p.startsWith('content/generated/docs/api/') && p.endsWith('.md'))).toBe(true);
    const greeter = splitFrontmatter(text(pages.sidecars!.find((s) => s.path.endsWith('/greeter.md'))!.data));
    expect(greeter.data).toMatchObject({
      title: 'Greeter',
      description: 'Makes greetings for names.',
      kind: 'reference',
      aigc: { provider: 'none', offlineDraft: false, outline: 'content/outlines/docs/api.md' },
    });
    expect((greeter.data.aigc as { model: string }).model).toMatch(/^typedoc \d+\.\d+/);
    expect(greeter.body).toContain('```ts\nclass Greeter {');

    const landing = await produceOutput(landingJob!, context);
    const page = splitFrontmatter(text(landing.data));
    expect(page.data).toMatchObject({
      title: 'Fixture API',
      kind: 'reference',
      aigc: { provider: 'offline', offlineDraft: true, outline: 'content/outlines/docs/api.md' },
    });
    expect(typeof (page.data.aigc as { generatedAt: string }).generatedAt).toBe('string');
    // The offline overview names symbols from the extracted API, then the index follows.
    expect(page.body).toContain('`Greeter`');
    expect(page.body).toContain(
      '| [`createGreeter`](/docs/api/creategreeter/) | function | Create a `Greeter`. |'.replace(
        '`Greeter`',
        'Greeter',
      ),
    );
  });
});

describe('API digest for the overview prompt', () => {
  it('has a heading for every symbol and for nothing else', async () => {
    const api = await extractApi(FIXTURE_SOURCE, ROOT, { cacheDir: tempDir('digest') });
    const headings = [...apiDigest(api).matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) => m[1]!);
    expect(headings).toEqual(allSymbols(api).map((s) => `\`${s.qualifiedName}\` (${s.kind})`));
  });
});

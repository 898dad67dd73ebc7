/**
 * What readers and machines are told: the page label names the reviewer and the date when a
 * review holds, says "AI-generated" when none does, and the JSON-LD names the editor.
 */
import { transform } from '@astrojs/compiler-rs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Compile a component with Astro's compiler and load it, as tests/narration/player.test.ts does. */
async function load(name: string): Promise<unknown> {
  const source = fileURLToPath(new URL(`../../integrations/aigc/src/site/components/${name}.astro`, import.meta.url));
  const { code, diagnostics } = transform(await readFile(source, 'utf8'), {
    filename: source,
    internalURL: 'astro/compiler-runtime',
    resultScopedSlot: true,
    resolvePath: (specifier) => specifier,
  });
  expect(diagnostics).toEqual([]);
  const module = code
    .replace(/^import ".*\?astro&type=style.*";$/m, '')
    .replaceAll('"astro/compiler-runtime"', JSON.stringify(import.meta.resolve('astro/compiler-runtime')));
  const file = join(await mkdtemp(join(tmpdir(), 'aigc-label-')), `${name}.ts`);
  await writeFile(file, module);
  return (await import(/* @vite-ignore */ file)).default;
}

const base = {
  title: 'T',
  lang: 'en',
  draft: false,
  aigc: { provider: 'openai', model: 'gpt-5.4-mini', generatedAt: '2026-12-01T09:00:00.000Z', offlineDraft: false },
};

describe('review labels', () => {
  it('reviewed: "AI-assisted, reviewed by … on …"; unreviewed: "AI-generated"', async () => {
    const container = await AstroContainer.create();
    const Provenance = (await load('Provenance')) as Parameters<typeof container.renderToString>[0];
    const reviewed = await container.renderToString(Provenance, {
      props: { page: { ...base, reviewed: true, review: { by: 'Ada Lovelace', at: '2026-12-02T10:00:00.000Z' } } },
    });
    expect(reviewed).toContain('AI-assisted, reviewed by Ada Lovelace on 2026-12-02');
    expect(reviewed).toContain('data-reviewed="true"');
    const unreviewed = await container.renderToString(Provenance, { props: { page: { ...base, reviewed: false } } });
    expect(unreviewed).toContain('>AI-generated<');
    expect(unreviewed).toContain('data-reviewed="false"');
    const zh = await container.renderToString(Provenance, {
      props: {
        page: { ...base, lang: 'zh-CN', reviewed: true, review: { by: '李雷', at: '2026-12-02T10:00:00.000Z' } },
      },
    });
    expect(zh).toContain('AI 辅助生成，已由 李雷 于 2026-12-02 审阅');
  });

  it('JSON-LD: a reviewed page names its editor and is a composite; an unreviewed one is not', async () => {
    const container = await AstroContainer.create();
    const AiMeta = (await load('AiMeta')) as Parameters<typeof container.renderToString>[0];
    const ld = (html: string) =>
      JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>;
    const reviewed = ld(
      await container.renderToString(AiMeta, {
        props: { page: { ...base, reviewed: true, review: { by: 'Ada', at: '2026-12-02T10:00:00.000Z' } } },
      }),
    );
    expect(reviewed.editor).toEqual({ '@type': 'Person', name: 'Ada' });
    expect(reviewed.digitalSourceType).toMatch(/compositeWithTrainedAlgorithmicMedia$/);
    const unreviewed = ld(await container.renderToString(AiMeta, { props: { page: { ...base, reviewed: false } } }));
    expect(unreviewed.editor).toBeUndefined();
    expect(unreviewed.digitalSourceType).toMatch(/\/trainedAlgorithmicMedia$/);
  });
});

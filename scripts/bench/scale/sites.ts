/**
 * The two sites the scale benchmark builds: one with astro-aigc generating from outlines,
 * and a plain Astro site rendering the same generated Markdown through `glob()`. Both live
 * inside the repo (so `astro` and `astro-aigc` resolve) and render the same page shell.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyntheticOutline } from './outlines.ts';

const PAGE = (collectionCall: string, extraImports: string, extraHead: string) => `---
import { getCollection, render } from 'astro:content';
${extraImports}
export async function getStaticPaths() {
  return (await ${collectionCall}).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en">
  <head><meta charset="utf-8" /><title>{entry.data.title}</title>${extraHead}</head>
  <body>
    <h1>{entry.data.title}</h1>
    <Content />
  </body>
</html>
`;

const INDEX = (collectionCall: string) => `---
import { getCollection } from 'astro:content';
const pages = await ${collectionCall};
---
<html lang="en">
  <head><meta charset="utf-8" /><title>Bench</title></head>
  <body><ul>{pages.map((p) => <li><a href={\`/articles/\${p.id}/\`}>{p.data.title}</a></li>)}</ul></body>
</html>
`;

/**
 * A fresh astro-aigc site with these outlines, nothing generated (narration off; offline
 * unless the build's environment names a server). `options` are added to `aigc()`'s.
 */
export async function writeAigcSite(
  root: string,
  outlines: readonly SyntheticOutline[],
  options: Record<string, unknown> = {},
): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'content/outlines/articles'), { recursive: true });
  await mkdir(join(root, 'src/pages/articles'), { recursive: true });
  await writeFile(
    join(root, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport aigc from 'astro-aigc';\nexport default defineConfig({ site: 'https://bench.example.org', integrations: [aigc(${JSON.stringify({ narration: false, ...options })})] });\n`,
  );
  await writeFile(
    join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { aigcLoader } from 'astro-aigc';\nexport const collections = { articles: defineCollection({ loader: aigcLoader() }) };\n`,
  );
  await writeFile(
    join(root, 'src/pages/articles/[...slug].astro'),
    PAGE(
      `getCollection('articles')`,
      `import AiMeta from 'astro-aigc/components/AiMeta.astro';\nimport Provenance from 'astro-aigc/components/Provenance.astro';`,
      '<AiMeta page={entry.data} />',
    ).replace('<Content />', '<Provenance page={entry.data} />\n    <Content />'),
  );
  await writeFile(join(root, 'src/pages/index.astro'), INDEX(`getCollection('articles')`));
  for (const outline of outlines)
    await writeFile(join(root, 'content/outlines/articles', `${outline.slug}.md`), outline.text);
}

/** A plain Astro site rendering the Markdown astro-aigc generated in `aigcRoot`, through glob(). */
export async function writePlainSite(root: string, aigcRoot: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'src/pages/articles'), { recursive: true });
  await cp(join(aigcRoot, 'content/generated/articles'), join(root, 'content/articles'), {
    recursive: true,
    filter: (source) => !/\.(svg|png|webp|mp3|vtt|json)$/.test(source),
  });
  await writeFile(
    join(root, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://bench.example.org' });\n`,
  );
  await writeFile(
    join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { articles: defineCollection({ loader: glob({ pattern: '*.md', base: './content/articles' }) }) };\n`,
  );
  await writeFile(join(root, 'src/pages/articles/[...slug].astro'), PAGE(`getCollection('articles')`, '', ''));
  await writeFile(join(root, 'src/pages/index.astro'), INDEX(`getCollection('articles')`));
}

import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { escapeXml } from './routes/pages.ts';

/**
 * `sitemap.xml` from the pages the build really emitted: each HTML page's canonical URL
 * (every page of the demo and of Starlight declares one). Pages without a canonical URL,
 * or marked noindex, are left out. Sites with @astrojs/sitemap keep theirs.
 */
export async function writeSitemap(dir: string): Promise<{ urls: number; skipped?: string }> {
  if (await exists(join(dir, 'sitemap-index.xml'))) return { urls: 0, skipped: 'the site has @astrojs/sitemap' };
  const urls = new Set<string>();
  for (const file of await listHtml(dir)) {
    const html = await readFile(file, 'utf8');
    if (/<meta[^>]+name=["']robots["'][^>]+noindex/i.test(html)) continue;
    const canonical = /<link[^>]+rel=["']canonical["'][^>]*>/i.exec(html)?.[0];
    const href = canonical && /href=["']([^"']+)["']/i.exec(canonical)?.[1];
    if (href && /^https?:\/\//.test(href)) urls.add(href.replaceAll('&amp;', '&'));
    else if (relative(dir, file).split(sep).join('/') === '404.html') continue;
  }
  const sorted = [...urls].sort();
  if (sorted.length === 0) return { urls: 0, skipped: 'no page declares a canonical URL (set `site` in astro.config)' };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sorted
    .map((url) => `<url><loc>${escapeXml(url)}</loc></url>`)
    .join('\n')}\n</urlset>\n`;
  await writeFile(join(dir, 'sitemap.xml'), xml);
  return { urls: sorted.length };
}

async function listHtml(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'pagefind' && entry.name !== '_astro') out.push(...(await listHtml(full)));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

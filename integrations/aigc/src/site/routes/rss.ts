import type { APIRoute } from 'astro';
import config from 'virtual:astro-aigc/config';
import { fileBytes } from '../components/narration-props.ts';
import { absolute, escapeXml, listGeneratedPages } from './pages.ts';

export const prerender = true;

/**
 * `/rss.xml`: the articles, newest first, each with its narration as an enclosure, so the
 * same feed works in a podcast app. Every item says it is AI-generated.
 */
export const GET: APIRoute = async ({ site }) => {
  const pages = (await listGeneratedPages(config)).filter((p) => !p.draft && p.kind === 'article');
  pages.sort((a, b) => b.generatedAt.localeCompare(a.generatedAt) || a.id.localeCompare(b.id));
  const items: string[] = [];
  for (const page of pages) {
    const link = absolute(page.url, site);
    const label = page.reviewed ? 'AI-assisted, reviewed' : page.offlineDraft ? 'Offline draft' : 'AI-generated';
    const parts = [
      `<title>${escapeXml(page.title)}</title>`,
      `<link>${escapeXml(link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
      `<description>${escapeXml(`${page.description ?? ''} (${label} · ${page.model})`.trim())}</description>`,
      `<dc:language>${escapeXml(page.lang)}</dc:language>`,
      ...page.tags.map((tag) => `<category>${escapeXml(tag)}</category>`),
    ];
    if (page.generatedAt) parts.push(`<pubDate>${new Date(page.generatedAt).toUTCString()}</pubDate>`);
    if (page.narration) {
      const size = await fileBytes(config.root, page.narration.path);
      parts.push(`<enclosure url="${escapeXml(absolute(page.narration.url, site))}" length="${size}" type="audio/mpeg"/>`);
    }
    items.push(`<item>${parts.join('')}</item>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(config.siteName)}</title>
<link>${escapeXml(absolute('/', site))}</link>
<atom:link href="${escapeXml(absolute('/rss.xml', site))}" rel="self" type="application/rss+xml"/>
<description>Articles generated with astro-aigc from outlines, labelled as AI-generated.</description>
<generator>astro-aigc</generator>
${items.join('\n')}
</channel>
</rss>
`;
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
};

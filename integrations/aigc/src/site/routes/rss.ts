import type { APIRoute } from 'astro';
import config from 'virtual:astro-aigc/config';
import { fileBytes } from '../components/narration-props.ts';
import { buildRssFeed, type RssItem } from '../rss-feed.ts';
import { absolute, listGeneratedPages } from './pages.ts';

export const prerender = true;

/**
 * `/rss.xml`: the articles, newest first, each with its narration as an enclosure, so the
 * same feed works in a podcast app. Every item says it is AI-generated.
 */
export const GET: APIRoute = async ({ site }) => {
  const pages = (await listGeneratedPages(config)).filter((p) => !p.draft && p.kind === 'article');
  pages.sort((a, b) => b.generatedAt.localeCompare(a.generatedAt) || a.id.localeCompare(b.id));
  const items: RssItem[] = [];
  for (const page of pages) {
    const label = page.reviewed ? 'AI-assisted, reviewed' : page.offlineDraft ? 'Offline draft' : 'AI-generated';
    items.push({
      title: page.title,
      link: absolute(page.url, site),
      description: `${page.description ?? ''} (${label} · ${page.model})`.trim(),
      lang: page.lang,
      tags: page.tags,
      date: page.generatedAt || undefined,
      enclosure: page.narration
        ? { url: absolute(page.narration.url, site), bytes: await fileBytes(config.root, page.narration.path) }
        : undefined,
    });
  }
  const xml = buildRssFeed({
    title: config.siteName,
    link: absolute('/', site),
    feedUrl: absolute('/rss.xml', site),
    items,
  });
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
};

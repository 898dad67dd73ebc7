import { escapeXml } from '../utils/xml.ts';

/** One page as an RSS item. */
export interface RssItem {
  title: string;
  /** Absolute page URL (also the guid). */
  link: string;
  description: string;
  lang: string;
  tags: readonly string[];
  /** ISO date; no date, no `pubDate`. */
  date: string | undefined;
  /** Narration MP3: absolute URL and size in bytes. */
  enclosure: { url: string; bytes: number } | undefined;
}

export interface RssFeed {
  title: string;
  /** Absolute site URL and feed URL. */
  link: string;
  feedUrl: string;
  items: readonly RssItem[];
}

/** An RSS 2.0 document (Dublin Core for each item's language, Atom for the self link). */
export function buildRssFeed(feed: RssFeed): string {
  const items = feed.items.map((item) => {
    const parts = [
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      `<description>${escapeXml(item.description)}</description>`,
      `<dc:language>${escapeXml(item.lang)}</dc:language>`,
      ...item.tags.map((tag) => `<category>${escapeXml(tag)}</category>`),
    ];
    if (item.date) parts.push(`<pubDate>${new Date(item.date).toUTCString()}</pubDate>`);
    if (item.enclosure)
      parts.push(
        `<enclosure url="${escapeXml(item.enclosure.url)}" length="${item.enclosure.bytes}" type="audio/mpeg"/>`,
      );
    return `<item>${parts.join('')}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(feed.title)}</title>
<link>${escapeXml(feed.link)}</link>
<atom:link href="${escapeXml(feed.feedUrl)}" rel="self" type="application/rss+xml"/>
<description>Articles generated with astro-aigc from outlines, labelled as AI-generated.</description>
<generator>astro-aigc</generator>
${items.join('\n')}
</channel>
</rss>
`;
}

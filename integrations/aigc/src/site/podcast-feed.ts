import { escapeXml } from '../utils/xml.ts';

/** One narration as a podcast episode. */
export interface PodcastEpisode {
  title: string;
  /** Page URL (absolute, or a path resolved against `site`). */
  url: string;
  /** MP3 URL (absolute, or a path resolved against `site`). */
  audioUrl: string;
  /** File size in bytes (the enclosure's `length`). */
  bytes: number;
  durationSeconds: number;
  /** Publication date (Date or ISO 8601). */
  date: Date | string;
  description: string;
  /** Stable id; the page URL is a good one. */
  guid: string;
  /** Speech model, named in the disclosure when given. */
  model?: string;
}

export interface PodcastFeed {
  /** Site origin (with any base path), e.g. `https://example.com/`. */
  site: string;
  title: string;
  description: string;
  /** BCP 47 tag of the feed, e.g. `en`. */
  language: string;
  episodes: PodcastEpisode[];
  /** Show artwork (1400–3000 px square for Apple Podcasts). */
  image?: string;
  author?: string;
  /** Apple Podcasts category (default Technology). */
  category?: string;
  /** The feed's own URL, for `atom:link rel="self"`. */
  feedUrl?: string;
  /** The AI-generated disclosure appended to every description. */
  disclosure?: (episode: PodcastEpisode) => string;
}

const defaultDisclosure = (episode: PodcastEpisode) =>
  `AI-generated: this narration is read by a synthetic voice${episode.model ? ` (${episode.model})` : ''} from a page written with AI assistance.`;

/**
 * RSS 2.0 with the iTunes namespace, one episode per narration, newest first. Deterministic:
 * the same episodes give the same bytes (the build date is the newest episode's date).
 */
export function buildPodcastFeed(feed: PodcastFeed): string {
  const absolute = (url: string) => new URL(url, feed.site).href;
  const episodes = [...feed.episodes].sort(
    (a, b) => toDate(b.date).getTime() - toDate(a.date).getTime() || a.guid.localeCompare(b.guid),
  );
  const disclose = feed.disclosure ?? defaultDisclosure;
  const newest = episodes[0] ? toDate(episodes[0].date) : undefined;
  const author = feed.author ?? feed.title;

  const channel = [
    el('title', feed.title),
    el('link', absolute('/')),
    el('description', feed.description),
    el('language', feed.language),
    el('generator', 'astro-aigc'),
    ...(newest ? [el('lastBuildDate', newest.toUTCString())] : []),
    ...(feed.feedUrl
      ? [`<atom:link href="${escapeXml(absolute(feed.feedUrl))}" rel="self" type="application/rss+xml"/>`]
      : []),
    el('itunes:author', author),
    el('itunes:summary', feed.description),
    el('itunes:type', 'episodic'),
    el('itunes:explicit', 'false'),
    `<itunes:category text="${escapeXml(feed.category ?? 'Technology')}"/>`,
    ...(feed.image
      ? [
          `<itunes:image href="${escapeXml(absolute(feed.image))}"/>`,
          `<image><url>${escapeXml(absolute(feed.image))}</url>${el('title', feed.title)}${el('link', absolute('/'))}</image>`,
        ]
      : []),
  ];

  const items = episodes.map((episode) => {
    const description = `${episode.description.trim()}${episode.description.trim() ? '\n\n' : ''}${disclose(episode)}`;
    return [
      '<item>',
      el('title', episode.title),
      el('link', absolute(episode.url)),
      `<guid isPermaLink="false">${escapeXml(episode.guid)}</guid>`,
      el('pubDate', toDate(episode.date).toUTCString()),
      el('description', description),
      `<enclosure url="${escapeXml(absolute(episode.audioUrl))}" length="${Math.max(0, Math.round(episode.bytes))}" type="audio/mpeg"/>`,
      el('itunes:title', episode.title),
      el('itunes:summary', description),
      el('itunes:duration', formatDuration(episode.durationSeconds)),
      el('itunes:explicit', 'false'),
      el('itunes:episodeType', 'full'),
      '</item>',
    ].join('\n      ');
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    ...channel.map((line) => `    ${line}`),
    ...items.map((item) => `    ${item.replace(/\n {6}<\/item>$/, '\n    </item>')}`),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** HH:MM:SS, as Apple Podcasts documents it. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function el(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function toDate(date: Date | string): Date {
  const value = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) throw new Error(`Podcast feed: invalid episode date "${String(date)}".`);
  return value;
}

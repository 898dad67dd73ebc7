import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  buildPodcastFeed,
  formatDuration,
  type PodcastEpisode,
} from '../../integrations/aigc/src/site/podcast-feed.ts';

const episodes: PodcastEpisode[] = [
  {
    title: 'What is AIGC?',
    url: '/articles/what-is-aigc/',
    audioUrl: '/_aigc/articles/what-is-aigc/narration.mp3',
    bytes: 345_678,
    durationSeconds: 125.4,
    date: '2026-11-20T10:00:00.000Z',
    description: 'AI-generated content explained <for> newcomers & more.',
    guid: 'articles/what-is-aigc',
    model: 'espeak-ng',
  },
  {
    title: '什么是AIGC',
    url: 'https://example.com/articles/what-is-aigc-zh/',
    audioUrl: '/_aigc/articles/what-is-aigc-zh/narration.mp3',
    bytes: 500_000,
    durationSeconds: 3725,
    date: new Date('2026-11-25T08:00:00Z'),
    description: '',
    guid: 'articles/what-is-aigc-zh',
  },
];

const xml = buildPodcastFeed({
  site: 'https://example.com/',
  title: 'astro-aigc "demo"',
  description: 'Narrations of every page.',
  language: 'en',
  image: '/cover.png',
  feedUrl: '/podcast.xml',
  episodes,
});
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
});

describe('podcast feed', () => {
  it('is well-formed XML: RSS 2.0 with the iTunes namespace', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const { rss } = parser.parse(xml);
    expect(rss['@version']).toBe('2.0');
    expect(rss['@xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
  });

  it('has the required channel elements', () => {
    const { channel } = parser.parse(xml).rss;
    expect(channel.title).toBe('astro-aigc "demo"');
    expect(channel.link).toBe('https://example.com/');
    expect(channel.description).toBe('Narrations of every page.');
    expect(channel.language).toBe('en');
    expect(channel['itunes:explicit']).toBe('false');
    expect(channel['itunes:author']).toBeTruthy();
    expect(channel['itunes:category']['@text']).toBe('Technology');
    expect(channel['itunes:image']['@href']).toBe('https://example.com/cover.png');
    expect(channel['atom:link']['@href']).toBe('https://example.com/podcast.xml');
  });

  it('has one item per narration, newest first, with enclosure, duration, guid and the AI disclosure', () => {
    const items = parser.parse(xml).rss.channel.item;
    expect(items).toHaveLength(2);
    const [zh, en] = items;
    expect(zh.title).toBe('什么是AIGC');
    expect(en.title).toBe('What is AIGC?');
    expect(en.link).toBe('https://example.com/articles/what-is-aigc/');
    expect(en.enclosure).toEqual({
      '@url': 'https://example.com/_aigc/articles/what-is-aigc/narration.mp3',
      '@length': '345678',
      '@type': 'audio/mpeg',
    });
    expect(en['itunes:duration']).toBe('00:02:05');
    expect(zh['itunes:duration']).toBe('01:02:05');
    expect(en['itunes:explicit']).toBe('false');
    expect(en.guid['#text']).toBe('articles/what-is-aigc');
    expect(en.pubDate).toBe('Fri, 20 Nov 2026 10:00:00 GMT');
    for (const item of items)
      expect(item.description).toMatch(/AI-generated: this narration is read by a synthetic voice/);
    expect(en.description).toMatch(
      /^AI-generated content explained <for> newcomers & more\.\n\nAI-generated: .*\(espeak-ng\)/,
    );
  });

  it('escapes text and is deterministic', () => {
    expect(xml).toContain('&lt;for&gt; newcomers &amp; more');
    expect(xml).toContain('astro-aigc &quot;demo&quot;');
    expect(
      buildPodcastFeed({
        site: 'https://example.com/',
        title: 't',
        description: 'd',
        language: 'en',
        episodes: [...episodes].reverse(),
      }),
    ).toBe(buildPodcastFeed({ site: 'https://example.com/', title: 't', description: 'd', language: 'en', episodes }));
    expect(formatDuration(59.6)).toBe('00:01:00');
  });
});

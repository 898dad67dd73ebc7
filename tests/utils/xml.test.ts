import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildPodcastFeed } from '../../integrations/aigc/src/site/podcast-feed.ts';
import { buildRssFeed } from '../../integrations/aigc/src/site/rss-feed.ts';
import { escapeXml } from '../../integrations/aigc/src/utils/xml.ts';
import { buildXmp } from '../../integrations/aigc/src/utils/xmp.ts';

/** Parse with a conforming XML parser (jsdom's saxes): illegal characters are fatal errors. */
function xmlErrors(xml: string): string[] {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.getElementsByTagName('parsererror')].map((node) => node.textContent ?? '');
}

const HOSTILE = 'Bell\u0001 <b>&"quotes"\' lone\uD800 surrogate \uFFFE end 😀\ttab';

describe('one XML escape', () => {
  it('escapes markup characters and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(HOSTILE)).toBe('Bell &lt;b&gt;&amp;&quot;quotes&quot;&apos; lone surrogate  end 😀\ttab');
    expect(escapeXml('a\r\nb')).toBe('a\r\nb');
  });

  it('RSS with a control character in a title is still XML', () => {
    const xml = buildRssFeed({
      title: `Site${HOSTILE}`,
      link: 'https://example.com/',
      feedUrl: 'https://example.com/rss.xml',
      items: [
        {
          title: `Title\u0001${HOSTILE}`,
          link: 'https://example.com/a/?x=1&y=2',
          description: HOSTILE,
          lang: 'en',
          tags: [HOSTILE],
          date: '2026-01-01T00:00:00Z',
          enclosure: { url: 'https://example.com/a.mp3?b&c', bytes: 10 },
        },
      ],
    });
    expect(xmlErrors(xml)).toEqual([]);
    expect(xml).toContain('<title>TitleBell &lt;b&gt;');
  });

  it('the podcast feed with a control character in a title is still XML', () => {
    const xml = buildPodcastFeed({
      site: 'https://example.com/',
      title: `Show\u0001`,
      description: HOSTILE,
      language: 'en',
      episodes: [
        {
          title: `Episode\u0001`,
          url: '/a/',
          audioUrl: '/a.mp3',
          bytes: 1,
          durationSeconds: 1,
          date: '2026-01-01T00:00:00Z',
          description: HOSTILE,
          guid: 'a',
        },
      ],
    });
    expect(xmlErrors(xml)).toEqual([]);
  });

  it('image metadata (XMP, also inside SVGs) whose prompt has a control character is still XML', () => {
    const xmp = buildXmp({
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
      model: `m\u0001`,
      prompt: HOSTILE,
    });
    expect(xmlErrors(xmp.replace(/<\?xpacket[^>]*\?>/g, ''))).toEqual([]);
  });

  it('the test parser does reject what the old RSS escape let through', () => {
    expect(xmlErrors('<?xml version="1.0"?><title>a\u0001</title>').length).toBeGreaterThan(0);
  });
});

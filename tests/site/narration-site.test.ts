import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { MPEGDecoder } from 'mpg123-decoder';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import type { LockFile } from '../../integrations/aigc/src/engine/types.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { parseWebVtt } from '../../integrations/aigc/src/generators/narration/vtt.ts';
import { formatDuration } from '../../integrations/aigc/src/site/podcast-feed.ts';
import { buildFixture, fixtureRoot, resetFixture, type BuildResult } from '../support/build-site.ts';

const SITE = 'https://narration.example.org';
/** The fixture's two narrated pages (content/outlines/posts/*.md). */
const PAGES = [
  { slug: 'listen', lang: 'en', title: 'Listening to a page' },
  { slug: 'tingting', lang: 'zh-CN', title: '收听本页' },
] as const;

const mp3Path = (slug: string) => `content/generated/posts/${slug}/narration.mp3`;

/** A root-relative or absolute site URL → the file the build wrote for it. */
function distFile(dist: string, url: string): string {
  const { origin, pathname } = new URL(url, SITE);
  expect(origin, url).toBe(SITE);
  return join(dist, decodeURIComponent(pathname));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  );
}

function attr(element: Element | undefined, name: string): string {
  const value = element?.properties[name];
  return Array.isArray(value) ? value.join(' ') : String(value ?? '');
}

describe('fixture site "narration": the player on each page and the podcast feed (offline)', () => {
  let build: BuildResult;
  let lock: LockFile;
  const html = new Map<string, Root>();

  beforeAll(async () => {
    await resetFixture('narration');
    build = await buildFixture('narration');
    lock = await readLock(join(fixtureRoot('narration'), 'aigc.lock'));
    for (const page of PAGES) {
      const text = await readFile(join(build.dist, `posts/${page.slug}/index.html`), 'utf8').catch(() => '');
      html.set(page.slug, unified().use(rehypeParse).parse(text));
    }
  }, 240_000);

  it('builds, narrating both pages with the offline voice', () => {
    expect(build.code, build.output).toBe(0);
    for (const page of PAGES) {
      expect(lock.artifacts[mp3Path(page.slug)], page.slug).toMatchObject({ kind: 'narration', provider: 'offline' });
    }
  });

  describe.each(PAGES)('page $slug ($lang)', (page) => {
    const player = () => select('section[data-aigc-narration]', html.get(page.slug)!);

    it('has a labelled player in the page language, whose audio and captions are files in dist', async () => {
      const section = player();
      expect(section, 'narration player').toBeDefined();
      expect(attr(section, 'lang')).toBe(page.lang);
      const labelledBy = attr(section, 'ariaLabelledBy');
      expect(toString(select(`#${labelledBy}`, section!)!)).toContain(page.title);

      const audio = select('audio[controls]', section!);
      const track = select('audio > track[kind="captions"]', section!);
      expect(attr(audio, 'src')).toBe(`/_aigc/posts/${page.slug}/narration.mp3`);
      expect(attr(track, 'srcLang')).toBe(page.lang);
      expect(await exists(distFile(build.dist, attr(audio, 'src')))).toBe(true);
      expect(await exists(distFile(build.dist, attr(track, 'src')))).toBe(true);
      // The file served is the one the lock vouches for.
      const served = await readFile(distFile(build.dist, attr(audio, 'src')));
      expect(served.equals(await readFile(join(fixtureRoot('narration'), mp3Path(page.slug))))).toBe(true);
      // And the download link (the no-JS fallback) points at it too.
      expect(selectAll('a[download]', section!).map((a) => attr(a, 'href'))).toContain(attr(audio, 'src'));
    });

    it('serves an MP3 that decodes, as long as the lock says within 1 %, and shows that duration', async () => {
      const audio = select('audio', player()!)!;
      const decoder = new MPEGDecoder();
      await decoder.ready;
      const out = decoder.decode(new Uint8Array(await readFile(distFile(build.dist, attr(audio, 'src')))));
      decoder.free();
      expect(out.errors).toEqual([]);
      const seconds = out.samplesDecoded / out.sampleRate;
      const recorded = lock.artifacts[mp3Path(page.slug)]!.meta!.durationSeconds as number;
      expect(recorded).toBeGreaterThan(1);
      expect(Math.abs(seconds - recorded) / recorded).toBeLessThan(0.01);
      expect(attr(select('time[data-duration]', player()!), 'dateTime')).toBe(`PT${Math.round(recorded)}S`);
    });

    it('lists every paragraph of the page in the transcript, at the times of the captions file', async () => {
      const section = player()!;
      const items = selectAll('[data-transcript] > li', section);
      const texts = items.map((li) => toString(select('span', li)!).trim());
      const article = splitFrontmatter(
        await readFile(join(fixtureRoot('narration'), `content/generated/posts/${page.slug}.md`), 'utf8'),
      ).body;
      const paragraphs = article
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p && !p.startsWith('#'));
      expect(paragraphs.length).toBeGreaterThan(1);
      const spoken = texts.join('\n');
      for (const paragraph of paragraphs) expect(spoken, 'transcript').toContain(paragraph.replace(/\s+/g, ' '));
      // Section headings are read too, in order, and are the chapters.
      const headings = [...article.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
      const chapters = selectAll('nav [data-seek]', section).map((a) => toString(a));
      expect(chapters.join('\n')).toMatch(new RegExp(headings.join('[\\s\\S]*')));

      // The transcript is the paragraph file; the <track> is its sentence-sized captions.
      const track = attr(select('track', section), 'src');
      expect(track).toMatch(/\/narration\.captions\.vtt$/);
      const vtt = parseWebVtt(await readFile(distFile(build.dist, track.replace(/\.captions\.vtt$/, '.vtt')), 'utf8'));
      expect(texts).toEqual(vtt.map((cue) => cue.text));
      expect(items.map((li) => Number(attr(li, 'dataStart')))).toEqual(vtt.map((cue) => cue.start));
      const captions = parseWebVtt(await readFile(distFile(build.dist, track), 'utf8'));
      expect(captions.length).toBeGreaterThan(vtt.length);
      expect(
        captions
          .map((c) => c.text)
          .join('')
          .replace(/\s+/g, ''),
      ).toBe(
        vtt
          .map((c) => c.text)
          .join('')
          .replace(/\s+/g, ''),
      );
      for (const cue of captions) {
        expect(cue.end - cue.start).toBeLessThanOrEqual(7.0005);
        expect(cue.text.split('\n').length).toBeLessThanOrEqual(2);
      }
    });
  });

  describe('/podcast.xml', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      isArray: (name) => name === 'item',
    });
    let xml: string;
    let channel: Record<string, any>;

    beforeAll(async () => {
      xml = await readFile(join(build.dist, 'podcast.xml'), 'utf8').catch(() => '');
      channel = parser.parse(xml).rss?.channel ?? {};
    });

    it('is well-formed RSS 2.0 with the iTunes namespace', () => {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).toContain('<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
    });

    it('describes the show: title, link, description, language, artwork, category, explicit, author', async () => {
      expect(channel.title).toMatch(/\S podcast$/);
      expect(channel.link).toBe(`${SITE}/`);
      expect(channel.description).toMatch(/synthetic voice/);
      expect(channel.language).toMatch(/^(en|zh-CN)$/);
      expect(channel['itunes:author']).toMatch(/\S/);
      expect(channel['itunes:explicit']).toBe('false');
      expect(channel['itunes:category']['@text']).toBe('Technology');
      const artwork = distFile(build.dist, channel['itunes:image']['@href']);
      const png = await readFile(artwork);
      // A PNG, square, 1400 px (Apple Podcasts' minimum): width and height from the IHDR chunk.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 1400]);
      expect(channel['atom:link']['@href']).toBe(`${SITE}/podcast.xml`);
    });

    it('has one episode per narrated page: guid, date, enclosure of the real file and size, duration, disclosure', async () => {
      const items = channel.item as Record<string, any>[];
      expect(items.map((item) => item.title).sort()).toEqual(PAGES.map((p) => p.title).sort());
      for (const item of items) {
        const page = PAGES.find((p) => p.title === item.title)!;
        const entry = lock.artifacts[mp3Path(page.slug)]!;
        expect(item.link).toBe(`${SITE}/posts/${page.slug}/`);
        expect(item.guid['#text']).toBe(`${SITE}/posts/${page.slug}/`);
        expect(new Date(item.pubDate).toISOString().slice(0, 19)).toBe(entry.generatedAt.slice(0, 19));

        const enclosure = item.enclosure;
        expect(enclosure['@url']).toBe(`${SITE}/_aigc/posts/${page.slug}/narration.mp3`);
        expect(enclosure['@type']).toBe('audio/mpeg');
        const file = distFile(build.dist, enclosure['@url']);
        expect(Number(enclosure['@length'])).toBe((await stat(file)).size);
        expect(Number(enclosure['@length'])).toBe(entry.meta!.bytes);

        expect(item['itunes:duration']).toBe(formatDuration(entry.meta!.durationSeconds as number));
        expect(item.description).toMatch(/AI-generated: this narration is read by a synthetic voice \(eSpeak NG/);
        expect(item.description).toContain('offline draft');
      }
    });
  });
});

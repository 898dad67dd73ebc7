import { resolve } from 'node:path';
import type { SitemapItem } from '@astrojs/sitemap';
import { readLock } from '../engine/lock.ts';
import { assetUrl } from './assets.ts';
import { listGeneratedPages } from './routes/pages.ts';
import { videoMetaOf } from './components/video-props.ts';
import type { SiteConfig } from './virtual-config.ts';

/** A `<video:video>` entry of a sitemap URL, as the `sitemap` package writes it. */
interface SitemapVideo {
  thumbnail_loc: string;
  title: string;
  description: string;
  content_loc: string;
  duration?: number;
  publication_date?: string;
}

/**
 * A `serialize` for @astrojs/sitemap that adds each page's video (Google's video sitemap
 * extension: poster, title, description, file, duration). Read once, when the sitemap is
 * written at the end of the build, so it sees the videos this build made.
 */
export function videoSitemap(config: SiteConfig): (item: SitemapItem) => Promise<SitemapItem> {
  let videos: Promise<Map<string, SitemapVideo>> | undefined;
  return async (item) => {
    videos ??= videosByPage(config, new URL(item.url));
    const video = (await videos).get(pathOf(new URL(item.url).pathname));
    // The `video` field is the sitemap package's own (SitemapItemLoose); Astro's type leaves it out.
    return video ? ({ ...item, video: [video] } as SitemapItem) : item;
  };
}

async function videosByPage(config: SiteConfig, site: URL): Promise<Map<string, SitemapVideo>> {
  const lock = await readLock(resolve(config.root, config.lock));
  const videos = new Map<string, SitemapVideo>();
  for (const page of await listGeneratedPages(config)) {
    if (page.draft) continue;
    const folder = page.path.replace(/\.md$/, '');
    const path = `${folder}/video.webm`;
    const entry = lock.artifacts[path];
    if (!entry || entry.kind !== 'video' || entry.supersededBy !== undefined) continue;
    const poster = entry.sidecars?.find((s) => s.endsWith('/video.jpg'));
    if (!poster) continue;
    const meta = videoMetaOf(entry.meta);
    const absolute = (p: string) => new URL(assetUrl(config.output, p), site).href;
    videos.set(pathOf(page.url), {
      thumbnail_loc: absolute(poster),
      title: page.title,
      description: page.description ?? page.title,
      content_loc: absolute(path),
      ...(meta.durationSeconds !== undefined ? { duration: Math.max(1, Math.round(meta.durationSeconds)) } : {}),
      ...(entry.generatedAt ? { publication_date: entry.generatedAt } : {}),
    });
  }
  return videos;
}

function pathOf(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

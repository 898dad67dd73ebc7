import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeLock } from '../../integrations/aigc/src/engine/lock.ts';
import { videoPlayerProps } from '../../integrations/aigc/src/site/components/video-props.ts';
import { GeneratedPageSchema } from '../../integrations/aigc/src/site/schema.ts';
import { videoSitemap } from '../../integrations/aigc/src/site/video-sitemap.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';

const provenance = { provider: 'none', model: 'astro-aigc-slides-1', generatedAt: '2026-12-01T00:00:00.000Z' };
const folder = 'content/generated/articles/a';
const asset = (kind: string, file: string, meta: unknown = {}) => ({
  kind,
  path: `${folder}/${file}`,
  url: `/_aigc/articles/a/${file}`,
  ...provenance,
  meta,
});
const meta = {
  durationSeconds: 51.7,
  width: 1280,
  height: 720,
  bytes: 491194,
  lang: 'zh-CN',
  slides: 5,
  chapters: [{ title: '什么是AIGC', start: 0 }],
  label: 'AI 生成视频',
  offlineDraft: true,
};

describe('the video on the page', () => {
  it('gives VideoPlayer its file, captions, chapters, poster, transcript, size and label', () => {
    const data = GeneratedPageSchema.parse({
      title: '什么是AIGC',
      lang: 'zh-CN',
      aigc: { provider: 'offline', model: 'offline-drafter-2', generatedAt: provenance.generatedAt },
      assets: [
        asset('video', 'video.webm', meta),
        ...['video.vtt', 'video.chapters.vtt', 'video.jpg', 'video.transcript.txt'].map((f) =>
          asset('video-sidecar', f),
        ),
      ],
    });
    expect(videoPlayerProps(data)).toMatchObject({
      src: '/_aigc/articles/a/video.webm',
      captions: '/_aigc/articles/a/video.vtt',
      chapters: '/_aigc/articles/a/video.chapters.vtt',
      poster: '/_aigc/articles/a/video.jpg',
      transcript: '/_aigc/articles/a/video.transcript.txt',
      lang: 'zh-CN',
      durationSeconds: 51.7,
      width: 1280,
      height: 720,
      label: 'AI 生成视频',
      offlineDraft: true,
    });
    expect(videoPlayerProps({ ...data, assets: [] })).toBeUndefined();
  });

  it('lists each page video in the sitemap with its poster, file and duration; other pages unchanged', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aigc-video-sitemap-'));
    await mkdir(join(root, folder), { recursive: true });
    await writeFile(
      join(root, `${folder}.md`),
      '---\ntitle: 什么是AIGC\ndescription: 入门\nlang: zh-CN\naigc:\n  provider: offline\n  model: offline-drafter-2\n  generatedAt: 2026-12-01T00:00:00.000Z\n---\n\nBody.\n',
    );
    const entry = {
      kind: 'video' as const,
      outline: 'content/outlines/articles/a.md',
      key: 'k',
      hash: 'h',
      ...provenance,
      provider: 'none' as const,
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      sidecars: [`${folder}/video.vtt`, `${folder}/video.jpg`],
      meta,
    };
    await writeFile(
      join(root, 'aigc.lock'),
      serializeLock({ version: 1, artifacts: { [`${folder}/video.webm`]: entry } }),
    );
    const options = parseOptions({});
    const serialize = videoSitemap({
      root,
      output: options.output,
      lock: options.lock,
      assetBase: '/_aigc',
      siteName: 's',
      lang: 'en',
      routes: options.routes,
    });
    const item = await serialize({ url: 'https://example.org/articles/a/' });
    expect(item).toEqual({
      url: 'https://example.org/articles/a/',
      video: [
        {
          thumbnail_loc: 'https://example.org/_aigc/articles/a/video.jpg',
          title: '什么是AIGC',
          description: '入门',
          content_loc: 'https://example.org/_aigc/articles/a/video.webm',
          duration: 52,
          publication_date: provenance.generatedAt,
        },
      ],
    });
    expect(await serialize({ url: 'https://example.org/articles/b/' })).toEqual({
      url: 'https://example.org/articles/b/',
    });
  });
});

/**
 * The demo is built offline: its covers and figures are abstract seeded patterns. Every alt
 * text, caption, SVG label and narration of them must say so, and name the asked-for picture
 * only as what the placeholder stands for — never describe the prompt's scene as if drawn
 * (WCAG 1.1.1: blind and listening readers get what is there). Cards of pages the offline
 * drafter wrote say "offline draft". Reads the committed demo output and its lock.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import type { LockEntry } from '../../integrations/aigc/src/engine/types.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { parseWebVtt } from '../../integrations/aigc/src/generators/narration/vtt.ts';
import { embedMedia, mediaFromLock } from '../../integrations/aigc/src/site/embed-media.ts';
import { repoRoot } from '../support/build-site.ts';

const lock = await readLock(join(repoRoot, 'aigc.lock'));
const entries = Object.entries(lock.artifacts);
const offlinePictures = entries.filter(
  ([, e]) => (e.kind === 'cover' || e.kind === 'figure') && e.provider === 'offline',
);

/** What a placeholder's text must open with, per language. */
const PLACEHOLDER_ALT = /^(Abstract pattern \(offline placeholder( cover)?\)|抽象图案（离线占位(封面|图)）)/;
const PLACEHOLDER_CAPTION = /^(Offline placeholder \(an abstract pattern\) for: |离线占位图（抽象图案），代替：)/;

function promptOf(entry: LockEntry): string {
  return String(entry.meta?.prompt ?? '');
}

describe('offline pictures of the demo say what is drawn', () => {
  it('has offline covers and figures to check', () => {
    expect(offlinePictures.filter(([, e]) => e.kind === 'cover').length).toBeGreaterThan(0);
    expect(offlinePictures.filter(([, e]) => e.kind === 'figure').length).toBeGreaterThan(0);
  });

  it.each(offlinePictures.map(([path, e]) => [path, e] as const))(
    '%s: alt text and SVG label describe an abstract pattern, not the prompt',
    async (path, entry) => {
      const alt = String(entry.meta?.alt ?? '');
      const prompt = promptOf(entry).replace(/[.。]\s*$/, '');
      expect(alt, path).toMatch(PLACEHOLDER_ALT);
      // The prompt appears, if at all, only as what the placeholder stands for.
      expect(alt.startsWith(prompt), path).toBe(false);
      if (entry.kind === 'figure') expect(alt, path).toMatch(/(stands for|所需的图片)/);
      const svg = await readFile(join(repoRoot, path), 'utf8');
      const label = /aria-label="([^"]*)"/.exec(svg)?.[1] ?? '';
      expect(label, `${path} aria-label`).toMatch(PLACEHOLDER_ALT);
      expect(svg, path).not.toContain(`aria-label="${prompt}`);
    },
  );

  it.each(offlinePictures.filter(([, e]) => e.kind === 'figure').map(([path, e]) => [path, e] as const))(
    '%s: the caption says it is a placeholder for the asked picture',
    (path, entry) => {
      expect(String(entry.meta?.caption ?? ''), path).toMatch(PLACEHOLDER_CAPTION);
      expect(String(entry.meta?.caption), path).toContain(promptOf(entry).trim().slice(0, 20));
    },
  );

  it('the pages show those captions, not the prompt as a caption', async () => {
    const pages = [
      ...new Set(
        offlinePictures
          .filter(([, e]) => e.kind === 'figure')
          .map(([path]) => `${path.slice(0, path.lastIndexOf('/'))}.md`),
      ),
    ];
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const { body } = splitFrontmatter(await readFile(join(repoRoot, page), 'utf8'));
      const html = embedMedia(body, mediaFromLock(lock.artifacts, page));
      for (const caption of html.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)) {
        const figure = html.slice(html.lastIndexOf('<figure', caption.index), caption.index);
        if (figure.includes('aigc-media--figure')) expect(caption[1], page).toMatch(PLACEHOLDER_CAPTION);
      }
    }
  });

  it('narrations of pages with offline figures call them placeholders', async () => {
    const pages = new Set(
      offlinePictures.filter(([, e]) => e.kind === 'figure').map(([path]) => path.slice(0, path.lastIndexOf('/'))),
    );
    const captions = entries.filter(
      ([path, e]) => e.kind === 'narration' && pages.has(path.slice(0, path.lastIndexOf('/'))),
    );
    expect(captions.length).toBeGreaterThan(0);
    for (const [path] of captions) {
      const text = parseWebVtt(await readFile(join(repoRoot, path.replace(/\.mp3$/, '.vtt')), 'utf8'))
        .map((c) => c.text)
        .join(' ');
      expect(text, path).not.toMatch(/A figure shows|插图：/);
      expect(text, path).toMatch(/placeholder for a figure of|抽象图案的占位图/);
    }
  });

  it('cards of offline drafts say so', () => {
    const cards = entries.filter(([, e]) => e.kind === 'card');
    expect(cards.length).toBeGreaterThan(0);
    for (const [path, entry] of cards) {
      const page = lock.artifacts[`${path.slice(0, path.lastIndexOf('/'))}.md`];
      if (page?.provider === 'offline') expect(entry.meta?.offlineDraft, path).toBe(true);
    }
  });
});

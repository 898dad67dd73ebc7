import type { LockEntry } from '../engine/types.ts';
import { escapeXml } from '../utils/xml.ts';
import { assetUrl } from './assets.ts';

/** One generated picture that replaces the N-th block of its kind (1-based, document order). */
export interface EmbeddedMedia {
  kind: 'figure' | 'diagram' | 'dot';
  index: number;
  url: string;
  alt: string;
  /** Caption the job wrote (an offline placeholder says what it stands for); else the block's text. */
  caption?: string;
  width: number;
  height: number;
  /**
   * The file relative to the page's Markdown (`./<slug>/figure-1.webp`). Given for rasters:
   * they are embedded as a Markdown image, so Astro's image pipeline optimises them.
   */
  file?: string;
}

const MEDIA_FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*(figure|diagram|dot)(?:[ \t][^\n]*)?$/;
const ANY_FENCE = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/;
const ARROWS = /^\s*\S.*(?:->|→)/m;

/**
 * Replace the article's ```figure, ```diagram and ```dot blocks with their generated
 * pictures: a <figure> with a sized, lazily loaded <img> and, for figures and diagrams,
 * the block's text as caption. Everything else stays byte-identical; a block whose picture
 * is not in `media` (not generated yet, or failed) stays as it is. Fences inside other
 * fences (a Markdown example in a code block) are left alone.
 */
export function embedMedia(markdown: string, media: EmbeddedMedia[]): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const counters = { figure: 0, diagram: 0, dot: 0 };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = ANY_FENCE.exec(line);
    if (!fence || (fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      out.push(line);
      i++;
      continue;
    }
    const end = closingFence(lines, i, fence[2]!);
    const mediaFence = MEDIA_FENCE.exec(line);
    if (mediaFence) {
      const kind = mediaFence[3] as EmbeddedMedia['kind'];
      const index = ++counters[kind];
      const item = media.find((m) => m.kind === kind && m.index === index);
      if (item) {
        const body = lines
          .slice(i + 1, end)
          .join('\n')
          .trim();
        // A dot block's source, or a diagram written as `a -> b` lines, is no caption: the
        // picture says it better.
        out.push(
          figureHtml(item, item.caption ?? (kind === 'dot' || (kind === 'diagram' && ARROWS.test(body)) ? '' : body)),
        );
        // An HTML block ends at a blank line: keep the Markdown after it out of the block.
        if (end + 1 < lines.length && lines[end + 1]!.trim() !== '') out.push('');
        i = end + 1;
        continue;
      }
    }
    out.push(...lines.slice(i, Math.min(end + 1, lines.length)));
    i = end + 1;
  }
  return out.join('\n');
}

/** Index of the line closing the fence opened at `start` (or the last line: an unclosed fence runs to the end). */
function closingFence(lines: string[], start: number, opener: string): number {
  const close = new RegExp(`^ {0,3}${opener[0] === '`' ? '`' : '~'}{${opener.length},}[ \\t]*$`);
  for (let j = start + 1; j < lines.length; j++) if (close.test(lines[j]!)) return j;
  return lines.length - 1;
}

function figureHtml(item: EmbeddedMedia, caption: string): string {
  const figcaption = caption ? `<figcaption>${escapeXml(caption.replace(/\s*\n\s*/g, ' '))}</figcaption>` : '';
  if (item.file) {
    // Blank lines end the HTML blocks around it, so the image in between is Markdown.
    return `<figure class="aigc-media aigc-media--${item.kind}">\n\n![${escapeAlt(item.alt)}](${item.file})\n\n${figcaption}</figure>`;
  }
  const size = item.width > 0 && item.height > 0 ? ` width="${item.width}" height="${item.height}"` : '';
  const img = `<img src="${escapeXml(item.url)}" alt="${escapeXml(item.alt)}"${size} loading="lazy" decoding="async">`;
  return `<figure class="aigc-media aigc-media--${item.kind}">${img}${figcaption}</figure>`;
}

function escapeAlt(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

const MEDIA_FILE = /^(figure|diagram|dot)-(\d+)\.[a-z0-9]+$/;
const RASTER = /\.(png|jpe?g|webp)$/i;

/**
 * The pictures of one page from the lock: entries in the page's asset folder named
 * `figure-N.*`, `diagram-N.svg` or `dot-N.svg`, with their URL under `/_aigc/` and the
 * alt text and size their jobs recorded.
 */
export function mediaFromLock(
  artifacts: Record<string, LockEntry>,
  pagePath: string,
  output = 'content/generated',
): EmbeddedMedia[] {
  const folder = `${pagePath.replace(/\.md$/, '')}/`;
  const media: EmbeddedMedia[] = [];
  for (const [path, entry] of Object.entries(artifacts)) {
    if (!path.startsWith(folder) || entry.supersededBy !== undefined) continue;
    const match = MEDIA_FILE.exec(path.slice(folder.length));
    if (!match) continue;
    const meta = entry.meta ?? {};
    media.push({
      kind: match[1] as EmbeddedMedia['kind'],
      index: Number(match[2]),
      url: assetUrl(output, path),
      alt: typeof meta.alt === 'string' ? meta.alt : '',
      ...(typeof meta.caption === 'string' ? { caption: meta.caption } : {}),
      width: typeof meta.width === 'number' ? meta.width : 0,
      height: typeof meta.height === 'number' ? meta.height : 0,
      ...(RASTER.test(path) ? { file: `./${path.slice(path.lastIndexOf('/', folder.length - 2) + 1)}` } : {}),
    });
  }
  return media.sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
}

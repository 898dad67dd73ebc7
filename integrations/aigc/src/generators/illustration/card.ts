import type { Job, JobContext, JobResult } from '../../engine/types.ts';
import type { Outline } from '../../outline/types.ts';
import { renderSvg, loadSharp } from '../../utils/image-libraries.ts';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';
import { sha256 } from '../../utils/hash.ts';
import { splitFrontmatter } from '../frontmatter.ts';
import { buildXmp, DIGITAL_SOURCE_TYPE, embedXmp, readXmp, sniffRaster } from '../../utils/xmp.ts';
import { seededPalette } from './draw/palette.ts';
import { seededRandom } from './draw/seed.ts';
import { h, typeset } from './draw/typeset.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the card layout changes. */
export const CARD_VERSION = '2';
const CARD_MODEL = 'aigc-card-1';

export interface CardRequest {
  title: string;
  siteName: string;
  lang: string;
  /** The cover's bytes (SVG, PNG, WebP or JPEG), or none. */
  cover?: Uint8Array | undefined;
  /** No model wrote the page (the offline drafter did): the card says "offline draft", not "AI-generated". */
  offlineDraft?: boolean;
}

/**
 * A 1200×630 social card: the cover full-bleed under a dark band with the title and the
 * site name. Deterministic (satori lays out text as glyph outlines, resvg rasterises),
 * so the same title and cover give the same bytes.
 */
export async function renderCard(request: CardRequest): Promise<Uint8Array> {
  const W = CARD_WIDTH;
  const H = CARD_HEIGHT;
  const palette = seededPalette(seededRandom(`card:${request.title}`));
  const cover = request.cover ? await coverPng(request.cover) : undefined;
  const zh = request.lang.toLowerCase().startsWith('zh');
  const titleSize = request.title.length > 60 ? 48 : request.title.length > 30 ? 58 : 68;
  const layout = (fontFamily: string) =>
    h(
      'div',
      {
        display: 'flex',
        width: W,
        height: H,
        fontFamily,
        color: '#ffffff',
        backgroundImage: `linear-gradient(135deg, ${palette.background[0]}, ${palette.background[1]})`,
      },
      [
        ...(cover
          ? [
              h('img', { position: 'absolute', left: 0, top: 0, width: W, height: H, objectFit: 'cover' }, undefined, {
                src: cover,
                width: W,
                height: H,
              }),
            ]
          : []),
        h('div', {
          position: 'absolute',
          left: 0,
          top: 0,
          width: W,
          height: H,
          backgroundImage: 'linear-gradient(180deg, rgba(0,0,0,0.05) 0%, rgba(0,0,0,0.35) 45%, rgba(0,0,0,0.82) 100%)',
        }),
        h('div', { position: 'absolute', left: 64, right: 64, bottom: 56, display: 'flex', flexDirection: 'column' }, [
          h('div', { fontSize: 26, fontWeight: 400, opacity: 0.9, marginBottom: 18 }, request.siteName),
          h('div', { fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }, request.title),
          h(
            'div',
            { fontSize: 20, fontWeight: 400, opacity: 0.75, marginTop: 18 },
            label(zh, request.offlineDraft === true),
          ),
        ]),
      ],
    );
  // Our own layout (the cover inside is a PNG data URL): nothing in it to sanitise.
  const svg = await typeset(layout, W, H);
  // Raw pixels from resvg straight into sharp: resvg's own PNG encoder is the slow part.
  const sharp = await loadSharp();
  const small = await sharp(await rasterize(svg, W), { raw: { width: W, height: H, channels: 4 } })
    // Quantised PNG: a third of the size, no visible loss on a card; level 6 is as small as 9 here, in half the time.
    .png({ compressionLevel: 6, palette: true, quality: 90, effort: 4 })
    .toBuffer();
  const trainedCover = request.cover ? coverIsTrained(request.cover) : false;
  return embedXmp(
    small,
    buildXmp({
      digitalSourceType: trainedCover ? DIGITAL_SOURCE_TYPE.compositeTrained : DIGITAL_SOURCE_TYPE.algorithmic,
      model: CARD_MODEL,
      description: `${request.title} · ${request.siteName}`,
    }),
  );
}

function label(zh: boolean, offlineDraft: boolean): string {
  if (offlineDraft) return zh ? '离线草稿（未经语言模型）' : 'Offline draft (no language model)';
  return zh ? 'AI 生成内容' : 'AI-generated content';
}

/** Rasterise an SVG at `width` pixels wide; RGBA pixels. */
async function rasterize(svg: string, width: number): Promise<Buffer> {
  return (await renderSvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } })).pixels;
}

/** The cover as a PNG data URL at card size (satori embeds it; resvg decodes it). */
async function coverPng(cover: Uint8Array): Promise<string> {
  const sharp = await loadSharp();
  const isSvg = sniffRaster(cover) === undefined;
  let source: Uint8Array | Buffer = cover;
  let raw: { width: number; height: number; channels: 4 } | undefined;
  if (isSvg) {
    const rendered = await renderSvg(sanitizeSvg(new TextDecoder().decode(cover)), {
      fitTo: { mode: 'width', value: CARD_WIDTH },
      font: { loadSystemFonts: false },
    });
    source = rendered.pixels;
    raw = { width: rendered.width, height: rendered.height, channels: 4 };
  }
  let image = raw ? sharp(source, { raw }) : sharp(source);
  if (raw && !coverIsTrained(cover)) {
    // An offline cover has its own title panel in the lower part: use the artwork above it.
    image = image.extract({ left: 0, top: 0, width: raw.width, height: Math.round(raw.height * 0.55) });
  }
  // An intermediate image: fast, light compression (resvg decodes it once).
  const png = await image.resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover' }).png({ compressionLevel: 1 }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Whether the cover says (in its XMP or SVG metadata) that a trained model made it. */
function coverIsTrained(cover: Uint8Array): boolean {
  const meta = sniffRaster(cover) ? (readXmp(cover) ?? '') : new TextDecoder().decode(cover.subarray(0, 4096));
  return meta.includes('digitalsourcetype/trainedAlgorithmicMedia');
}

/**
 * The card job: deterministic, reads the cover job's output and, of the page, only whether
 * a model wrote it (so the card says "offline draft" when none did; editing prose redraws nothing).
 */
export function cardJob(
  outline: Outline,
  path: string,
  coverPath: string | undefined,
  siteName: string,
  pagePath?: string,
): Job {
  return {
    path,
    kind: 'card',
    capability: 'none',
    outline: outline.file,
    dependsOn: [...(coverPath ? [coverPath] : []), ...(pagePath ? [pagePath] : [])],
    inputs: { title: outline.data.title, siteName, lang: outline.data.lang, width: CARD_WIDTH, height: CARD_HEIGHT },
    version: CARD_VERSION,
    digestDependency: (dep, bytes) => (dep === pagePath ? `offlineDraft:${isOfflineDraft(bytes)}` : sha256(bytes)),
    // A page regenerated by the same kind of provider keeps the card as it is.
    forecastDigest: (dep, producer) =>
      dep === pagePath ? `offlineDraft:${producer.provider === 'offline'}` : undefined,
    estimate: { inputTokens: 0, outputTokens: 0 },
    run: async (context: JobContext): Promise<JobResult> => {
      const cover = coverPath ? await context.readDependency(coverPath) : undefined;
      const offlineDraft = pagePath ? isOfflineDraft(await context.readDependency(pagePath)) : false;
      const data = await renderCard({
        title: outline.data.title,
        siteName,
        lang: outline.data.lang,
        cover,
        offlineDraft,
      });
      return {
        data,
        provider: 'none',
        model: CARD_MODEL,
        usage: { inputTokens: 0, outputTokens: 0 },
        meta: {
          alt: outline.data.title,
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
          ...(offlineDraft ? { offlineDraft: true } : {}),
        },
      };
    },
  };
}

/** Whether a generated page says (in its frontmatter) that the offline drafter wrote it. */
function isOfflineDraft(page: Uint8Array): boolean {
  const aigc = splitFrontmatter(new TextDecoder().decode(page)).data.aigc as { offlineDraft?: unknown } | undefined;
  return aigc?.offlineDraft === true;
}

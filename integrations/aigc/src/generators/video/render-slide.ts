import { renderSvg } from '../../utils/image-libraries.ts';
import { seededPalette } from '../illustration/draw/palette.ts';
import { seededRandom } from '../illustration/draw/seed.ts';
import { h, typeset, type Element } from '../illustration/draw/typeset.ts';
import { pictureDataUrl } from './picture.ts';
import type { Slide } from './slides.ts';

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

/** Reads a picture a slide shows (project-relative path → bytes). */
export type ReadPicture = (path: string) => Promise<Uint8Array>;

/**
 * Draw one slide to RGBA pixels, SLIDE_WIDTH×SLIDE_HEIGHT: satori lays the text out as glyph
 * outlines with the packaged fonts (Noto Sans SC for Chinese), resvg rasterises. Nothing
 * depends on system fonts, so every machine draws the same pixels.
 */
export async function renderSlide(slide: Slide, readPicture: ReadPicture): Promise<Uint8Array> {
  const svg = await typeset(await layoutOf(slide, readPicture), SLIDE_WIDTH, SLIDE_HEIGHT);
  const rendered = await renderSvg(svg, {
    fitTo: { mode: 'width', value: SLIDE_WIDTH },
    font: { loadSystemFonts: false },
  });
  return new Uint8Array(rendered.pixels);
}

async function layoutOf(slide: Slide, readPicture: ReadPicture): Promise<(fontFamily: string) => Element> {
  const W = SLIDE_WIDTH;
  const H = SLIDE_HEIGHT;
  const palette = seededPalette(seededRandom(`video:${slide.kind === 'title' ? slide.title : slide.page}`));
  const background = `linear-gradient(135deg, ${palette.background[0]}, ${palette.background[1]})`;
  const footer = (text: string, color: string) =>
    h('div', { position: 'absolute', left: 64, right: 64, bottom: 28, fontSize: 18, color, display: 'flex' }, text);

  if (slide.kind === 'title') {
    const cover = slide.cover ? await pictureDataUrl(await readPicture(slide.cover), W, H, 'cover') : undefined;
    const size = slide.title.length > 60 ? 50 : slide.title.length > 30 ? 60 : 72;
    return (fontFamily) =>
      h('div', { display: 'flex', width: W, height: H, fontFamily, color: '#ffffff', backgroundImage: background }, [
        ...(cover
          ? [
              h('img', { position: 'absolute', left: 0, top: 0, width: W, height: H, objectFit: 'cover' }, undefined, {
                src: cover.url,
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
          backgroundImage: 'linear-gradient(180deg, rgba(0,0,0,0.1) 0%, rgba(0,0,0,0.45) 45%, rgba(0,0,0,0.85) 100%)',
        }),
        h(
          'div',
          { position: 'absolute', left: 72, bottom: 84, width: W - 144, display: 'flex', flexDirection: 'column' },
          [
            h('div', { fontSize: size, fontWeight: 700, lineHeight: 1.15 }, slide.title),
            ...(slide.description
              ? [
                  h(
                    'div',
                    { fontSize: 28, fontWeight: 400, lineHeight: 1.35, opacity: 0.9, marginTop: 20 },
                    slide.description,
                  ),
                ]
              : []),
          ],
        ),
        footer(slide.label, 'rgba(255,255,255,0.8)'),
      ]);
  }

  if (slide.kind === 'section') {
    const size = slide.heading.length > 48 ? 42 : 52;
    return (fontFamily) =>
      h(
        'div',
        {
          display: 'flex',
          flexDirection: 'column',
          width: W,
          height: H,
          fontFamily,
          color: palette.ink,
          backgroundImage: background,
          padding: '64px 72px',
        },
        [
          h('div', { fontSize: 20, color: palette.muted, marginBottom: 14 }, slide.page),
          h(
            'div',
            { width: W - 144, fontSize: size, fontWeight: 700, lineHeight: 1.15, marginBottom: 36 },
            slide.heading,
          ),
          ...slide.points.map((point) =>
            h('div', { display: 'flex', width: W - 144, fontSize: 30, lineHeight: 1.4, marginBottom: 18 }, [
              h('div', {
                width: 14,
                height: 14,
                borderRadius: 7,
                backgroundColor: palette.accents[0] ?? palette.ink,
                marginTop: 15,
                marginRight: 22,
                flexShrink: 0,
              }),
              h('div', { display: 'flex', width: W - 144 - 36 }, point),
            ]),
          ),
          footer(slide.label, palette.muted),
        ],
      );
  }

  const picture = await pictureDataUrl(await readPicture(slide.picture), W - 144, H - 210, 'contain');
  return (fontFamily) =>
    h('div', { display: 'flex', width: W, height: H, fontFamily, color: '#15181d', backgroundColor: '#f4f5f7' }, [
      h(
        'div',
        {
          position: 'absolute',
          left: 72,
          top: 40,
          display: 'flex',
          justifyContent: 'center',
          alignItems: 'center',
          width: W - 144,
          height: H - 210,
          backgroundColor: '#ffffff',
          borderRadius: 12,
        },
        [
          h('img', { width: picture.width, height: picture.height }, undefined, {
            src: picture.url,
            width: picture.width,
            height: picture.height,
          }),
        ],
      ),
      h(
        'div',
        {
          position: 'absolute',
          left: 72,
          top: H - 150,
          display: 'flex',
          justifyContent: 'center',
          width: W - 144,
          fontSize: 24,
          lineHeight: 1.35,
          textAlign: 'center',
        },
        slide.caption,
      ),
      footer(slide.label, 'rgba(21,24,29,0.72)'),
    ]);
}

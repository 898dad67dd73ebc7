import { draftAltText } from '../alt-text.ts';
import { DIGITAL_SOURCE_TYPE, provenanceRdf } from '../../../utils/xmp.ts';
import { escapeXml } from '../../../utils/xml.ts';
import { drawComposition } from './composition.ts';
import { seededPalette } from './palette.ts';
import { seededRandom } from './seed.ts';
import { h, svgInner, typeset, type Element } from './typeset.ts';

export interface ArtworkRequest {
  /** What to draw about; shown as the caption of a figure. */
  prompt: string;
  /** The page title; the headline of a cover. */
  title: string;
  tags: string[];
  lang: string;
  width: number;
  height: number;
  /** A cover shows the title large; a figure shows its prompt. */
  role: 'cover' | 'figure';
  /** Model id written into the SVG's metadata. */
  model: string;
}

/**
 * An offline illustration: an abstract composition seeded by the prompt, title and tags,
 * with real typography on top, labelled as an offline drawing. Deterministic: the same
 * request always gives the same bytes.
 */
export async function drawArtwork(request: ArtworkRequest): Promise<string> {
  const { width, height, tags, lang } = request;
  const random = seededRandom(JSON.stringify([request.role, request.prompt, request.title, tags]));
  const palette = seededPalette(random);
  const composition = drawComposition({ width, height, palette, random, tags });
  const zh = lang.toLowerCase().startsWith('zh');
  const label = zh
    ? '离线绘制的示意图（非图像模型生成）'
    : 'Offline illustration (drawn in process, not by an image model)';
  const unit = Math.min(width, height) / 100;
  const headline = request.role === 'cover' ? request.title : request.prompt;
  const headlineSize = fitFontSize(headline, width, unit, request.role === 'cover' ? 7.5 : 5);

  const layer = (fontFamily: string): Element =>
    h('div', { display: 'flex', width, height, fontFamily }, [
      h(
        'div',
        {
          position: 'absolute',
          left: unit * 5,
          bottom: unit * 5,
          display: 'flex',
          flexDirection: 'column',
          maxWidth: width * 0.82,
          padding: unit * 3.5,
          borderRadius: unit * 2,
          background: palette.panel,
          color: palette.ink,
        },
        [
          h('div', { fontSize: headlineSize, fontWeight: 700, lineHeight: 1.15 }, headline),
          ...(request.role === 'cover' && tags.length > 0
            ? [
                h(
                  'div',
                  { display: 'flex', flexWrap: 'wrap', marginTop: unit * 2 },
                  tags.slice(0, 6).map((tag) =>
                    h(
                      'div',
                      {
                        fontSize: unit * 3,
                        fontWeight: 400,
                        marginRight: unit * 1.5,
                        padding: `${unit * 0.4}px ${unit * 1.4}px`,
                        borderRadius: unit * 3,
                        border: `${Math.max(1, unit * 0.25)}px solid ${palette.muted}`,
                        color: palette.muted,
                      },
                      `#${tag}`,
                    ),
                  ),
                ),
              ]
            : []),
          h('div', { fontSize: unit * 2.4, fontWeight: 400, marginTop: unit * 2, color: palette.muted }, label),
        ],
      ),
    ]);
  const text = await typeset(layer, width, height);

  // Says what is drawn (an abstract pattern standing in for the picture), never the prompt's scene as if drawn.
  const description = draftAltText(request);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(description)}">` +
    `<title>${escapeXml(headline)}</title><desc>${escapeXml(`${description} (${composition.name} composition; ${label})`)}</desc>` +
    `<metadata>${provenanceRdf({ digitalSourceType: DIGITAL_SOURCE_TYPE.algorithmic, model: request.model, prompt: request.prompt })}</metadata>` +
    composition.elements +
    `<g>${svgInner(text)}</g></svg>`;
  // Our own drawing; it is sanitised with every provider's SVG by the image job's check.
  return svg;
}

/** Shrink long headlines so they fit in about three lines. */
function fitFontSize(text: string, width: number, unit: number, base: number): number {
  // Rough width of the text in "em": CJK characters are one em, Latin about half.
  let ems = 0;
  for (const char of text) ems += /[\u2e80-\uffff]/.test(char) ? 1 : 0.55;
  const perLine = (width * 0.72) / (unit * base);
  const lines = ems / perLine;
  return Math.round(lines <= 3 ? unit * base : Math.max(unit * 3.2, (unit * base * 3) / lines));
}

/**
 * Make an SVG safe to serve from our origin: every SVG we write passes through here
 * (the offline drawer's, Graphviz's, a model's). It keeps shapes, text, styles and
 * in-document references, and removes what can run script or fetch from elsewhere:
 * <script>, <foreignObject>, event-handler attributes (and SMIL animations that set them), `href`s that leave the document
 * (except embedded raster `data:` images), external `url(…)` and `@import` in styles,
 * DOCTYPEs (entity expansion) and processing instructions.
 *
 * The input is tokenised as XML; malformed input throws (we never write what we cannot parse).
 */

const DROPPED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);
const SAFE_DATA_URL = /^data:image\/(png|jpeg|jpg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;

export class SvgParseError extends Error {
  override name = 'SvgParseError';
}

/** Sanitise an SVG document; returns the cleaned text (with an XML declaration). */
export function sanitizeSvg(svg: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let dropDepth = 0;
  let sawRoot = false;
  for (const token of tokenizeXml(svg)) {
    switch (token.type) {
      case 'open': {
        const local = localName(token.name).toLowerCase();
        if (!sawRoot) {
          if (local !== 'svg') throw new SvgParseError(`sanitizeSvg: the root element is <${token.name}>, not <svg>`);
          sawRoot = true;
        }
        if (!token.selfClosing) open.push(token.name);
        if (dropDepth > 0 || DROPPED_ELEMENTS.has(local) || animatesUnsafely(local, token.attributes)) {
          if (!token.selfClosing) dropDepth++;
          break;
        }
        out.push(`<${token.name}${cleanAttributes(token.attributes)}${token.selfClosing ? '/>' : '>'}`);
        break;
      }
      case 'close': {
        const expected = open.pop();
        if (expected !== token.name) throw new SvgParseError(`sanitizeSvg: </${token.name}> closes <${expected ?? 'nothing'}>`);
        if (dropDepth > 0) {
          dropDepth--;
          break;
        }
        out.push(`</${token.name}>`);
        break;
      }
      case 'text':
        if (dropDepth === 0 && sawRoot) out.push(open.at(-1)?.toLowerCase() === 'style' ? escapeText(cleanCss(decodeEntities(token.raw))) : escapeBareAmpersands(token.raw));
        break;
      case 'cdata':
        if (dropDepth === 0 && sawRoot) {
          const inStyle = open.at(-1)?.toLowerCase() === 'style';
          out.push(escapeText(inStyle ? cleanCss(token.text) : token.text));
        }
        break;
      case 'comment':
      case 'doctype':
      case 'pi':
        break;
    }
  }
  if (!sawRoot) throw new SvgParseError('sanitizeSvg: no <svg> element');
  if (open.length > 0) throw new SvgParseError(`sanitizeSvg: <${open.at(-1)}> is never closed`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join('')}\n`;
}

/** SMIL animation can set an event handler or an href after load: `<set attributeName="onclick" to="…">`. */
function animatesUnsafely(local: string, attributes: [string, string][]): boolean {
  if (!/^(set|animate|animatemotion|animatetransform|animatecolor)$/.test(local)) return false;
  const target = attributes.find(([name]) => name === 'attributeName')?.[1].trim().toLowerCase() ?? '';
  return target.startsWith('on') || target === 'href' || target.endsWith(':href') || target === 'style';
}

function cleanAttributes(attributes: [string, string][]): string {
  let text = '';
  for (const [name, rawValue] of attributes) {
    const lower = name.toLowerCase();
    const value = decodeEntities(rawValue);
    if (lower.startsWith('on')) continue;
    if (lower === 'href' || lower.endsWith(':href') || lower === 'src') {
      const trimmed = value.trim();
      if (!trimmed.startsWith('#') && !SAFE_DATA_URL.test(trimmed)) continue;
    }
    if (/^\s*(javascript|vbscript):/i.test(value)) continue;
    const cleaned = lower === 'style' || /url\(/i.test(value) ? cleanCss(value) : value;
    text += ` ${name}="${escapeAttribute(cleaned)}"`;
  }
  return text;
}

/** Drop `@import` and any `url(…)` that is not a fragment or an embedded raster. */
function cleanCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (whole, _q: string, target: string) =>
      target.startsWith('#') || SAFE_DATA_URL.test(target) ? whole : 'none',
    )
    .replace(/expression\s*\(/gi, '(')
    .replace(/javascript:/gi, '');
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeBareAmpersands(text: string): string {
  return text.replace(/&(?!(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);)/gi, '&amp;');
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

// A small XML tokenizer: enough for SVG (elements, attributes, text, comments, CDATA, PIs, DOCTYPE).

type XmlToken =
  | { type: 'open'; name: string; attributes: [string, string][]; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; raw: string }
  | { type: 'cdata'; text: string }
  | { type: 'comment' }
  | { type: 'doctype' }
  | { type: 'pi' };

const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

function* tokenizeXml(xml: string): Generator<XmlToken> {
  let i = 0;
  const fail = (what: string): never => {
    const line = xml.slice(0, i).split('\n').length;
    throw new SvgParseError(`sanitizeSvg: ${what} at line ${line}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      yield { type: 'text', raw: xml.slice(i) };
      return;
    }
    if (lt > i) yield { type: 'text', raw: xml.slice(i, lt) };
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
      yield { type: 'comment' };
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) fail('unterminated CDATA');
      yield { type: 'cdata', text: xml.slice(i + 9, end) };
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) fail('unterminated processing instruction');
      i = end + 2;
      yield { type: 'pi' };
    } else if (xml.startsWith('<!', i)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let depth = 0;
      let j = i + 2;
      for (; j < xml.length; j++) {
        if (xml[j] === '[') depth++;
        else if (xml[j] === ']') depth--;
        else if (xml[j] === '>' && depth <= 0) break;
      }
      if (j >= xml.length) fail('unterminated declaration');
      i = j + 1;
      yield { type: 'doctype' };
    } else if (xml[i + 1] === '/') {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(xml);
      if (!m) fail('bad closing tag');
      i = NAME.lastIndex;
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') fail(`bad closing tag </${m![0]}`);
      i++;
      yield { type: 'close', name: m![0] };
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(xml);
      if (!m) fail('bad tag');
      i = NAME.lastIndex;
      const attributes: [string, string][] = [];
      const seen = new Set<string>();
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        const a = ATTRIBUTE.exec(xml);
        if (!a) break;
        if (seen.has(a[1]!)) fail(`duplicate attribute ${a[1]}`);
        seen.add(a[1]!);
        attributes.push([a[1]!, a[3] ?? a[4] ?? '']);
        i = ATTRIBUTE.lastIndex;
      }
      while (/\s/.test(xml[i] ?? '')) i++;
      let selfClosing = false;
      if (xml[i] === '/') {
        selfClosing = true;
        i++;
      }
      if (xml[i] !== '>') fail(`bad tag <${m![0]}`);
      i++;
      yield { type: 'open', name: m![0], attributes, selfClosing };
    }
  }
}

import { crc32 } from 'node:zlib';
import { escapeXml } from './xml.ts';

/**
 * Machine-readable provenance for generated images: an XMP packet with the IPTC digital
 * source type, the model and (when the output is not meant to be reproducible) the date,
 * written into the file in process, without re-encoding the pixels.
 */

/** IPTC NewsCodes for how a picture came to be. */
export const DIGITAL_SOURCE_TYPE = {
  /** Made by a model trained on sampled content (an image model). */
  trained: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
  /** Composite with at least one element from a trained model (a card around a generated cover). */
  compositeTrained: 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
  /** Drawn by an algorithm that uses no trained model (the offline drawer, Graphviz). */
  algorithmic: 'http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia',
} as const;

/** What an image says about how it was made (XMP in rasters, <metadata> in SVGs). */
export interface ImageProvenance {
  /** One of DIGITAL_SOURCE_TYPE's values. */
  digitalSourceType: string;
  /** Model or engine id, e.g. `gpt-image-2` or `offline-svg-1`. */
  model: string;
  /** ISO date-time; omit for deterministic output (the lock records the time instead). */
  createdAt?: string | undefined;
  /** The prompt the image was made from (IPTC "AI Prompt Information"). */
  prompt?: string | undefined;
  /** Alternative text (dc:description). */
  description?: string | undefined;
}

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** The rdf:RDF element, shared by the XMP packet and an SVG's <metadata>. */
export function provenanceRdf(p: ImageProvenance): string {
  const attrs = [
    `Iptc4xmpExt:DigitalSourceType="${escapeXml(p.digitalSourceType)}"`,
    `xmp:CreatorTool="${escapeXml(`astro-aigc (${p.model})`)}"`,
    ...(p.createdAt ? [`xmp:CreateDate="${escapeXml(p.createdAt)}"`] : []),
  ];
  const children = [
    `<Iptc4xmpExt:AISystemUsed>${escapeXml(p.model)}</Iptc4xmpExt:AISystemUsed>`,
    ...(p.prompt ? [`<Iptc4xmpExt:AIPromptInformation>${escapeXml(p.prompt)}</Iptc4xmpExt:AIPromptInformation>`] : []),
    ...(p.description
      ? [
          `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(p.description)}</rdf:li></rdf:Alt></dc:description>`,
        ]
      : []),
  ];
  return (
    `<rdf:RDF xmlns:rdf="${RDF_NS}">` +
    `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" ${attrs.join(' ')}>` +
    children.join('') +
    `</rdf:Description></rdf:RDF>`
  );
}

/** A complete XMP packet. */
export function buildXmp(p: ImageProvenance): string {
  return (
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">${provenanceRdf(p)}</x:xmpmeta>` +
    `<?xpacket end="r"?>`
  );
}

/** Put an XMP packet into a PNG, WebP or JPEG file, replacing any XMP it had. */
export function embedXmp(data: Uint8Array, xmp: string): Uint8Array {
  const kind = sniffRaster(data);
  if (kind === 'png') return embedXmpPng(data, xmp);
  if (kind === 'webp') return embedXmpWebp(data, xmp);
  if (kind === 'jpeg') return embedXmpJpeg(data, xmp);
  throw new Error('embedXmp: not a PNG, WebP or JPEG file');
}

/** The XMP packet of a PNG, WebP or JPEG file, or undefined. */
export function readXmp(data: Uint8Array): string | undefined {
  const kind = sniffRaster(data);
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (kind === 'png') {
    for (const chunk of pngChunks(buf)) {
      if (chunk.type !== 'iTXt') continue;
      const body = buf.subarray(chunk.start + 8, chunk.start + 8 + chunk.length);
      const keyEnd = body.indexOf(0);
      if (body.subarray(0, keyEnd).toString('latin1') !== XMP_KEYWORD) continue;
      // keyword\0 flag method lang\0 translated\0 text
      const langEnd = body.indexOf(0, keyEnd + 3);
      const transEnd = body.indexOf(0, langEnd + 1);
      return body.subarray(transEnd + 1).toString('utf8');
    }
  }
  if (kind === 'webp') {
    for (const chunk of riffChunks(buf))
      if (chunk.fourcc === 'XMP ') return buf.subarray(chunk.start + 8, chunk.start + 8 + chunk.size).toString('utf8');
  }
  if (kind === 'jpeg') {
    for (const seg of jpegSegments(buf)) {
      const body = buf.subarray(seg.start + 4, seg.start + 2 + seg.length);
      if (seg.marker === 0xe1 && body.subarray(0, JPEG_XMP_ID.length).equals(JPEG_XMP_ID)) {
        return body.subarray(JPEG_XMP_ID.length).toString('utf8');
      }
    }
  }
  return undefined;
}

export function sniffRaster(data: Uint8Array): 'png' | 'webp' | 'jpeg' | undefined {
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpeg';
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(12, data.byteLength)).toString('latin1');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

// PNG: an iTXt chunk with keyword "XML:com.adobe.xmp", uncompressed, right after IHDR.

const XMP_KEYWORD = 'XML:com.adobe.xmp';

function embedXmpPng(data: Uint8Array, xmp: string): Uint8Array {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const kept: Buffer[] = [buf.subarray(0, 8)];
  for (const chunk of pngChunks(buf)) {
    const whole = buf.subarray(chunk.start, chunk.start + 12 + chunk.length);
    if (chunk.type === 'iTXt' && isXmpITXt(buf, chunk.start)) continue;
    kept.push(whole);
    if (chunk.type === 'IHDR') {
      const body = Buffer.concat([Buffer.from(`${XMP_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(xmp, 'utf8')]);
      kept.push(pngChunk('iTXt', body));
    }
  }
  return new Uint8Array(Buffer.concat(kept));
}

function isXmpITXt(buf: Buffer, start: number): boolean {
  return buf.subarray(start + 8, start + 8 + XMP_KEYWORD.length + 1).toString('latin1') === `${XMP_KEYWORD}\0`;
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body, crc32(head.subarray(4, 8))) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

function* pngChunks(buf: Buffer): Generator<{ type: string; start: number; length: number }> {
  let offset = 8;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.subarray(offset + 4, offset + 8).toString('latin1');
    yield { type, start: offset, length };
    offset += 12 + length;
    if (type === 'IEND') return;
  }
}

// WebP: an "XMP " chunk in the RIFF, which needs the extended format (a VP8X chunk with the XMP flag).

function embedXmpWebp(data: Uint8Array, xmp: string): Uint8Array {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const chunks = [...riffChunks(buf)];
  const body: Buffer[] = [];
  if (!chunks.some((c) => c.fourcc === 'VP8X')) {
    const image = chunks.find((c) => c.fourcc === 'VP8 ' || c.fourcc === 'VP8L');
    if (!image) throw new Error('embedXmp: WebP without an image chunk');
    const { width, height, alpha } = webpCanvas(buf, image);
    const header = Buffer.alloc(10);
    header[0] = 0x04 | (alpha ? 0x10 : 0);
    header.writeUIntLE(width - 1, 4, 3);
    header.writeUIntLE(height - 1, 7, 3);
    body.push(riffChunk('VP8X', header));
  }
  for (const chunk of chunks) {
    if (chunk.fourcc === 'XMP ') continue;
    const whole = Buffer.from(buf.subarray(chunk.start, chunk.start + 8 + chunk.size + (chunk.size & 1)));
    if (chunk.fourcc === 'VP8X') whole[8] = whole[8]! | 0x04;
    body.push(whole);
  }
  body.push(riffChunk('XMP ', Buffer.from(xmp, 'utf8')));
  const payload = Buffer.concat(body);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(payload.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return new Uint8Array(Buffer.concat([head, payload]));
}

function riffChunk(fourcc: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function* riffChunks(buf: Buffer): Generator<{ fourcc: string; start: number; size: number }> {
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const fourcc = buf.subarray(offset, offset + 4).toString('latin1');
    const size = buf.readUInt32LE(offset + 4);
    yield { fourcc, start: offset, size };
    offset += 8 + size + (size & 1);
  }
}

/** Canvas size and alpha of a simple-format WebP, from its VP8 or VP8L header. */
function webpCanvas(
  buf: Buffer,
  chunk: { fourcc: string; start: number },
): { width: number; height: number; alpha: boolean } {
  const at = chunk.start + 8;
  if (chunk.fourcc === 'VP8L') {
    const bits = buf.readUInt32LE(at + 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  // VP8: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
  return { width: buf.readUInt16LE(at + 6) & 0x3fff, height: buf.readUInt16LE(at + 8) & 0x3fff, alpha: false };
}

// JPEG: an APP1 segment named "http://ns.adobe.com/xap/1.0/", after SOI and any APP0.

const JPEG_XMP_ID = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');

function embedXmpJpeg(data: Uint8Array, xmp: string): Uint8Array {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const payload = Buffer.concat([JPEG_XMP_ID, Buffer.from(xmp, 'utf8')]);
  if (payload.length + 2 > 0xffff) throw new Error('embedXmp: XMP packet too large for one JPEG segment');
  const marker = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  const ours = Buffer.concat([marker, payload]);
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let placed = false;
  let rest = 2;
  for (const seg of jpegSegments(buf)) {
    const whole = buf.subarray(seg.start, seg.start + 2 + seg.length);
    rest = seg.start + 2 + seg.length;
    if (seg.marker === 0xe1 && whole.subarray(4, 4 + JPEG_XMP_ID.length).equals(JPEG_XMP_ID)) continue;
    // JFIF's APP0 must stay first; everything else may follow our segment.
    if (!placed && seg.marker !== 0xe0) {
      parts.push(ours);
      placed = true;
    }
    parts.push(whole);
  }
  if (!placed) parts.push(ours);
  parts.push(buf.subarray(rest));
  return new Uint8Array(Buffer.concat(parts));
}

/** Header segments up to the start of scan (SOS is included; the entropy-coded data follows it). */
function* jpegSegments(buf: Buffer): Generator<{ marker: number; start: number; length: number }> {
  let offset = 2;
  while (offset + 4 <= buf.length && buf[offset] === 0xff) {
    const marker = buf[offset + 1]!;
    const length = buf.readUInt16BE(offset + 2);
    yield { marker, start: offset, length };
    offset += 2 + length;
    if (marker === 0xda) return;
  }
}

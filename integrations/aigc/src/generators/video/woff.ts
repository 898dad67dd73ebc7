import { inflateSync } from 'node:zlib';

/**
 * A WOFF 1.0 font back to the TrueType/OpenType file it wraps (W3C WOFF §4–5: each table
 * zlib-compressed on its own). resvg loads TTF/OTF only; the packaged fonts are WOFF.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font (no wOFF signature)');
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const offset = view.getUint32(at + 4);
    const compressed = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    tables.push({
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 16),
      data: compressed < length ? new Uint8Array(inflateSync(raw)) : raw,
    });
  }
  const pad = (n: number) => (n + 3) & ~3;
  const head = 12 + 16 * count;
  const out = new Uint8Array(head + tables.reduce((sum, t) => sum + pad(t.data.length), 0));
  const sfnt = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  sfnt.setUint32(0, flavor);
  sfnt.setUint16(4, count);
  sfnt.setUint16(6, power * 16);
  sfnt.setUint16(8, Math.log2(power));
  sfnt.setUint16(10, count * 16 - power * 16);
  let offset = head;
  tables.forEach((table, i) => {
    sfnt.setUint32(12 + i * 16, table.tag);
    sfnt.setUint32(16 + i * 16, table.checksum);
    sfnt.setUint32(20 + i * 16, offset);
    sfnt.setUint32(24 + i * 16, table.data.length);
    out.set(table.data, offset);
    offset += pad(table.data.length);
  });
  return out;
}

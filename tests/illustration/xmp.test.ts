import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildXmp, DIGITAL_SOURCE_TYPE, embedXmp, readXmp } from '../../integrations/aigc/src/utils/xmp.ts';

const xmp = buildXmp({
  digitalSourceType: DIGITAL_SOURCE_TYPE.trained,
  model: 'gpt-image-2',
  createdAt: '2026-11-28T10:00:00.000Z',
  prompt: 'a desk',
  description: 'A desk “with” <tags> & more',
});

async function sample(format: 'png' | 'webp' | 'jpeg', options: Record<string, unknown> = {}): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 96, height: 64, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 0.8 } } })
      .toFormat(format, options)
      .toBuffer(),
  );
}

describe('XMP provenance', () => {
  for (const [name, make] of [
    ['PNG', () => sample('png')],
    ['WebP (lossy)', () => sample('webp', { quality: 80 })],
    ['WebP (lossless, alpha)', () => sample('webp', { lossless: true })],
    ['JPEG', () => sample('jpeg')],
  ] as const) {
    it(`is written into a ${name} that still decodes at its size, and libvips reads it back`, async () => {
      const original = await make();
      expect(readXmp(original)).toBeUndefined();
      const marked = embedXmp(original, xmp);
      const meta = await sharp(Buffer.from(marked)).metadata();
      expect([meta.width, meta.height]).toEqual([96, 64]);
      const read = meta.xmp?.toString('utf8') ?? '';
      expect(read).toContain(`Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPE.trained}"`);
      expect(read).toContain('<Iptc4xmpExt:AISystemUsed>gpt-image-2</Iptc4xmpExt:AISystemUsed>');
      expect(read).toContain('xmp:CreateDate="2026-11-28T10:00:00.000Z"');
      expect(readXmp(marked)).toBe(xmp);
      // The pixels are untouched.
      const [a, b] = await Promise.all([
        sharp(Buffer.from(original)).raw().toBuffer(),
        sharp(Buffer.from(marked)).raw().toBuffer(),
      ]);
      expect(a.equals(b)).toBe(true);
      // Writing again replaces the packet instead of adding a second one.
      const twice = embedXmp(marked, xmp.replace('gpt-image-2', 'other-model'));
      expect(readXmp(twice)).toContain('other-model');
      expect(Buffer.from(twice).toString('latin1').split('Iptc4xmpExt:DigitalSourceType="').length - 1).toBe(1);
    });
  }

  it('escapes text so the packet stays well-formed', () => {
    expect(xmp).toContain('A desk “with” &lt;tags&gt; &amp; more');
  });

  it('refuses files it does not know', () => {
    expect(() => embedXmp(new TextEncoder().encode('<svg/>'), xmp)).toThrow(/not a PNG, WebP or JPEG/);
  });
});

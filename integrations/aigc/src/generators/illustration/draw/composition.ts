import type { Palette } from './palette.ts';
import { r, seededRandom, type Random } from './seed.ts';

/** The abstract artwork behind the text: SVG elements, no text. */
export interface CompositionInput {
  width: number;
  height: number;
  palette: Palette;
  random: Random;
  /** Each tag adds a motif placed by its own hash, so pages with shared tags share a motif. */
  tags: string[];
}

type Composer = (input: CompositionInput) => string[];

const COMPOSERS: Record<string, Composer> = { orbits, blocks, waves, constellation };

/** Names of the compositions, for the picture's description. */
export const COMPOSITIONS = Object.keys(COMPOSERS);

/** Background gradient, a seeded composition, and one motif per tag. */
export function drawComposition(input: CompositionInput): { name: string; elements: string } {
  const { width, height, palette, random } = input;
  const name = random.pick(COMPOSITIONS);
  const angle = random.int(360);
  const parts = [
    `<defs><linearGradient id="aigc-bg" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="${palette.background[0]}"/><stop offset="1" stop-color="${palette.background[1]}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#aigc-bg)"/>`,
    ...COMPOSERS[name]!(input),
    ...input.tags.map((tag, i) => tagMotif(input, tag, i)),
  ];
  return { name, elements: parts.join('') };
}

function orbits({ width, height, palette, random }: CompositionInput): string[] {
  const cx = width * random.range(0.55, 0.85);
  const cy = height * random.range(0.2, 0.5);
  const out: string[] = [];
  const rings = 4 + random.int(4);
  for (let i = 0; i < rings; i++) {
    const radius = (Math.min(width, height) * (i + 1)) / (rings + 1);
    out.push(
      `<circle cx="${r(cx)}" cy="${r(cy)}" r="${r(radius)}" fill="none" stroke="${random.pick(palette.accents)}" stroke-width="${r(random.range(2, 10))}" stroke-opacity="${r(random.range(0.3, 0.9))}"/>`,
    );
    const theta = random.range(0, Math.PI * 2);
    out.push(
      `<circle cx="${r(cx + radius * Math.cos(theta))}" cy="${r(cy + radius * Math.sin(theta))}" r="${r(random.range(8, 28))}" fill="${random.pick(palette.accents)}"/>`,
    );
  }
  return out;
}

function blocks({ width, height, palette, random }: CompositionInput): string[] {
  const out: string[] = [];
  const columns = 5 + random.int(4);
  const size = width / columns;
  const rows = Math.ceil(height / size);
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) {
      if (random.next() < 0.45) continue;
      const inset = random.range(0.08, 0.3) * size;
      const rotate = random.pick([0, 0, 15, 45, -30]);
      const px = x * size + inset;
      const py = y * size + inset;
      const side = size - 2 * inset;
      out.push(
        `<rect x="${r(px)}" y="${r(py)}" width="${r(side)}" height="${r(side)}" rx="${r(side * random.range(0, 0.5))}" fill="${random.pick(palette.accents)}" fill-opacity="${r(random.range(0.25, 0.95))}" transform="rotate(${rotate} ${r(px + side / 2)} ${r(py + side / 2)})"/>`,
      );
    }
  }
  return out;
}

function waves({ width, height, palette, random }: CompositionInput): string[] {
  const out: string[] = [];
  const layers = 4 + random.int(3);
  for (let i = 0; i < layers; i++) {
    const base = height * (0.25 + (0.7 * i) / layers);
    const amplitude = height * random.range(0.03, 0.12);
    const period = width / random.range(1, 3);
    const phase = random.range(0, Math.PI * 2);
    let d = `M0 ${r(base)}`;
    for (let x = 0; x <= width; x += width / 48)
      d += ` L${r(x)} ${r(base + amplitude * Math.sin((x / period) * Math.PI * 2 + phase))}`;
    d += ` L${width} ${height} L0 ${height} Z`;
    out.push(
      `<path d="${d}" fill="${palette.accents[i % palette.accents.length]}" fill-opacity="${r(0.35 + (0.5 * i) / layers)}"/>`,
    );
  }
  return out;
}

function constellation({ width, height, palette, random }: CompositionInput): string[] {
  const points = Array.from(
    { length: 9 + random.int(8) },
    () => [random.range(0.05, 0.95) * width, random.range(0.05, 0.95) * height] as const,
  );
  const out: string[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1 + random.int(3)) % points.length]!;
    out.push(
      `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${random.pick(palette.accents)}" stroke-width="${r(random.range(1.5, 5))}" stroke-opacity="0.7"/>`,
    );
  }
  for (const [x, y] of points)
    out.push(
      `<circle cx="${r(x)}" cy="${r(y)}" r="${r(random.range(6, 22))}" fill="${random.pick(palette.accents)}"/>`,
    );
  return out;
}

/** A tag's own motif: a ring or a diamond, placed and coloured by the tag's hash alone. */
function tagMotif({ width, height, palette }: CompositionInput, tag: string, index: number): string {
  const random = seededRandom(`tag:${tag}`);
  const x = random.range(0.1, 0.9) * width;
  const y = random.range(0.08, 0.45) * height;
  const size = random.range(0.04, 0.09) * Math.min(width, height);
  const colour = palette.accents[(index + random.int(4)) % palette.accents.length];
  if (random.next() < 0.5)
    return `<circle cx="${r(x)}" cy="${r(y)}" r="${r(size)}" fill="none" stroke="${colour}" stroke-width="${r(size / 4)}" stroke-opacity="0.85"/>`;
  return `<rect x="${r(x - size / 2)}" y="${r(y - size / 2)}" width="${r(size)}" height="${r(size)}" fill="${colour}" fill-opacity="0.85" transform="rotate(45 ${r(x)} ${r(y)})"/>`;
}

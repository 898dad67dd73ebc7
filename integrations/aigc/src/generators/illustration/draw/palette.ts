import type { Random } from './seed.ts';

/** Colours of one picture: a background pair, accents, and ink that reads on the panel. */
export interface Palette {
  background: [string, string];
  accents: string[];
  panel: string;
  ink: string;
  muted: string;
}

const SCHEMES = [
  [0, 30, 60, 180], // analogous with a complement
  [0, 120, 240, 60], // triadic
  [0, 150, 210, 30], // split complementary
  [0, 15, 200, 215], // two close pairs
] as const;

/** A harmonious palette: a seeded base hue, turned by one of a few colour schemes. */
export function seededPalette(random: Random): Palette {
  const hue = random.int(360);
  const scheme = random.pick(SCHEMES);
  const dark = random.next() < 0.6;
  const accents = scheme.map((offset, i) => hsl(hue + offset, 55 + random.int(30), dark ? 50 + i * 6 : 42 + i * 5));
  return {
    background: dark
      ? [hsl(hue, 45, 14), hsl(hue + scheme[1], 50, 24)]
      : [hsl(hue, 60, 94), hsl(hue + scheme[1], 55, 84)],
    accents,
    panel: dark ? 'rgba(8,10,20,0.62)' : 'rgba(255,255,255,0.78)',
    ink: dark ? '#ffffff' : '#111418',
    muted: dark ? 'rgba(255,255,255,0.78)' : 'rgba(17,20,24,0.72)',
  };
}

/** HSL to a #rrggbb string. */
export function hsl(h: number, s: number, l: number): string {
  const hue = ((h % 360) + 360) % 360;
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

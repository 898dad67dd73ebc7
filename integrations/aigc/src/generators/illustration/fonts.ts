import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Fonts for in-process typography, from npm packages (no system fonts, no network):
 * Inter for Latin, Noto Sans SC for Chinese. Noto Sans SC ships ~100 unicode-range
 * subsets per weight; we load only those the text needs, and give each subset its own
 * family name: subsets sharing one name render as tofu in satori. The published package
 * carries the WOFF files of the two weights it uses in `dist/fonts/` (scripts/build.mjs);
 * run from source, they come from the @fontsource devDependencies.
 */

export interface FontSubset {
  /** Family name we give this subset (unique per package and subset). */
  family: string;
  /** Absolute path of the WOFF file. */
  file: string;
  weight: number;
  /** Inclusive code point ranges, from the CSS `unicode-range`. */
  ranges: [number, number][];
}

/** What satori's `fonts` option takes. */
export interface SatoriFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

export type FontWeight = 400 | 700;

/** Packages in order of preference: the first subset covering a character wins. */
const PACKAGES = [
  { name: '@fontsource/inter', prefix: 'aigc-inter' },
  { name: '@fontsource/noto-sans-sc', prefix: 'aigc-noto-sc' },
] as const;

const require = createRequire(import.meta.url);
const subsetCache = new Map<FontWeight, FontSubset[]>();
const dataCache = new Map<string, Buffer>();

/** Parse a Fontsource CSS file into subsets (each @font-face: WOFF file and unicode-range). */
export function parseFontFaces(css: string, folder: string, prefix: string, weight: number): FontSubset[] {
  const subsets: FontSubset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    if (/font-style:\s*italic/.test(block)) continue;
    const woff = /url\(\.\/files\/([^)]+?\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!woff || !range) continue;
    const id = /-([a-z0-9-]+?)-\d{3}-normal\.woff$/.exec(woff)?.[1] ?? String(subsets.length);
    subsets.push({
      family: `${prefix}-${id}`,
      file: join(folder, 'files', woff),
      weight,
      ranges: parseUnicodeRange(range),
    });
  }
  return subsets;
}

/** `U+0000-00FF,U+0131,U+4E??` → inclusive ranges. */
export function parseUnicodeRange(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of text.split(',')) {
    const value = part.trim().replace(/^U\+/i, '');
    if (!value) continue;
    if (value.includes('?')) {
      ranges.push([Number.parseInt(value.replaceAll('?', '0'), 16), Number.parseInt(value.replaceAll('?', 'F'), 16)]);
    } else {
      const [from, to] = value.split('-');
      ranges.push([Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)]);
    }
  }
  return ranges;
}

/** Every subset of every package at one weight, Inter's first. */
export function allSubsets(weight: FontWeight): FontSubset[] {
  const cached = subsetCache.get(weight);
  if (cached) return cached;
  const subsets: FontSubset[] = [];
  for (const pkg of PACKAGES) {
    const folder = fontFolder(pkg.name);
    const css = readFileSync(join(folder, `${weight}.css`), 'utf8');
    subsets.push(...parseFontFaces(css, folder, pkg.prefix, weight));
  }
  subsetCache.set(weight, subsets);
  return subsets;
}

/**
 * The published package's copy (`astro-aigc/dist/fonts/<name>`), else the installed
 * @fontsource package (this repo, run from source). Found through the package name, not
 * this file's URL: injected routes are bundled into the site's own chunks.
 */
function fontFolder(name: string): string {
  try {
    const shipped = join(dirname(require.resolve('astro-aigc/package.json')), 'dist/fonts', name.split('/')[1]!);
    if (existsSync(join(shipped, '400.css'))) return shipped;
  } catch {
    // Not resolvable as a package here: fall through to @fontsource.
  }
  return dirname(require.resolve(`${name}/package.json`));
}

export function covers(subset: FontSubset, codePoint: number): boolean {
  return subset.ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** The smallest list of subsets (in preference order) that covers every visible character of `text`. */
export function subsetsFor(text: string, weight: FontWeight): FontSubset[] {
  const subsets = allSubsets(weight);
  const chosen = new Set<FontSubset>();
  for (const char of new Set(text)) {
    if (/\s/.test(char)) continue;
    const codePoint = char.codePointAt(0)!;
    const subset = subsets.find((s) => covers(s, codePoint));
    if (subset) chosen.add(subset);
  }
  return subsets.filter((s) => chosen.has(s));
}

/** Characters of `text` that none of `subsets` covers (what would render as tofu). */
export function uncoveredCharacters(text: string, subsets: FontSubset[]): string[] {
  return [...new Set(text)].filter((char) => !/\s/.test(char) && !subsets.some((s) => covers(s, char.codePointAt(0)!)));
}

/**
 * Fonts for satori covering `text` at the given weights, and the `fontFamily` list naming
 * each subset (in preference order).
 */
export function fontsForText(
  text: string,
  weights: FontWeight[] = [400, 700],
): { fonts: SatoriFont[]; family: string; subsets: FontSubset[] } {
  const fonts: SatoriFont[] = [];
  const subsets: FontSubset[] = [];
  const families: string[] = [];
  for (const weight of weights) {
    for (const subset of subsetsFor(text, weight)) {
      subsets.push(subset);
      if (!families.includes(subset.family)) families.push(subset.family);
      fonts.push({ name: subset.family, data: readFont(subset.file), weight, style: 'normal' });
    }
  }
  if (fonts.length === 0) {
    // satori needs at least one font even for text made only of spaces.
    const fallback = allSubsets(400).find((s) => s.family.endsWith('-latin'))!;
    fonts.push({ name: fallback.family, data: readFont(fallback.file), weight: 400, style: 'normal' });
    families.push(fallback.family);
  }
  // Order families by the packages' preference so Inter wins for Latin wherever both cover it.
  const order = (family: string) => PACKAGES.findIndex((p) => family.startsWith(p.prefix));
  families.sort((a, b) => order(a) - order(b));
  return { fonts, family: families.map((f) => `'${f}'`).join(', '), subsets };
}

function readFont(file: string): Buffer {
  let data = dataCache.get(file);
  if (!data) {
    data = readFileSync(file);
    dataCache.set(file, data);
  }
  return data;
}

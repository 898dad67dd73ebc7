/**
 * sharp and resvg, imported by the first job that converts or rasterises an image. Both are
 * native addons (sharp alone takes ~0.4 s to import); planning, and a run whose images are
 * all fresh, never loads them.
 */
import type { Resvg } from '@resvg/resvg-js';
import type sharpFunction from 'sharp';

let sharpLoading: Promise<typeof sharpFunction> | undefined;
let resvgLoading: Promise<typeof Resvg> | undefined;

/** The `sharp` function, imported once per process. */
export function loadSharp(): Promise<typeof sharpFunction> {
  sharpLoading ??= import('sharp').then((module) => module.default);
  return sharpLoading;
}

/** The `Resvg` class, imported once per process. */
export function loadResvg(): Promise<typeof Resvg> {
  resvgLoading ??= import('@resvg/resvg-js').then((module) => module.Resvg);
  return resvgLoading;
}

/**
 * sharp and resvg, imported by the first job that converts or rasterises an image. Both are
 * native addons (sharp alone takes ~0.4 s to import); planning, and a run whose images are
 * all fresh, never loads them.
 */
import type { RenderedImage, ResvgRenderOptions } from '@resvg/resvg-js';
import type sharpFunction from 'sharp';

let sharpLoading: Promise<typeof sharpFunction> | undefined;
let resvgLoading: Promise<typeof import('@resvg/resvg-js')> | undefined;

/** The `sharp` function, imported once per process. */
export function loadSharp(): Promise<typeof sharpFunction> {
  sharpLoading ??= import('sharp').then((module) => module.default);
  return sharpLoading;
}

/**
 * Rasterise an SVG with resvg on libuv's thread pool (resvg imported once per process): cards,
 * covers and slides drawn at once use every core, and the main thread stays free meanwhile.
 */
export async function renderSvg(svg: string | Buffer, options: ResvgRenderOptions): Promise<RenderedImage> {
  resvgLoading ??= import('@resvg/resvg-js');
  return (await resvgLoading).renderAsync(svg, options);
}

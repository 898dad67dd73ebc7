import type { AigcOptions } from '../../options.ts';
import { describeProviders } from '../../producers.ts';

/** The folder of a page's assets: `content/generated/<c>/<slug>/` for `…/<slug>.md`. */
export function assetFolder(articlePath: string): string {
  return articlePath.replace(/\.md$/, '');
}

/** File extension of covers and figures: SVG offline, else the configured raster format. */
export function imageExtension(
  options: AigcOptions,
  env: NodeJS.ProcessEnv = process.env,
): 'svg' | 'png' | 'webp' | 'jpg' {
  if (describeProviders(options, env).image.provider === 'offline') return 'svg';
  return options.image.format === 'jpeg' ? 'jpg' : options.image.format;
}

/** `1536x1024` → numbers. */
export function parseSize(size: string): { width: number; height: number } {
  const [width, height] = size.split('x').map(Number);
  return { width: width!, height: height! };
}

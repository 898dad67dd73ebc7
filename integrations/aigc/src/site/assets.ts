import { relative, sep } from 'node:path';
import { listFiles } from '../utils/list-files.ts';

/** URL prefix of generated assets; files are served from the output folder as they are. */
export const ASSET_BASE = '/_aigc';

const MEDIA_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  avif: 'image/avif',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  webm: 'video/webm',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  json: 'application/json',
};

export function mediaTypeOf(path: string): string {
  return MEDIA_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** Public URL of a generated file, from its project-relative path. */
export function assetUrl(outputDir: string, projectPath: string): string {
  const prefix = `${outputDir.replace(/\/+$/, '')}/`;
  const below = projectPath.startsWith(prefix) ? projectPath.slice(prefix.length) : projectPath;
  return `${ASSET_BASE}/${below}`;
}

/** Every servable asset below the output folder (not the Markdown pages themselves). */
export async function listAssets(outputAbsolute: string): Promise<string[]> {
  const files = await listFiles(outputAbsolute, (name) => !name.endsWith('.md'));
  return files.map((file) => relative(outputAbsolute, file).split(sep).join('/'));
}

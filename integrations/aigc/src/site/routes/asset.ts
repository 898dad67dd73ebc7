import type { APIRoute, GetStaticPaths } from 'astro';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import config from 'virtual:astro-aigc/config';
import { listAssets, mediaTypeOf } from '../assets.ts';

export const prerender = true;

/** One static file per generated asset, at /_aigc/<path below the output folder>. */
export const getStaticPaths = (async () => {
  const files = await listAssets(resolve(config.root, config.output));
  return files.map((path) => ({ params: { path } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const path = String(params.path ?? '');
  if (path.split('/').includes('..')) return new Response('Not found', { status: 404 });
  const body = await readFile(resolve(config.root, config.output, path));
  return new Response(body, { headers: { 'content-type': mediaTypeOf(path) } });
};

import type { APIRoute, GetStaticPaths } from 'astro';
import config from 'virtual:astro-aigc/config';
import { listGeneratedPages, markdownCopy } from './pages.ts';

export const prerender = true;

/** A Markdown copy of each generated page at `/<collection>/<id>.md`, for people and agents that read Markdown. */
export const getStaticPaths = (async () => {
  const pages = await listGeneratedPages(config);
  return pages
    .filter((p) => !p.draft)
    .map((page) => ({ params: { collection: page.collection, id: page.id }, props: { text: markdownCopy(page) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(String(props.text), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });

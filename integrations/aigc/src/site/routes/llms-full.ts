import type { APIRoute } from 'astro';
import config from 'virtual:astro-aigc/config';
import { absolute, listGeneratedPages, markdownCopy } from './pages.ts';

export const prerender = true;

/** `/llms-full.txt`: every page's Markdown copy in one file, each headed by its URL. */
export const GET: APIRoute = async ({ site }) => {
  const pages = (await listGeneratedPages(config)).filter((p) => !p.draft);
  const text = pages.map((page) => `<!-- ${absolute(page.url, site)} -->\n\n${markdownCopy(page)}`).join('\n---\n\n');
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};

import type { APIRoute } from 'astro';
import config from 'virtual:astro-aigc/config';
import { absolute, listGeneratedPages } from './pages.ts';

export const prerender = true;

/**
 * `/llms.txt`: what the site is and a link to every page, by collection (llmstxt.org): its
 * Markdown copy, or the page itself when the site switched Markdown copies off.
 */
export const GET: APIRoute = async ({ site }) => {
  const pages = (await listGeneratedPages(config)).filter((p) => !p.draft);
  const markdown = config.routes.markdown;
  const lines = [
    `# ${config.siteName}`,
    '',
    `> Pages generated with astro-aigc from outlines and labelled as AI-generated.${markdown ? ' Each link is the Markdown copy of a page.' : ''}`,
    '',
  ];
  for (const collection of [...new Set(pages.map((p) => p.collection))]) {
    lines.push(`## ${collection[0]!.toUpperCase()}${collection.slice(1)}`, '');
    for (const page of pages.filter((p) => p.collection === collection)) {
      lines.push(
        `- [${page.title}](${absolute(markdown ? page.markdownUrl : page.url, site)})${page.description ? `: ${page.description}` : ''} (${page.lang})`,
      );
    }
    lines.push('');
  }
  lines.push('## Optional', '');
  if (config.routes.disclosure)
    lines.push(
      `- [AI disclosure](${absolute('/ai-disclosure/', site)}): every generated artifact with its model, provider and date`,
    );
  lines.push(`- [Full text](${absolute('/llms-full.txt', site)})`, '');
  return new Response(lines.join('\n'), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};

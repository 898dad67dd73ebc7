/**
 * An outline's `sources:`: read (project files) or fetched once and cached (URLs), reduced to
 * plain text, numbered from 1 in the order the outline lists them. The text is what the model
 * gets as excerpts and what quotations are checked against.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Root as HastRoot, RootContent as HastNode } from 'hast';
import { toString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { Outline, OutlineSource } from '../../outline/types.ts';
import { sha256 } from '../../utils/hash.ts';
import { parseMarkdown } from '../../utils/markdown.ts';
import { readFile, readFileSync } from '../../utils/read-ledger.ts';

/** A source as the model and the citation checks see it. */
export interface LoadedSource {
  /** Its citation number: `[n]`. */
  n: number;
  /** As the outline wrote it: a project path or a URL. */
  src: string;
  title: string;
  /** Set for URL sources: what the references list links to. */
  url?: string;
  /** Plain text of the source. */
  text: string;
  /** sha256 of the bytes read. */
  hash: string;
}

/** Characters of each source the model gets: enough to cite from, not a whole book. */
export const EXCERPT_CHARS = 6000;

export function isUrl(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/**
 * What decides the article for each source, at plan time: a file's hash (editing it makes the
 * page stale), a URL as written (fetched once, then cached: delete the cache to fetch again).
 */
export function sourceKeys(outline: Outline, root: string): { src: string; hash: string }[] {
  return (outline.data.sources ?? []).map((source) => {
    if (isUrl(source.src)) return { src: source.src, hash: 'url' };
    try {
      return { src: source.src, hash: sha256(readFileSync(resolve(root, source.src))) };
    } catch {
      return { src: source.src, hash: 'missing' }; // the job fails with the reason when it runs
    }
  });
}

/** Read every source of the outline; a missing file or failed fetch names the outline and the fix. */
export async function loadSources(
  outline: Outline,
  root: string,
  cacheDir: string,
  signal?: AbortSignal,
): Promise<LoadedSource[]> {
  const sources: LoadedSource[] = [];
  for (const [index, source] of (outline.data.sources ?? []).entries()) {
    const { bytes, type } = isUrl(source.src)
      ? await fetchCached(outline, source, cacheDir, signal)
      : await readLocal(outline, source, root);
    const { title, text } = plainText(new TextDecoder().decode(bytes), type);
    sources.push({
      n: index + 1,
      src: source.src,
      title: source.title ?? title ?? source.src,
      ...(isUrl(source.src) ? { url: source.src } : {}),
      text,
      hash: sha256(bytes),
    });
  }
  return sources;
}

type SourceType = 'markdown' | 'html' | 'text';

async function readLocal(
  outline: Outline,
  source: OutlineSource,
  root: string,
): Promise<{ bytes: Uint8Array; type: SourceType }> {
  try {
    return { bytes: await readFile(resolve(root, source.src)), type: typeOfPath(source.src) };
  } catch {
    throw new Error(
      `${outline.file}: source "${source.src}" is not a readable file. Write a path relative to the project root, or an http(s) URL.`,
    );
  }
}

async function fetchCached(
  outline: Outline,
  source: OutlineSource,
  cacheDir: string,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; type: SourceType }> {
  const folder = join(cacheDir, 'sources');
  const file = join(folder, sha256(source.src));
  try {
    const cached = JSON.parse(await readFile(`${file}.json`, 'utf8')) as { type: SourceType };
    return { bytes: await readFile(file), type: cached.type };
  } catch {
    // Not cached yet: fetch it below.
  }
  let response: Response;
  try {
    response = await fetch(source.src, { ...(signal ? { signal } : {}), redirect: 'follow' });
  } catch (error) {
    throw new Error(
      `${outline.file}: could not fetch source ${source.src} (${(error as Error).message}). Check the URL, or save the page in the project and list its path.`,
    );
  }
  if (!response.ok)
    throw new Error(
      `${outline.file}: source ${source.src} answered HTTP ${response.status}. Check the URL, or save the page in the project and list its path.`,
    );
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? '';
  const type: SourceType = contentType.includes('html')
    ? 'html'
    : contentType.includes('markdown')
      ? 'markdown'
      : typeOfPath(new URL(source.src).pathname);
  await mkdir(folder, { recursive: true });
  await writeFile(file, bytes);
  await writeFile(`${file}.json`, JSON.stringify({ url: source.src, type }));
  return { bytes, type };
}

function typeOfPath(path: string): SourceType {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' || ext === '.mdx'
    ? 'markdown'
    : ext === '.html' || ext === '.htm'
      ? 'html'
      : 'text';
}

/** Paragraph-separated plain text, and the title the source gives itself (first heading or <title>). */
function plainText(raw: string, type: SourceType): { title: string | undefined; text: string } {
  if (type === 'markdown') {
    const tree = parseMarkdown(raw);
    const blocks = tree.children.filter((node) => node.type !== 'yaml' && node.type !== 'code' && node.type !== 'html');
    const heading = blocks.find((node) => node.type === 'heading');
    return { title: heading ? toString(heading) : undefined, text: blocks.map((node) => toString(node)).join('\n\n') };
  }
  if (type === 'html') {
    const tree = unified().use(rehypeParse).parse(raw) as HastRoot;
    let title: string | undefined;
    const parts: string[] = [];
    const walk = (node: HastNode | HastRoot): void => {
      if (node.type === 'text') parts.push(node.value);
      if (node.type !== 'element' && node.type !== 'root') return;
      if (node.type === 'element') {
        if (['script', 'style', 'noscript', 'template'].includes(node.tagName)) return;
        if (node.tagName === 'title') {
          title = node.children
            .map((c) => (c.type === 'text' ? c.value : ''))
            .join('')
            .trim();
          return;
        }
      }
      for (const child of node.children) walk(child);
      if (node.type === 'element' && /^(p|h[1-6]|li|div|section|article|blockquote|br|tr)$/.test(node.tagName))
        parts.push('\n\n');
    };
    walk(tree);
    return {
      title: title || undefined,
      text: parts
        .join('')
        .replace(/[ \t]*\n[ \t]*(\n[ \t]*)+/g, '\n\n')
        .trim(),
    };
  }
  return { title: undefined, text: raw.trim() };
}

/** The system-prompt part that hands the model its numbered sources and the rules for citing them. */
export function sourceInstructions(sources: readonly LoadedSource[]): string {
  const list = sources.map(
    (s) =>
      `[${s.n}] ${s.title} (${s.src})\n"""\n${s.text.slice(0, EXCERPT_CHARS)}${s.text.length > EXCERPT_CHARS ? '\n[…]' : ''}\n"""`,
  );
  return [
    `Sources: ${sources.length} numbered source(s) follow. Ground claims in them and cite the source right after the claim as [n], e.g. "… in 2024 [2]." Cite only numbers from 1 to ${sources.length}.`,
    'Cite at least one source in every section that makes a factual claim. A quotation in double quotes must copy the source word for word and be followed by its citation. Do not add a references list: it is added for you.',
    ...list,
  ].join('\n');
}

/** The references list appended to the page (trusted: built from the outline, not by the model). */
export function referencesMarkdown(sources: readonly LoadedSource[], lang: string): string {
  const heading = /^zh\b/i.test(lang) ? '参考资料' : 'References';
  const escape = (text: string) => text.replace(/([\\`*_[\]<>])/g, '\\$1');
  const items = sources.map(
    (s) => `${s.n}. ${s.url ? `[${escape(s.title)}](${s.url})` : `${escape(s.title)} (\`${s.src}\`)`}`,
  );
  return `## ${heading}\n\n${items.join('\n')}\n`;
}

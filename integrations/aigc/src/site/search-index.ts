import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SearchIndexResult {
  pages: number;
  languages: string[];
  /** Set when another tool (Starlight) already indexed the site and we left its index alone. */
  skipped?: string;
}

/**
 * A static Pagefind index of the built site in `<dir>/pagefind/`: no server, one index per
 * page language; Pagefind's extended binary segments Chinese and Japanese words.
 */
export async function writeSearchIndex(dir: string): Promise<SearchIndexResult> {
  const output = join(dir, 'pagefind');
  if (await exists(join(output, 'pagefind-entry.json'))) {
    return { pages: 0, languages: [], skipped: 'the site already has a Pagefind index (Starlight builds its own)' };
  }
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${dir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${output}: ${written.errors.join('; ')}`);
    const entry = JSON.parse(await readFile(join(output, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return { pages: added.page_count, languages: Object.keys(entry.languages).sort() };
  } finally {
    await pagefind.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

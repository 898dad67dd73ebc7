import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file below `dir` (absolute paths, sorted) that `keep` accepts, hidden files
 * excluded. A folder that does not exist has no files: outputs appear on the first run.
 */
export async function listFiles(dir: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, keep)));
    else if (entry.isFile() && keep(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Every Markdown file below `dir`. */
export function listMarkdown(dir: string): Promise<string[]> {
  return listFiles(dir, (name) => name.endsWith('.md'));
}

/** `listMarkdown`, synchronously: for planning, which reads the generated pages before any job runs. */
export function listMarkdownSync(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdownSync(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

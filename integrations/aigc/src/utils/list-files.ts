import { basename } from 'node:path';
import { glob, globSync } from 'tinyglobby';
import { noteFile, noteTree } from './read-ledger.ts';

/**
 * Files only, absolute, hidden files and folders left out, symbolic links not followed
 * (an output folder must not reach outside itself). A folder that does not exist has no
 * files: outputs appear on the first run.
 */
const OPTIONS = {
  absolute: true,
  dot: false,
  followSymbolicLinks: false,
  expandDirectories: false,
  onlyFiles: true,
} as const;

/** Every file below `dir` (absolute paths, sorted) that `keep` accepts. */
export async function listFiles(dir: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  noteTree(dir);
  const files = (await glob('**', { ...OPTIONS, cwd: dir })).filter((file) => keep(basename(file))).sort();
  for (const file of files) noteFile(file);
  return files;
}

/** Every Markdown file below `dir`. */
export function listMarkdown(dir: string): Promise<string[]> {
  return listFiles(dir, (name) => name.endsWith('.md'));
}

/** `listMarkdown`, synchronously: for planning, which reads the generated pages before any job runs. */
export function listMarkdownSync(dir: string): string[] {
  noteTree(dir);
  const files = globSync('**/*.md', { ...OPTIONS, cwd: dir }).sort();
  for (const file of files) noteFile(file);
  return files;
}

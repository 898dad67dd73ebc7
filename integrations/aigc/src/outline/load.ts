import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeOutline } from './decode.ts';
import { OutlineError } from './error.ts';
import { parseOutline } from './parse.ts';
import type { Outline } from './types.ts';
import { readFile, readdir, realpath, stat } from '../utils/read-ledger.ts';

export interface LoadedOutlines {
  /** Valid outlines, sorted by collection, then slug. */
  outlines: Outline[];
  /** One error per bad file; a bad file never stops the others. */
  errors: OutlineError[];
}

/** An outline file found on disk, before it is read. */
interface Candidate {
  /** Absolute path to read (a link inside the folder is read through its target). */
  path: string;
  /** Project-relative path as the user sees it, `/`-separated. */
  file: string;
  /** Path segments below the outlines folder. */
  segments: string[];
}

/**
 * Read every `<outlinesDir>/<collection>/**\/*.md` below `root`. The collection is the
 * first folder, the slug the rest of the path without `.md`.
 */
export async function loadOutlines(root: string, outlinesDir: string, defaultLang: string): Promise<LoadedOutlines> {
  const base = resolve(root, outlinesDir);
  const project = (absolute: string): string => relative(root, absolute).split(sep).join('/');
  const errors: OutlineError[] = [];
  const problem = (file: string, ruleId: string, reason: string, hint: string): void => {
    errors.push(new OutlineError({ file, position: { line: 1, column: 1 }, reason, hint, ruleId }));
  };

  let realBase: string;
  try {
    realBase = await realpath(base);
  } catch {
    // No outlines folder yet: a new site builds with nothing to generate.
    return { outlines: [], errors: [] };
  }

  const candidates: Candidate[] = [];
  const visited = new Set<string>([realBase]);
  const walk = async (dir: string, segments: string[]): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      const file = project(full);
      let target = full;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A link may point anywhere; only what stays inside the outlines folder is read.
        try {
          target = await realpath(full);
        } catch {
          problem(
            file,
            'broken-link',
            `\`${entry.name}\` is a symbolic link to nothing`,
            'remove the link or point it at a file inside the outlines folder',
          );
          continue;
        }
        if (!isInside(realBase, target)) {
          problem(
            file,
            'path-escape',
            `\`${entry.name}\` links outside ${outlinesDir}/`,
            `copy the file into ${outlinesDir}/ instead of linking to it`,
          );
          continue;
        }
        const info = await stat(target);
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDirectory) {
        if (visited.has(target)) continue;
        visited.add(target);
        await walk(target, [...segments, entry.name]);
      } else if (isFile && /\.md$/i.test(entry.name)) {
        candidates.push({ path: target, file, segments: [...segments, entry.name] });
      }
    }
  };
  await walk(realBase, []);

  // Group by the page each file becomes: `Intro.md` and `intro.md` are one page on a
  // case-insensitive disk and a silent overwrite on a case-sensitive one.
  const pages = new Map<string, { collection: string; slug: string; files: Candidate[] }>();
  for (const candidate of candidates) {
    const [collection, ...rest] = candidate.segments;
    if (rest.length === 0) {
      problem(
        candidate.file,
        'outline-outside-collection',
        `\`${collection}\` is directly in ${outlinesDir}/, outside any collection`,
        `move it into a collection folder, e.g. ${outlinesDir}/articles/${collection}`,
      );
      continue;
    }
    const slug = rest.join('/').replace(/\.md$/i, '');
    const key = `${collection}/${slug}`.toLowerCase();
    const page = pages.get(key) ?? { collection: collection!, slug, files: [] };
    page.files.push(candidate);
    pages.set(key, page);
  }

  const outlines: Outline[] = [];
  for (const page of pages.values()) {
    if (page.files.length > 1) {
      const names = page.files.map((candidate) => candidate.file);
      problem(
        names[0]!,
        'duplicate-slug',
        `${names.map((name) => `\`${name}\``).join(' and ')} would both become the page ${page.collection.toLowerCase()}/${page.slug.toLowerCase()}`,
        'rename or remove all but one of them',
      );
      continue;
    }
    const candidate = page.files[0]!;
    try {
      const raw = decodeOutline(await readFile(candidate.path), candidate.file);
      outlines.push(
        parseOutline(raw, { file: candidate.file, collection: page.collection, slug: page.slug, defaultLang }),
      );
    } catch (error) {
      if (error instanceof OutlineError) errors.push(error);
      else
        problem(
          candidate.file,
          'unreadable',
          `cannot read the outline: ${(error as Error).message}`,
          'check that the file exists and is readable',
        );
    }
  }

  outlines.sort((a, b) => compare(a.collection, b.collection) || compare(a.slug, b.slug));
  errors.sort(
    (a, b) => compare(a.file, b.file) || a.position.line - b.position.line || a.position.column - b.position.column,
  );
  return { outlines, errors };
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `target` is `folder` or below it (a link to the folder itself is a loop, not an escape). */
function isInside(folder: string, target: string): boolean {
  const rel = relative(folder, target);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The README's "Use it in your site" section, as files: every fenced block with a
 * `title="path"` in its info string is a file of the user's site. The user's-door test
 * writes exactly these, so the README cannot claim what the package does not do.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReadmeFile {
  path: string;
  text: string;
}

const SECTION = '## Use it in your site';
const TITLED_FENCE = /^```\w*[^\n]*\btitle="([^"]+)"[^\n]*\n([\s\S]*?)^```$/gm;

/** The section's text: from its heading to the next `## ` heading outside a code fence. */
async function siteSection(repoRoot: string): Promise<string> {
  const lines = (await readFile(join(repoRoot, 'README.md'), 'utf8')).split('\n');
  const start = lines.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  let inFence = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) inFence = !inFence;
    else if (!inFence && lines[i]!.startsWith('## ')) {
      end = i;
      break;
    }
  }
  return `${lines.slice(start, end).join('\n')}\n`;
}

/** The files the README's site section tells a user to write, in order. */
export async function readmeSiteFiles(repoRoot: string): Promise<ReadmeFile[]> {
  const section = await siteSection(repoRoot);
  return [...section.matchAll(TITLED_FENCE)].map((match) => ({ path: match[1]!, text: match[2]! }));
}

/** The packages the README's site section installs (`npm install a b`). */
export async function readmeInstalls(repoRoot: string): Promise<string[]> {
  const section = await siteSection(repoRoot);
  return [...section.matchAll(/^npm install ([^\n#]+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

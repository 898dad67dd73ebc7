/** A small project for Batch tests: a few outlines, covers and figures on, no narration. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const batchOptions = { narration: false, covers: false, limits: { requestsPerMinute: 0, maxRetries: 0 } };

/** `count` outlines, each two sections; the first also asks for a figure (an image request). */
export async function batchProject(count: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'aigc-batch-'));
  await mkdir(join(root, 'content/outlines/notes'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const figure = i === 0 ? '\n```figure\nA lighthouse keeper climbing a spiral staircase\n```\n' : '';
    await writeFile(
      join(root, `content/outlines/notes/page-${i}.md`),
      `---\ntitle: Page ${i}\n---\n\n## The tower\n- It stands on rock number ${i}\n${figure}\n## The keeper\n- The keeper climbs the stairs\n`,
    );
  }
  return root;
}

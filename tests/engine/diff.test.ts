/** `aigc diff`: why an artifact would change, from the basis the lock records for its key. */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { diff, generate } from '../../integrations/aigc/src/api.ts';
import { explainBasisChange, keyBasis } from '../../integrations/aigc/src/engine/basis.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const options = { narration: false, covers: false };
const outlinePath = 'content/outlines/notes/tides.md';
const page = 'content/generated/notes/tides.md';
const outline = (title: string) =>
  `---\ntitle: ${title}\n---\n\n## Rising\n- the moon pulls the sea\n\n## Falling\n- the sea draws back\n`;

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aigc-diff-'));
  await mkdir(join(root, 'content/outlines/notes'), { recursive: true });
  await writeFile(join(root, outlinePath), outline('Tides'));
  await generate({ root, options, logger: quiet, env: {} });
});

describe('diff', () => {
  it('says nothing changed right after a run, and the lock records the basis of each key', async () => {
    expect(await diff({ root, options, logger: quiet, env: {} })).toEqual([]);
    const lock = JSON.parse(await readFile(join(root, 'aigc.lock'), 'utf8'));
    expect(lock.artifacts[page].basis).toMatchObject({
      producer: 'offline/offline-drafter-3',
      inputs: { title: expect.stringMatching(/^[0-9a-f]{12}$/) },
    });
  });

  it('names the outline fields that changed', async () => {
    await writeFile(join(root, outlinePath), outline('Tides and currents'));
    const entries = await diff({ root, options, logger: quiet, env: {} });
    expect(entries.find((e) => e.path === page)).toEqual({
      path: page,
      kind: 'article',
      state: 'stale',
      reasons: ['outline or options changed: title'],
    });
    // The social card draws the title too.
    expect(entries.find((e) => e.path.endsWith('/card.png'))?.reasons.join()).toContain('title');
  });

  it('names an option that changed the key', async () => {
    const entries = await diff({
      root,
      options: { ...options, validation: { repairRounds: 5 } },
      logger: quiet,
      env: {},
    });
    expect(entries.find((e) => e.path === page)?.reasons).toEqual(['outline or options changed: validation']);
  });

  it('says a file was edited by hand, and that it is kept', async () => {
    await writeFile(join(root, page), `${await readFile(join(root, page), 'utf8')}\nA reviewer's sentence.\n`);
    const entry = (await diff({ root, options, logger: quiet, env: {} })).find((e) => e.path === page);
    expect(entry?.state).toBe('edited');
    expect(entry?.reasons).toEqual([
      'edited by hand: the file differs from what was generated (`git diff` shows how); it is kept',
    ]);
  });
});

describe('explainBasisChange', () => {
  const job = { version: '1', inputs: { title: 'A', sections: ['x'] } };
  const before = keyBasis(
    job,
    { provider: 'openai', model: 'gpt-a' },
    { 'content/generated/a.md': 'aaaaaaaaaaaaaaaa' },
  );

  it('names the model, the version, the inputs and the dependencies that changed', () => {
    const now = keyBasis(
      { version: '2', inputs: { title: 'B', sections: ['x'] } },
      { provider: 'openai', model: 'gpt-b' },
      { 'content/generated/a.md': 'bbbbbbbbbbbbbbbb', 'content/generated/b.md': 'cccccccccccccccc' },
    );
    expect(explainBasisChange(before, now)).toEqual([
      'model openai/gpt-a → openai/gpt-b',
      'generator version 1 → 2',
      'outline or options changed: title',
      'content/generated/a.md changed',
      'now reads content/generated/b.md',
    ]);
  });

  it('finds nothing when nothing changed', () => {
    expect(
      explainBasisChange(
        before,
        keyBasis(job, { provider: 'openai', model: 'gpt-a' }, { 'content/generated/a.md': 'aaaaaaaaaaaaaaaa' }),
      ),
    ).toEqual([]);
  });
});

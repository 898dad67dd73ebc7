import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockError, LockStore, readLock, serializeLock } from '../../integrations/aigc/src/engine/lock.ts';
import type { LockEntry } from '../../integrations/aigc/src/engine/types.ts';
import { tempRoot } from '../support/engine-fixtures.ts';

const entry = (hash: string): LockEntry => ({
  kind: 'article',
  outline: 'content/outlines/articles/a.md',
  key: `key-${hash}`,
  hash,
  provider: 'offline',
  model: 'offline-drafter-1',
  generatedAt: '2026-01-01T00:00:00.000Z',
  usage: { inputTokens: 1, outputTokens: 1 },
  costUsd: 0,
});

async function storeIn(root: string, initial: Record<string, LockEntry> = {}) {
  const path = join(root, 'aigc.lock');
  await writeFile(path, serializeLock({ version: 1, artifacts: initial }));
  return { path, journal: `${path}.journal`, store: await LockStore.open(path) };
}

describe('lock journal', () => {
  it('records each finished job by appending, not by rewriting the lock; readers see the journal', async () => {
    const root = await tempRoot();
    const { path, journal, store } = await storeIn(root, { 'old.md': entry('old') });
    const before = await readFile(path, 'utf8');
    const mtime = (await stat(path)).mtimeMs;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.set(`page-${String(i).padStart(3, '0')}.md`, entry(`h${i}`))),
    );
    await store.delete('old.md');
    // The lock file itself is untouched until compaction…
    expect(await readFile(path, 'utf8')).toBe(before);
    expect((await stat(path)).mtimeMs).toBe(mtime);
    expect((await readFile(journal, 'utf8')).trim().split('\n')).toHaveLength(201);
    // …yet a reader (the site, `aigc status`, a resumed run) sees every change.
    const live = await readLock(path);
    expect(Object.keys(live.artifacts)).toHaveLength(200);
    expect(live.artifacts['page-007.md']?.hash).toBe('h7');
    expect(live.artifacts['old.md']).toBeUndefined();
  });

  it('compacts into the sorted lock and removes the journal on flush', async () => {
    const root = await tempRoot();
    const { path, journal, store } = await storeIn(root);
    await store.set('b.md', entry('b1'));
    await store.set('a.md', entry('a'));
    await store.set('b.md', entry('b2'));
    await store.flush();
    expect(existsSync(journal)).toBe(false);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(serializeLock({ version: 1, artifacts: { 'a.md': entry('a'), 'b.md': entry('b2') } }));
    expect(text.indexOf('"a.md"')).toBeLessThan(text.indexOf('"b.md"'));
  });

  it('a killed run: the torn last line is dropped, the rest is compacted when the next run opens the lock', async () => {
    const root = await tempRoot();
    const { path, journal, store } = await storeIn(root);
    await store.set('done.md', entry('done'));
    // Killed mid-append: half a line, never synced as a whole.
    await appendFile(journal, '{"path":"torn.md","entry":{"kind":"art');
    const reopened = await LockStore.open(path);
    expect(reopened.get('done.md')?.hash).toBe('done');
    expect(reopened.get('torn.md')).toBeUndefined();
    expect(existsSync(journal)).toBe(false);
    expect(JSON.parse(await readFile(path, 'utf8')).artifacts['done.md'].hash).toBe('done');
  });

  it('a corrupt line before the end names the journal, the line and the fix', async () => {
    const root = await tempRoot();
    const path = join(root, 'aigc.lock');
    await writeFile(`${path}.journal`, `not json\n${JSON.stringify({ path: 'a.md', entry: entry('a') })}\n`);
    const error = await readLock(path, 'aigc.lock').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockError);
    expect((error as Error).message).toMatch(
      /^aigc\.lock\.journal:1:1: not valid JSON .*Delete it, then run `aigc generate --force`/,
    );
  });
});

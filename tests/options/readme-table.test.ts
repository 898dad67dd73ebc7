import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { optionsTable, withOptionsTable } from '../../scripts/options-table.ts';

describe("the README's options table", () => {
  it('is the one the schema makes (run `npm run options-table -- --write` after changing an option)', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withOptionsTable(readme, optionsTable()));
  });
});

/**
 * `aigc review` and `--require-reviewed` as users run them: the real bin in a child process on
 * the "basic" fixture project (offline).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv, repoRoot, resetFixture } from '../support/build-site.ts';

const BIN = join(repoRoot, 'integrations/aigc/bin/aigc.mjs');
const page = 'content/generated/posts/hello.md';

function aigc(args: string[], root: string) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--root', root], {
    cwd: root,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('aigc review, offline, on a fixture project', () => {
  let root: string;
  beforeAll(async () => {
    root = await resetFixture('basic', 'review-cli');
    expect(aigc(['generate'], root).code).toBe(0);
  });

  it('--require-reviewed fails listing the unreviewed pages; review records them; then it passes', () => {
    const before = aigc(['generate', '--frozen', '--require-reviewed'], root);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`${page}  (unreviewed)`);
    expect(before.stderr).toContain('aigc review <path…>');

    const reviewed = aigc(['review', page, '--by', 'Ada Lovelace'], root);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stdout).toMatch(new RegExp(`${page}: reviewed by Ada Lovelace on \\d{4}-\\d{2}-\\d{2}`));
    const lock = JSON.parse(readFileSync(join(root, 'aigc.lock'), 'utf8')) as {
      artifacts: Record<string, { review?: { by: string } }>;
    };
    expect(lock.artifacts[page]?.review?.by).toBe('Ada Lovelace');

    const all = aigc(['review', '--all', '--by', 'Ada Lovelace'], root);
    expect(all.code, all.stderr).toBe(0);
    expect(aigc(['generate', '--frozen', '--require-reviewed'], root).code).toBe(0);
  });

  it('status says when an edit dropped a review; the gate fails again', () => {
    writeFileSync(join(root, page), `${readFileSync(join(root, page), 'utf8')}\nA line nobody reviewed.\n`);
    const status = aigc(['status'], root);
    expect(status.stdout).toMatch(
      new RegExp(`${page}  \\[unreviewed: edited since Ada Lovelace reviewed it on \\d{4}-\\d{2}-\\d{2}\\]`),
    );
    const json = JSON.parse(aigc(['status', '--json'], root).stdout) as { path: string; review?: string }[];
    expect(json.find((o) => o.path === page)?.review).toMatch(/^unreviewed: edited since/);
    const gate = aigc(['generate', '--frozen', '--require-reviewed'], root);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain(page);
  });

  it('refuses to guess who reviewed, and names an unknown path', () => {
    // No git identity anywhere: no repository, no global or system config.
    const env = {
      ...childEnv(),
      GIT_DIR: join(root, 'no-such-repository'),
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    const nobody = spawnSync(process.execPath, [BIN, 'review', page, '--root', root], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toContain('Pass --by "Your Name"');
    const unknown = aigc(['review', 'content/generated/posts/nope.md', '--by', 'Ada'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not a generated page or an outline');
  });
});

/**
 * Honest forecasts: after an outline edit, `status`, `--dry-run` and `diff` count the jobs the
 * change makes stale through dependencies (the narration reads the article), with their
 * cost, and the build then does exactly that. Through the test server: real HTTP, real SDK.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff, generate, status } from '../../integrations/aigc/src/api.ts';
import type { Logger } from '../../integrations/aigc/src/engine/types.ts';
import { startTaskServer, type TaskServer } from '../../scripts/fake-openai-server.ts';

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const options = {
  covers: false,
  limits: { requestsPerMinute: 0, maxRetries: 1 },
  pricing: { 'gpt-4o-mini-tts': { input: 0.6, output: 12 } },
};
const outline = (point: string) =>
  `---\ntitle: Tides\n---\n\nAbout tides.\n\n## Why the sea rises\n- ${point}\n\n## When\n- twice a day\n`;

let server: TaskServer;
let root: string;
const env = () => ({ OPENAI_API_KEY: 'sk-forecast', OPENAI_BASE_URL: server.baseURL });

beforeAll(async () => {
  server = await startTaskServer();
  root = await mkdtemp(join(tmpdir(), 'aigc-forecast-'));
  await mkdir(join(root, 'content/outlines/notes'), { recursive: true });
  await writeFile(join(root, 'content/outlines/notes/tides.md'), outline('the moon pulls the water'));
  const { report } = await generate({ root, options, logger: quiet, env: env() });
  expect(report.failed).toEqual([]);
});
afterAll(() => server.close());

describe('a forecast after an outline edit', () => {
  it('counts what reads the edited article (the narration; not the card, which only reads whether it is an offline draft), with its cost, and the build does the same', async () => {
    await writeFile(join(root, 'content/outlines/notes/tides.md'), outline('the moon and the sun pull the water'));
    const forecast = await status({ root, options, logger: quiet, env: env() });
    const pending = forecast.report.pending.map((o) => o.path).sort();
    // The card reads only whether the page is an offline draft; the same provider rewrites it, so
    // the card's forecastDigest says it stays as it is.
    expect(pending).toEqual(['content/generated/notes/tides.md', 'content/generated/notes/tides/narration.mp3']);
    const narration = forecast.report.pending.find((o) => o.kind === 'narration')!;
    expect(narration.estimateUsd).toBeGreaterThan(0);
    expect(forecast.report.estimatedUsd).toBeCloseTo(
      forecast.report.pending.reduce((sum, o) => sum + o.estimateUsd, 0),
      6,
    );

    const dry = await generate({ root, options, logger: quiet, env: env(), dryRun: true });
    expect(dry.report.pending.map((o) => o.path).sort()).toEqual(pending);

    const why = await diff({ root, options, logger: quiet, env: env() });
    expect(why.find((e) => e.path.endsWith('narration.mp3'))?.reasons).toEqual([
      'reads content/generated/notes/tides.md, which will be regenerated first',
    ]);

    // The build does exactly what was forecast.
    const { report } = await generate({ root, options, logger: quiet, env: env() });
    const generated = report.outcomes
      .filter((o) => o.action === 'generated')
      .map((o) => o.path)
      .sort();
    expect(generated).toEqual(pending);
    expect(report.costUsd).toBeLessThanOrEqual(forecast.report.estimatedUsd * 1.5);
  });
});

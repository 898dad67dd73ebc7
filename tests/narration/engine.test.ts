import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import {
  countingText,
  makeOutline,
  options,
  providersWith,
  settingsFor,
  tempRoot,
} from '../support/engine-fixtures.ts';
import { recording, toneSpeech } from './helpers.ts';

/** The article and narration jobs of one outline, through the real engine. */
function jobsFor(outline: ReturnType<typeof makeOutline>) {
  const article = planArticle(outline, options);
  return [article, ...planNarration(outline, article.path, options)];
}

describe('narration in the engine', () => {
  it('writes the MP3 and its captions, records duration and chapters in the lock; tags re-speak nothing; a human edit re-speaks one paragraph', async () => {
    const root = await tempRoot();
    const speech = recording(toneSpeech());
    const providers = () => ({
      text: countingText(),
      image: { id: 'offline' as const, model: 'none', generate: () => Promise.reject(new Error('unused')) },
      speech,
    });
    const outline = makeOutline('page', ['One', 'Two']);
    const first = await runJobs(jobsFor(outline), settingsFor(root, providers()));
    expect(first.outcomes.map((o) => `${o.kind}:${o.action}`)).toEqual(['article:generated', 'narration:generated']);
    const mp3 = await readFile(join(root, 'content/generated/articles/page/narration.mp3'));
    expect(String.fromCharCode(...mp3.subarray(0, 3))).toBe('ID3');
    expect(await readFile(join(root, 'content/generated/articles/page/narration.vtt'), 'utf8')).toMatch(
      /^WEBVTT\n\np1\n/,
    );
    const entry = (await readLock(join(root, 'aigc.lock'))).artifacts['content/generated/articles/page/narration.mp3']!;
    expect(entry.sidecars).toEqual([
      'content/generated/articles/page/narration.vtt',
      'content/generated/articles/page/narration.captions.vtt',
    ]);
    expect(entry.meta).toMatchObject({
      voice: 'sine',
      bytes: mp3.length,
      chapters: [{ title: 'Title of page', start: 0 }, { title: 'One' }, { title: 'Two' }],
    });
    expect(entry.meta!.durationSeconds).toBeGreaterThan(1);
    const calls = speech.requests.length;

    const retagged = await runJobs(
      jobsFor(makeOutline('page', ['One', 'Two'], { tags: ['new'], cover: 'another cover' })),
      settingsFor(root, providers()),
    );
    expect(retagged.outcomes.map((o) => o.action)).toEqual(['reused', 'reused']);
    expect(speech.requests.length).toBe(calls);

    // A person edits the article: it is kept, and the narration follows the edited text.
    const articleFile = join(root, 'content/generated/articles/page.md');
    await writeFile(
      articleFile,
      (await readFile(articleFile, 'utf8')).replace('Prose about Two.', 'Prose about Two, edited by a person.'),
    );
    const edited = await runJobs(jobsFor(outline), settingsFor(root, providers()));
    expect(edited.outcomes.map((o) => `${o.state}:${o.action}`)).toEqual(['edited:kept-edit', 'stale:generated']);
    expect(speech.requests.slice(calls).map((r) => r.text)).toEqual(['Prose about Two, edited by a person.']);
  });

  it('gives a page published as a draft (failed validation) no narration, says why, and narrates it once it passes', async () => {
    const root = await tempRoot();
    const draftOptions = parseOptions({ validation: { onFailure: 'draft', repairRounds: 0 } });
    const jobs = (outline: ReturnType<typeof makeOutline>) => {
      const article = planArticle(outline, draftOptions);
      return [article, ...planNarration(outline, article.path, draftOptions)];
    };
    // A model that leaves out the second section: the structure check fails, the page becomes a draft.
    const sloppy = {
      ...countingText(),
      generate: async () => ({
        text: '## One\n\nProse about One.',
        finishReason: 'stop' as const,
        usage: { inputTokens: 1, outputTokens: 1 },
        model: 'gpt-5.4-mini',
      }),
    };
    const speech = recording(toneSpeech());
    const logged: string[] = [];
    const logger = {
      info: (m: string) => logged.push(m),
      warn() {},
      error: (m: string) => logged.push(`error: ${m}`),
      debug() {},
    };
    const outline = makeOutline('page', ['One', 'Two']);
    const first = await runJobs(jobs(outline), settingsFor(root, { ...providersWith(sloppy), speech }, { logger }));
    expect(await readFile(join(root, 'content/generated/articles/page.md'), 'utf8')).toMatch(/^draft: true$/m);
    expect(first.outcomes.map((o) => `${o.kind}:${o.action}`)).toEqual(['article:generated', 'narration:declined']);
    expect(first.failed).toEqual([]);
    expect(speech.requests).toEqual([]);
    expect(logged).toContainEqual(
      expect.stringMatching(
        /^not made: content\/generated\/articles\/page\/narration\.mp3: content\/generated\/articles\/page\.md is published as a draft .* narrated once the page passes/,
      ),
    );
    expect(logged.filter((m) => m.startsWith('error:'))).toEqual([]);
    await expect(readFile(join(root, 'content/generated/articles/page/narration.mp3'))).rejects.toThrow(/ENOENT/);

    // Declined again while it stays a draft: no calls, and a dry run says so too.
    const again = await runJobs(
      jobs(outline),
      settingsFor(root, { ...providersWith(sloppy), speech }, { logger, dryRun: true }),
    );
    expect(again.outcomes.map((o) => o.action)).toEqual(['reused', 'declined']);

    // The outline is fixed and the model covers it: the page passes and is narrated.
    const fixed = makeOutline('page', ['One', 'Two'], { description: 'now complete' });
    const passed = await runJobs(
      jobs({ ...fixed, lead: 'A better lead.' }),
      settingsFor(root, { ...providersWith(countingText()), speech }, { logger }),
    );
    expect(passed.outcomes.map((o) => `${o.kind}:${o.action}`)).toEqual(['article:generated', 'narration:generated']);
    expect(await readFile(join(root, 'content/generated/articles/page.md'), 'utf8')).not.toMatch(/^draft: true$/m);
    expect(speech.requests.length).toBeGreaterThan(0);
  });
});

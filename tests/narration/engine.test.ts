import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJobs } from '../../integrations/aigc/src/engine/run.ts';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { countingText, makeOutline, options, settingsFor, tempRoot } from '../support/engine-fixtures.ts';
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
    expect(await readFile(join(root, 'content/generated/articles/page/narration.vtt'), 'utf8')).toMatch(/^WEBVTT\n\np1\n/);
    const entry = (await readLock(join(root, 'aigc.lock'))).artifacts['content/generated/articles/page/narration.mp3']!;
    expect(entry.sidecars).toEqual(['content/generated/articles/page/narration.vtt']);
    expect(entry.meta).toMatchObject({ voice: 'sine', bytes: mp3.length, chapters: [{ title: 'Title of page', start: 0 }, { title: 'One' }, { title: 'Two' }] });
    expect(entry.meta!.durationSeconds).toBeGreaterThan(1);
    const calls = speech.requests.length;

    const retagged = await runJobs(jobsFor(makeOutline('page', ['One', 'Two'], { tags: ['new'], cover: 'another cover' })), settingsFor(root, providers()));
    expect(retagged.outcomes.map((o) => o.action)).toEqual(['reused', 'reused']);
    expect(speech.requests.length).toBe(calls);

    // A person edits the article: it is kept, and the narration follows the edited text.
    const articleFile = join(root, 'content/generated/articles/page.md');
    await writeFile(articleFile, (await readFile(articleFile, 'utf8')).replace('Prose about Two.', 'Prose about Two, edited by a person.'));
    const edited = await runJobs(jobsFor(outline), settingsFor(root, providers()));
    expect(edited.outcomes.map((o) => `${o.state}:${o.action}`)).toEqual(['edited:kept-edit', 'stale:generated']);
    expect(speech.requests.slice(calls).map((r) => r.text)).toEqual(['Prose about Two, edited by a person.']);
  });
});

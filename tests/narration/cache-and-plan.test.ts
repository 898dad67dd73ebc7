import { describe, expect, it } from 'vitest';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { ARTICLE, ARTICLE_PATH, contextFor, makeOutline, recording, tempDir, toneSpeech } from './helpers.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const options = parseOptions({});

describe('narration plan', () => {
  it('plans narration.mp3 after the article, with its captions as a sidecar', () => {
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, options);
    expect(job).toMatchObject({
      path: 'content/generated/articles/what-is-aigc/narration.mp3',
      kind: 'narration',
      capability: 'speech',
      dependsOn: [ARTICLE_PATH],
      outline: 'content/outlines/articles/what-is-aigc.md',
    });
  });

  it('narrates unless the outline or the site says no; never reference pages', () => {
    expect(planNarration(makeOutline({ narration: false }), ARTICLE_PATH, options)).toEqual([]);
    expect(planNarration(makeOutline(), ARTICLE_PATH, parseOptions({ narration: false }))).toEqual([]);
    expect(
      planNarration(makeOutline({ narration: true }), ARTICLE_PATH, parseOptions({ narration: false })),
    ).toHaveLength(1);
    expect(planNarration(makeOutline({ kind: 'reference' }), ARTICLE_PATH, options)).toEqual([]);
    expect(planNarration(makeOutline({ kind: 'guide' }), ARTICLE_PATH, options)).toHaveLength(1);
  });

  it('keys on language, title and text body: tags, cover and frontmatter edits change nothing', () => {
    const [base] = planNarration(makeOutline(), ARTICLE_PATH, options);
    const [retagged] = planNarration(makeOutline({ tags: ['other'], cover: 'a new cover' }), ARTICLE_PATH, options);
    const [chinese] = planNarration(makeOutline({ lang: 'zh-CN' }), ARTICLE_PATH, options);
    expect(retagged!.inputs).toEqual(base!.inputs);
    expect(chinese!.inputs).not.toEqual(base!.inputs);
    const digest = (text: string) => base!.digestDependency!(ARTICLE_PATH, new TextEncoder().encode(text));
    expect(
      digest(ARTICLE.replace('tags: [aigc]', 'tags: [aigc, new]').replace('reviewed: false', 'reviewed: true')),
    ).toBe(digest(ARTICLE));
    expect(digest(ARTICLE.replace('program code', 'source code'))).not.toBe(digest(ARTICLE));
  });
});

describe('paragraph-level cache', () => {
  it('re-synthesises only the edited paragraph, and reassembles the whole narration', async () => {
    const cacheDir = await tempDir();
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, options);

    const first = recording(toneSpeech());
    const before = await produceOutput(job!, contextFor(first, ARTICLE, cacheDir));
    expect(first.requests.length).toBe(12);

    const again = recording(toneSpeech());
    const same = await produceOutput(job!, contextFor(again, ARTICLE, cacheDir));
    expect(again.requests).toEqual([]);
    expect(same.meta!.durationSeconds).toBe(before.meta!.durationSeconds);

    const edited = ARTICLE.replace(
      'Generated content covers text, images, video, audio and program code.',
      'Generated content covers text, images and sound.',
    );
    const third = recording(toneSpeech());
    const after = await produceOutput(job!, contextFor(third, edited, cacheDir));
    expect(third.requests.map((r) => r.text)).toEqual(['Generated content covers text, images and sound.']);
    // The tone lasts 10 ms a character: the edit shortened the narration by exactly that much.
    const shorter =
      ('Generated content covers text, images, video, audio and program code.'.length -
        'Generated content covers text, images and sound.'.length) *
      0.01;
    expect((before.meta!.durationSeconds as number) - (after.meta!.durationSeconds as number)).toBeCloseTo(shorter, 3);
    expect(String(after.sidecars![0]!.data)).toContain('Generated content covers text, images and sound.');
  });

  it('re-synthesises everything for another voice or model', async () => {
    const cacheDir = await tempDir();
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, options);
    await produceOutput(job!, contextFor(toneSpeech(), ARTICLE, cacheDir));
    const other = recording({ ...toneSpeech(), voice: 'cedar' });
    await produceOutput(job!, contextFor(other, ARTICLE, cacheDir));
    expect(other.requests.length).toBe(12);
  });
});

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';
import { planNarration } from '../../integrations/aigc/src/generators/narration.ts';
import { SegmentCache } from '../../integrations/aigc/src/generators/narration/segment-cache.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import type { SpeechProvider } from '../../integrations/aigc/src/providers/types.ts';
import { ARTICLE, ARTICLE_PATH, contextFor, makeOutline, recording, tempDir, toneSpeech } from './helpers.ts';

// Under load many jobs speak the same paragraph (a shared lead, a boilerplate closing line)
// and store its segment in the same millisecond. A temp name made of key, pid and time
// collided: one rename moved the other's temp file away and that job failed with ENOENT.
describe('segment cache under concurrent writers', () => {
  it('stores one segment from many writers at once: every write succeeds, no temp file is left', async () => {
    const cacheDir = await tempDir();
    const cache = new SegmentCache(cacheDir);
    const audio = { samples: new Float32Array(2400).fill(0.25), sampleRate: 24_000 };
    const writes = Array.from({ length: 64 }, () => cache.set('same-paragraph', { audio, voice: 'sine' }));
    const settled = await Promise.allSettled(writes);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    const stored = await cache.get('same-paragraph');
    expect(stored?.voice).toBe('sine');
    expect(stored?.audio.samples.length).toBe(2400);
    expect(await readdir(join(cacheDir, 'narration-segments'))).toEqual(['same-paragraph.seg']);
  });

  it('narrates the same article from many jobs at once: all succeed with the same audio, and the cache serves the next run', async () => {
    const cacheDir = await tempDir();
    const [job] = planNarration(makeOutline(), ARTICLE_PATH, parseOptions({}));
    // Every job's first call waits until all 16 have made theirs: all miss the cache for the
    // first paragraph and store it together.
    const jobs = 16;
    let waiting = 0;
    let release: () => void = () => {};
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const together = (): SpeechProvider => {
      const tone = toneSpeech();
      let first = true;
      return {
        ...tone,
        async synthesize(request) {
          if (first) {
            first = false;
            if (++waiting === jobs) release();
            await barrier;
          }
          return tone.synthesize(request);
        },
      };
    };
    const speakers = Array.from({ length: jobs }, () => recording(together()));
    const settled = await Promise.allSettled(
      speakers.map((speech) => produceOutput(job!, contextFor(speech, ARTICLE, cacheDir))),
    );
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).toEqual([]);
    const outputs = settled.map((s) =>
      s.status === 'fulfilled' ? Buffer.from(s.value.data as Uint8Array).toString('base64') : '',
    );
    expect(new Set(outputs).size).toBe(1);
    const firstText = speakers[0]!.requests[0]!.text;
    expect(speakers.every((s) => s.requests[0]!.text === firstText)).toBe(true);
    const files = await readdir(join(cacheDir, 'narration-segments'));
    expect(files.filter((name) => !name.endsWith('.seg'))).toEqual([]);
    expect(files.length).toBe(12);

    const next = recording(toneSpeech());
    await produceOutput(job!, contextFor(next, ARTICLE, cacheDir));
    expect(next.requests).toEqual([]);
  });
});

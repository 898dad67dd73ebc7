import { transform } from '@astrojs/compiler-rs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const source = fileURLToPath(
  new URL('../../integrations/aigc/src/site/components/NarrationPlayer.astro', import.meta.url),
);

/** Compile the component with Astro's compiler and render it in Astro's container, no Vite plugin needed. */
async function loadPlayer(): Promise<unknown> {
  // The options Astro's own Vite plugin passes (astro/dist/core/compile/compile.js).
  const { code, diagnostics } = transform(await readFile(source, 'utf8'), {
    filename: source,
    internalURL: 'astro/compiler-runtime',
    resultScopedSlot: true,
    resolvePath: (specifier) => specifier,
  });
  expect(diagnostics).toEqual([]);
  const runtime = import.meta.resolve('astro/compiler-runtime');
  const module = code
    .replace(/^import ".*\?astro&type=style.*";$/m, '') // styles need Vite; not under test here
    .replaceAll('"astro/compiler-runtime"', JSON.stringify(runtime));
  const dir = await mkdtemp(join(tmpdir(), 'aigc-player-'));
  const file = join(dir, 'NarrationPlayer.ts');
  await writeFile(file, module);
  return (await import(/* @vite-ignore */ file)).default;
}

const props = {
  src: '/_aigc/articles/what-is-aigc/narration.mp3',
  vtt: '/_aigc/articles/what-is-aigc/narration.vtt',
  title: 'What is AIGC?',
  durationSeconds: 125.4,
  chapters: [
    { title: 'What is AIGC?', start: 0 },
    { title: 'A definition', start: 12.5 },
  ],
  transcript: [
    { start: 0, end: 2, text: 'What is AIGC?' },
    { start: 2.5, end: 9, text: 'AIGC stands for <AI>-generated content.' },
  ],
  lang: 'en',
  model: 'espeak-ng',
  voice: 'gmw/en-US',
};

describe('NarrationPlayer.astro', () => {
  let html: string;
  beforeAll(async () => {
    const container = await AstroContainer.create();
    const rendered = await container.renderToString((await loadPlayer()) as never, { props });
    // Drop the scoped-style classes so assertions read like the source.
    html = rendered.replace(/ class="astro-[a-z0-9]+"/g, '').replace(/ astro-[a-z0-9]+"/g, '"');
  });

  it('renders a native player with a captions track and a download link (works with JS off)', () => {
    expect(html).toMatch(/<audio[^>]*\bcontrols\b[^>]*>/);
    expect(html).toMatch(/<audio[^>]*preload="metadata"/);
    expect(html).toContain(`src="${props.src}"`);
    expect(html).toMatch(new RegExp(`<track kind="captions" src="${props.vtt}" srclang="en" label="Captions"`));
    expect(html).toMatch(new RegExp(`<a href="${props.src}" download="what-is-aigc-narration.mp3">Download MP3</a>`));
    expect(html).toContain('<time datetime="PT125S" data-duration>2:05</time>');
  });

  it('lists chapters and transcript paragraphs as links to the audio at their time', () => {
    expect(html).toContain('aria-label="Chapters"');
    expect(html).toContain(`href="${props.src}#t=12.5" data-seek="12.5"`);
    expect(html).toContain('data-start="2.5" data-end="9"');
    expect(html).toContain('aria-label="Play from 0:02"');
    expect(html).toContain('AIGC stands for &lt;AI&gt;-generated content.');
  });

  it('labels the region and keeps the JS controls hidden until the script runs', () => {
    expect(html).toMatch(/<section[^>]*aria-labelledby="aigc-narration-[a-z0-9]+-title"/);
    expect(html).toMatch(/<div class="aigc-narration__controls"[^>]*hidden/);
    expect(html).toMatch(/<label[^>]*>\s*Speed\s*<select data-speed/);
    expect(html).toContain('AI-generated synthetic voice (espeak-ng, gmw/en-US)');
  });
});

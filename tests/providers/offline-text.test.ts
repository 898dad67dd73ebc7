import { describe, expect, it } from 'vitest';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import type { Outline } from '../../integrations/aigc/src/outline/types.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import { measureMarkdown } from '../../integrations/aigc/src/utils/text-measure.ts';
import { OFFLINE_MODELS } from '../../integrations/aigc/src/providers/offline/models.ts';
import { createOfflineText } from '../../integrations/aigc/src/providers/offline/text.ts';
import type { TextBrief } from '../../integrations/aigc/src/providers/types.ts';
import { chinese, english } from './offline-fixtures.ts';

const meta = {
  file: 'content/outlines/articles/what-is-aigc.md',
  collection: 'articles',
  slug: 'what-is-aigc',
  defaultLang: 'en',
};

const provider = createOfflineText();

async function article(outline: Outline): Promise<string> {
  const result = await provider.generate({
    messages: [{ role: 'user', content: 'ignored' }],
    brief: { task: 'article', outline },
  });
  expect(result.finishReason).toBe('stop');
  expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  expect(result.model).toBe('offline-drafter-3');
  return result.text;
}

async function text(brief: TextBrief): Promise<string> {
  return (await provider.generate({ messages: [], brief })).text;
}

describe('offline drafter: articles', () => {
  const outline = parseOutline(english, meta);

  it('identifies itself', () => {
    expect(provider.id).toBe('offline');
    expect(provider.model).toBe('offline-drafter-3');
    // One source of truth: the id the job keys use is the one the provider reports.
    expect(provider.model).toBe(OFFLINE_MODELS.text);
  });

  it('writes every section as a ## heading, in order, once; no frontmatter, no H1', async () => {
    const body = await article(outline);
    const headings = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Text generation', 'Image generation', 'Risks and limits']);
    expect(body.startsWith('---')).toBe(false);
    expect(body).not.toMatch(/^# /m);
    // An opening paragraph from the lead comes before the first section.
    const opening = body.slice(0, body.indexOf('## '));
    expect(opening).toContain('This article sets out to explain what AIGC is and where it is used.');
  });

  it('writes prose paragraphs, not a bullet dump, covering every bullet', async () => {
    const body = await article(outline);
    expect(body).not.toMatch(/^\s*[-*+] /m);
    for (const section of outline.sections) {
      for (const point of section.points)
        expect(body.toLowerCase()).toContain(point.text.toLowerCase().replace(/\.$/, ''));
    }
    // Nested bullets join their parent's sentence in parentheses.
    expect(body).toContain('News reports, articles and blog posts (sports results and earnings summaries).');
    // Each bullet is a sentence of its own, as written, capitalised.
    expect(body).toContain('Astro sites can be drafted from outlines.');
    expect(body).toContain('Style transfer with OpenAI tools.');
  });

  it('copies figure, diagram and dot blocks byte-for-byte, in place', async () => {
    const body = await article(outline);
    const figure =
      '```figure\nA generator and a discriminator network competing, "quoted" & <tagged>  \nwith a second line and `backticks`\n```';
    const diagram = '```diagram\noutline -> article -> narration\n```';
    const dot = '```dot\ndigraph { rankdir=LR; a -> b [label="x{y}"]; }\n```';
    for (const block of [figure, diagram, dot]) expect(body.split(block)).toHaveLength(2);
    // The figure sits between the bullets around it in the outline, inside its section.
    const at = (needle: string): number => body.indexOf(needle);
    expect(at('Astro sites can be drafted')).toBeLessThan(at(figure));
    expect(at(figure)).toBeLessThan(at('Code explanations for developers'));
    expect(at(figure)).toBeLessThan(at('## Image generation'));
    expect(at('## Image generation')).toBeLessThan(at(diagram));
    expect(at(diagram)).toBeLessThan(at(dot));
    expect(at(dot)).toBeLessThan(at('## Risks and limits'));
  });

  it('is deterministic: same outline, same bytes', async () => {
    const first = await article(outline);
    const again = await createOfflineText().generate({
      messages: [],
      brief: { task: 'article', outline: parseOutline(english, meta) },
    });
    expect(again.text).toBe(first);
  });

  it('reads the brief, never the prompt', async () => {
    const a = await provider.generate({
      messages: [{ role: 'user', content: 'Write about cats.' }],
      brief: { task: 'article', outline },
    });
    const b = await provider.generate({
      messages: [{ role: 'system', content: 'Write about dogs.' }],
      brief: { task: 'article', outline },
    });
    expect(a.text).toBe(b.text);
    expect(a.text).not.toMatch(/cats|dogs/);
  });

  it('never pads toward the target length: it says each bullet once and stops', async () => {
    const body = await article(outline);
    // The outline is short, so the draft falls short of its 320 words rather than filling.
    expect(measureMarkdown(body, 'en').count).toBeLessThan(200);
    for (const length of [200, 2000]) {
      expect(await article(parseOutline(english.replace('length: 320', `length: ${length}`), meta))).toBe(body);
    }
    // Each bullet is named once.
    expect(body.split('Code explanations for developers')).toHaveLength(2);
  });

  it('works from an outline built in code, without raw text', async () => {
    const built: Outline = { ...outline, raw: '' };
    const body = await article(built);
    expect(body).toContain('## Risks and limits');
    expect(body).toContain('```diagram\noutline -> article -> narration\n```');
  });

  it('writes a sentence for a section without bullets', async () => {
    const body = await article(parseOutline('---\ntitle: T\n---\n## Closing thoughts\n', meta));
    expect(body).toContain('## Closing thoughts\n\n“Closing thoughts” has no points in the outline yet.');
  });
});

describe('offline drafter: Chinese outlines', () => {
  const outline = parseOutline(chinese, meta);

  it('writes Chinese prose with Chinese punctuation', async () => {
    const body = await article(outline);
    expect([...body.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['文本生成', '图像生成', '风险与局限']);
    const prose = body.replace(/^#.*$/gm, '').replace(/```[\s\S]*?```/g, '');
    expect(prose).toContain('。');
    expect(prose).toContain('，');
    // The ASCII comma of the lead became a full-width one; no English connectives.
    expect(prose).toContain('本文向初学者介绍什么是 AIGC，以及它能做什么。');
    expect(prose).not.toMatch(/[,.;:](?=\s|$)/m);
    expect(prose).not.toMatch(/\b(?:the|and|this|point)\b/i);
    // Nested bullets join their parent in full-width parentheses.
    expect(prose).toContain('新闻报道、文章和博客（体育赛事结果）。');
    expect(body.split('```figure\n一个机器人在画画\n```')).toHaveLength(2);
  });

  it('never pads toward the target length in characters', async () => {
    const body = await article(outline);
    expect(measureMarkdown(body, 'zh-CN').count).toBeLessThan(250);
    expect(await article(parseOutline(chinese.replace('length: 420', 'length: 4200'), meta))).toBe(body);
    expect(body.split('版权问题')).toHaveLength(2);
  });

  it('is deterministic', async () => {
    expect(await article(outline)).toBe(await article(parseOutline(chinese, meta)));
  });
});

describe('offline drafter: other tasks', () => {
  const outline = parseOutline(english, meta);

  it('leaves alt text and diagrams to the illustration generators, which write them offline themselves', async () => {
    for (const brief of [
      { task: 'alt-text', prompt: 'A robot at a desk', context: '', lang: 'en' },
      { task: 'diagram', description: 'a -> b', outline },
    ] as const) {
      const attempt = provider.generate({ messages: [], brief });
      await expect(attempt).rejects.toBeInstanceOf(ProviderError);
      await expect(attempt).rejects.toMatchObject({ retryable: false });
    }
  });

  it('writes an overview naming only the symbols the digest gives headings', async () => {
    const reference = parseOutline('---\ntitle: API\nkind: reference\nsource: src/index.ts\n---\n## Overview\n', meta);
    // The digest's format (generators/reference/digest.ts). Its prose and declarations mention
    // other words after "type", "function" or "class", and a `##` heading: none is a symbol.
    const api = [
      'Public API of `astro-aigc` 1.0.0, extracted from its source.',
      '',
      'Module `index`:',
      '',
      'The type of integration Astro expects, and a class of helpers.',
      '',
      '### `aigc` (function)',
      'Create the integration; the function returns an AstroIntegration.',
      '```ts',
      'export function aigc(options: AigcUserOptions): AstroIntegration',
      '```',
      '',
      '### `AigcUserOptions` (interface)',
      '```ts',
      'export interface AigcUserOptions { text?: TextOptions; type Inner = string }',
      '### `NotASymbol` inside code',
      '```',
      '',
      '### `DEFAULT_MODELS` (variable)',
      '```ts',
      'export const DEFAULT_MODELS: { text: string }',
      '```',
      '',
    ].join('\n');
    const overview = await text({ task: 'overview', outline: reference, api });
    expect(overview).toContain('`src/index.ts`');
    expect(overview).toContain('It exports 3 symbols: `aigc`, `AigcUserOptions` and `DEFAULT_MODELS`.');
    for (const word of ['AstroIntegration`', '`of`', '`Inner`', '`NotASymbol`', '`TextOptions`'])
      expect(overview).not.toContain(word);
    const zh = await text({
      task: 'overview',
      outline: { ...reference, data: { ...reference.data, lang: 'zh-CN' } },
      api,
    });
    expect(zh).toContain('它导出3个符号：`aigc`、`AigcUserOptions`和`DEFAULT_MODELS`。');
  });

  it('has nothing to continue and returns repairs unchanged', async () => {
    const partial = await provider.generate({ messages: [], brief: { task: 'continue', outline, partial: 'half' } });
    expect(partial).toMatchObject({ text: '', finishReason: 'stop' });
    const text = 'Some text\n\n## A section\n';
    const repaired = await provider.generate({
      messages: [],
      brief: { task: 'repair', outline, text, findings: ['x'] },
    });
    expect(repaired.text).toBe(text);
  });

  it('refuses to translate with a non-retryable ProviderError that says what to set', async () => {
    const attempt = provider.generate({
      messages: [],
      brief: { task: 'translate', text: 'Hello', from: 'en', to: 'zh-CN' },
    });
    await expect(attempt).rejects.toBeInstanceOf(ProviderError);
    await expect(attempt).rejects.toMatchObject({ retryable: false });
    await expect(attempt).rejects.toThrow(/OPENAI_API_KEY/);
  });
});

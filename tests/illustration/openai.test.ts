import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../integrations/aigc/src/engine/types.ts';
import { planIllustration } from '../../integrations/aigc/src/generators/illustration.ts';
import { parseOptions } from '../../integrations/aigc/src/options.ts';
import { ProviderError } from '../../integrations/aigc/src/providers/errors.ts';
import { createOfflineImage } from '../../integrations/aigc/src/generators/illustration/offline-image.ts';
import { createOpenAIImage } from '../../integrations/aigc/src/providers/openai/image.ts';
import { DIGITAL_SOURCE_TYPE, readXmp } from '../../integrations/aigc/src/utils/xmp.ts';
import { chatCompletion, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { assertSafeSvg, bytes, chatTextProvider, jobContext, makeOutline } from './support.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';

const CHAT = 'POST /v1/chat/completions';
const IMAGES = 'POST /v1/images/generations';
const article = 'content/generated/articles/what-is-aigc.md';
const folder = 'content/generated/articles/what-is-aigc';

let server: FakeOpenAI;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function webpBase64(width: number, height: number): Promise<string> {
  const data = await sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .webp()
    .toBuffer();
  return data.toString('base64');
}

function imagesAnswer(b64: string) {
  return {
    type: 'json' as const,
    body: {
      created: 1_790_000_000,
      data: [{ b64_json: b64 }],
      usage: { input_tokens: 40, output_tokens: 1000, total_tokens: 1040 },
    },
  };
}

describe('openai image provider', () => {
  const options = {
    apiKey: 'test-key',
    model: 'gpt-image-test',
    size: '1536x1024',
    quality: 'low',
    format: 'webp' as const,
  };

  it('sends the configured model, size, quality and format, and decodes b64_json', async () => {
    server.enqueue(IMAGES, imagesAnswer(await webpBase64(1536, 1024)));
    const provider = createOpenAIImage({ ...options, baseURL: server.baseURL });
    const result = await provider.generate({
      prompt: 'A desk',
      width: 1536,
      height: 1024,
      title: 'T',
      tags: [],
      lang: 'en',
    });
    const [call] = server.calls(IMAGES);
    expect(call!.body).toMatchObject({
      model: 'gpt-image-test',
      size: '1536x1024',
      quality: 'low',
      output_format: 'webp',
      prompt: 'A desk',
      n: 1,
    });
    expect(call!.headers.authorization).toBe('Bearer test-key');
    expect(result).toMatchObject({
      mediaType: 'image/webp',
      width: 1536,
      height: 1024,
      model: 'gpt-image-test',
      usage: { inputTokens: 40, outputTokens: 1000 },
    });
  });

  it('turns HTTP faults into ProviderErrors the scheduler can retry', async () => {
    server.enqueue(IMAGES, {
      type: 'json',
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { message: 'slow down' } },
    });
    const provider = createOpenAIImage({ ...options, baseURL: server.baseURL });
    const error = await provider
      .generate({ prompt: 'x', width: 1, height: 1, title: '', tags: [], lang: 'en' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 3000, status: 429 });
  });
});

describe('cover and figure jobs with a model', () => {
  const options = parseOptions({
    image: { provider: 'openai', model: 'gpt-image-test', size: '1024x1024', format: 'webp' },
  });

  it('a figure is the model image with XMP provenance, and alt text from the text model (never "image of…")', async () => {
    server.enqueue(IMAGES, imagesAnswer(await webpBase64(1024, 1024)));
    server.enqueue(CHAT, chatCompletion('"Image of two neural networks facing each other across a board."'));
    const jobs = planIllustration(makeOutline(), article, options);
    const figure = jobs.find((j) => j.path === `${folder}/figure-1.webp`)!;
    const context = jobContext({
      text: chatTextProvider(server.baseURL),
      image: createOpenAIImage({
        apiKey: 'k',
        baseURL: server.baseURL,
        model: options.image.model,
        size: options.image.size,
        quality: options.image.quality,
        format: options.image.format,
      }),
    });
    const result = await produceOutput(figure, context);
    const data = bytes(result.data);
    const meta = await sharp(Buffer.from(data)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1024, 1024]);
    const xmp = readXmp(data) ?? '';
    expect(xmp).toContain(DIGITAL_SOURCE_TYPE.trained);
    expect(xmp).toContain('<Iptc4xmpExt:AISystemUsed>gpt-image-test</Iptc4xmpExt:AISystemUsed>');
    expect(xmp).toMatch(/xmp:CreateDate="\d{4}-\d\d-\d\dT/);
    expect(result.meta).toMatchObject({
      alt: 'Two neural networks facing each other across a board.',
      width: 1024,
      height: 1024,
    });
    // The alt-text request carries the prompt and where the figure sits, not the article.
    const chat = server.calls(CHAT)[0]!.body;
    expect(JSON.stringify(chat.messages)).toContain('A generator and a discriminator network competing');
    expect(JSON.stringify(chat.messages)).toContain('Text generation');
    expect(server.calls(IMAGES)[0]!.body).toMatchObject({ model: 'gpt-image-test', size: '1024x1024' });
  });

  it('an empty alt answer falls back to one drafted from the prompt', async () => {
    server.enqueue(IMAGES, imagesAnswer(await webpBase64(1024, 1024)));
    server.enqueue(CHAT, chatCompletion('  ""  '));
    const figure = planIllustration(makeOutline(), article, options).find((j) => j.path.endsWith('figure-2.webp'))!;
    const context = jobContext({
      text: chatTextProvider(server.baseURL),
      image: createOpenAIImage({
        apiKey: 'k',
        baseURL: server.baseURL,
        model: 'm',
        size: '1024x1024',
        quality: 'low',
        format: 'webp',
      }),
    });
    expect((await produceOutput(figure, context)).meta?.alt).toBe('A painter robot at an easel');
  });
});

describe('diagram jobs with a model', () => {
  const options = parseOptions({ image: { provider: 'offline' } });
  const diagram = (): Job =>
    planIllustration(makeOutline(), article, options).find((j) => j.path === `${folder}/diagram-1.svg`)!;
  const context = () => jobContext({ text: chatTextProvider(server.baseURL), image: createOfflineImage() });

  it('invalid DOT goes back to the model with the Graphviz error and is repaired on the second answer', async () => {
    server.enqueue(
      CHAT,
      chatCompletion('```dot\ndigraph {\n  outline -> article\n  article -> [\n}\n```'),
      chatCompletion('digraph {\n  outline -> article -> narration\n}'),
    );
    const result = await produceOutput(diagram(), context());
    const calls = server.calls(CHAT);
    expect(calls).toHaveLength(2);
    const repair = calls[1]!.body.messages.at(-1).content as string;
    expect(repair).toContain("syntax error in line 3 near '['");
    expect(repair).toContain('Line 3 is:   article -> [');
    expect(calls[1]!.body.messages.at(-2).content).toBe('digraph {\n  outline -> article\n  article -> [\n}');
    expect(calls[1]!.body.messages).toHaveLength(4);
    const svg = String(result.data);
    assertSafeSvg(svg);
    expect(svg).toContain('<title>article-&gt;narration</title>');
    expect(result.meta).toMatchObject({
      repairs: 1,
      alt: 'Diagram: The outline leads to the article, which leads to the narration.',
    });
    expect(result.sidecars?.[0]).toMatchObject({ path: `${folder}/diagram-1.dot` });
  });

  it('fails with the parser message and line after the bounded repairs', async () => {
    server.on(CHAT, () => chatCompletion('digraph {\n  a -> b\n  b -> ;\n}'));
    await expect(produceOutput(diagram(), context())).rejects.toThrow(
      /what-is-aigc\.md:16:1: .*still does not parse after 2 repairs: Graphviz: syntax error in line 3 near ';' \(line 3 of the generated DOT\)/,
    );
    expect(server.calls(CHAT)).toHaveLength(3);
  });
});

import type { TextProvider, Usage } from '../../providers/types.ts';

export interface AltTextRequest {
  /** The image prompt. */
  prompt: string;
  /** Where the image sits: page title, section heading (never the article text). */
  context: string;
  lang: string;
  role: 'cover' | 'figure';
  /** The page title, for the offline wording of a cover. */
  title: string;
}

const BAD_START = /^(an?\s+|the\s+)?(image|picture|photo|photograph|illustration|graphic)\s+(of|showing|depicting)\s+/i;
const ZH_BAD_START = /^(一张|这是一张|这张)?(图片|图像|照片|插图)(展示了|显示了|描绘了|：|:)?/;

/**
 * Alt text written by the text model from the prompt and where the image sits; offline,
 * drafted from the prompt. Never empty, never "image of…" (screen readers already say "image").
 */
export async function writeAltText(
  text: TextProvider,
  request: AltTextRequest,
  signal?: AbortSignal,
): Promise<{ alt: string; usage: Usage }> {
  const none = { inputTokens: 0, outputTokens: 0 };
  // No text model: the prompt says what the image model was asked to draw.
  if (text.id === 'offline') return { alt: promptAltText(request), usage: none };
  const zh = request.lang.toLowerCase().startsWith('zh');
  const result = await text.generate({
    messages: [
      {
        role: 'system',
        content:
          'You write alt text for images on a web page. Describe what the image shows and why it is there, in one or two short sentences, ' +
          `at most 200 characters, in the page's language (${request.lang}). Do not start with "image of", "picture of" or similar. Reply with the alt text only.`,
      },
      {
        role: 'user',
        content: `Image prompt: ${request.prompt}\nWhere it appears: ${request.context}${zh ? '\nWrite it in Chinese.' : ''}`,
      },
    ],
    brief: { task: 'alt-text', prompt: request.prompt, context: request.context, lang: request.lang },
    maxOutputTokens: 200,
    ...(signal ? { signal } : {}),
  });
  const alt = cleanAltText(result.text);
  return { alt: alt || promptAltText(request), usage: result.usage };
}

/** Strip quotes, labels and "image of" openings; cut to a sentence boundary near 250 characters. */
export function cleanAltText(raw: string): string {
  let alt = raw
    .trim()
    .replace(/^alt(\s*text)?\s*[:：]\s*/i, '')
    .replace(/^["'“”‘’「」]+|["'“”‘’「」]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 2; i++) alt = alt.replace(BAD_START, '').replace(ZH_BAD_START, '').trim();
  if (alt.length > 250) {
    const cut = alt.slice(0, 250);
    const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'));
    alt = end > 80 ? cut.slice(0, end + 1) : `${cut.slice(0, 247).trimEnd()}…`;
  }
  return alt ? alt[0]!.toUpperCase() + alt.slice(1) : '';
}

/** Alt text of a model-drawn image from its prompt (and the title for a cover), when no text model wrote one. */
export function promptAltText(request: Pick<AltTextRequest, 'prompt' | 'lang' | 'role' | 'title'>): string {
  const zh = request.lang.toLowerCase().startsWith('zh');
  const prompt = cleanAltText(request.prompt.replace(/[.。]\s*$/, '')) || request.title;
  if (request.role === 'cover')
    return zh ? `《${request.title}》的封面：${prompt}` : `Cover for “${request.title}”: ${prompt}`;
  return prompt;
}

/**
 * Alt text of an offline drawing, which is an abstract seeded pattern with the title (cover)
 * or the prompt (figure) set on it: it says so, and names the asked-for picture only as what
 * the placeholder stands for, never as if it were drawn.
 */
export function draftAltText(request: Pick<AltTextRequest, 'prompt' | 'lang' | 'role' | 'title'>): string {
  const zh = request.lang.toLowerCase().startsWith('zh');
  const prompt = cleanAltText(request.prompt.replace(/[.。]\s*$/, '')) || request.title;
  if (request.role === 'cover') {
    return zh
      ? `抽象图案（离线占位封面），印有标题《${request.title}》`
      : `Abstract pattern (offline placeholder cover) with the title “${request.title}”`;
  }
  return zh
    ? `抽象图案（离线占位图），标注着所需的图片：“${prompt}”`
    : `Abstract pattern (offline placeholder) labelled with the picture it stands for: “${prompt}”`;
}

/** Caption of an offline figure: what is there, and what it stands in for. */
export function placeholderCaption(prompt: string, lang: string): string {
  const text = prompt.replace(/\s*\n\s*/g, ' ').trim();
  return lang.toLowerCase().startsWith('zh')
    ? `离线占位图（抽象图案），代替：${text}`
    : `Offline placeholder (an abstract pattern) for: ${text}`;
}

import type { Job, JobContext, JobResult, OutputCheck } from '../../engine/types.ts';
import { sanitizeSvg } from '../../utils/svg-sanitize.ts';
import { checkPlainText } from '../../validate/plain-text.ts';
import type { Outline, Position } from '../../outline/types.ts';
import type { ChatMessage, Usage } from '../../providers/types.ts';
import { DIGITAL_SOURCE_TYPE } from '../../utils/xmp.ts';
import { withSvgMetadata } from './finish-image.ts';
import { DotSyntaxError, renderDot } from './graphviz.ts';
import { diagramAlt, dotSummary, draftDiagramDot } from './offline-diagram.ts';

/** Bump when diagram prompts, rendering or alt text change (2: arrows said as a sentence, diagram-sense.ts). */
export const DIAGRAM_JOB_VERSION = '2';

/** Repairs after the first answer when the DOT does not parse. */
export const MAX_DOT_REPAIRS = 2;

/** A ```diagram block: a text model writes DOT from the description; Graphviz renders it. */
export function diagramJob(
  outline: Outline,
  path: string,
  description: string,
  position: Position,
  heading: string,
): Job {
  return {
    path,
    kind: 'diagram',
    capability: 'text',
    outline: outline.file,
    dependsOn: [],
    inputs: { description, heading, title: outline.data.title, lang: outline.data.lang },
    version: DIAGRAM_JOB_VERSION,
    estimate: { inputTokens: 400, outputTokens: 400 },
    run: (context) => writeDiagram(outline, path, description, position, heading, context),
    check: diagramCheck(path),
  };
}

/** DOT attributes that make links, load files or images: a model has no business writing them. */
const UNSAFE_DOT_ATTRIBUTE =
  /\b(URL|href|target|tooltip|edgeURL|edgehref|headURL|headhref|tailURL|tailhref|labelURL|labelhref|image|imagepath|fontpath|shapefile|stylesheet|class|id)\s*=\s*("(?:[^"\\]|\\.)*"|<(?:[^<>]|<[^<>]*>)*>|[^\s,;\]]+)\s*[,;]?/g;

/**
 * The model's DOT without link, image and file attributes, rendered again and sanitised:
 * what is published is an SVG with no script and no link, and its source says the same.
 */
function diagramCheck(path: string): OutputCheck {
  return {
    name: 'diagram',
    check: async (draft, context) => {
      const source = draft.sidecars?.find((s) => s.path.endsWith('.dot'));
      if (!source)
        return {
          ...draft,
          data: sanitizeSvg(String(typeof draft.data === 'string' ? draft.data : new TextDecoder().decode(draft.data))),
        };
      const dot = String(source.data);
      // Labels are text: no markup, links or braces in them either.
      const cleaned = dot
        .replace(UNSAFE_DOT_ATTRIBUTE, '')
        .replace(
          /"((?:[^"\\]|\\.)*)"/g,
          (_whole, label: string) => `"${checkPlainText(label, 'label').text.replace(/"/g, '')}"`,
        );
      if (cleaned !== dot)
        context.logger.warn(
          `${path}: removed link, image or file attributes and markup in labels from the model's DOT (safety).`,
        );
      const rendered = await renderDot(cleaned);
      const provenance = {
        digitalSourceType: DIGITAL_SOURCE_TYPE.trained,
        model: draft.model,
        createdAt: new Date().toISOString(),
        prompt: String(draft.meta?.prompt ?? ''),
      };
      return {
        ...draft,
        data: withSvgMetadata(sanitizeSvg(rendered.svg), provenance),
        sidecars: [{ path: source.path, data: cleaned }],
        meta: { ...draft.meta, width: rendered.width, height: rendered.height },
      };
    },
  };
}

/** A ```dot block, rendered as written (no provider). */
export function dotJob(outline: Outline, path: string, source: string, position: Position): Job {
  return {
    path,
    kind: 'diagram',
    capability: 'none',
    outline: outline.file,
    dependsOn: [],
    inputs: { source, lang: outline.data.lang },
    version: DIAGRAM_JOB_VERSION,
    estimate: { inputTokens: 0, outputTokens: 0 },
    // Written by a person, rendered by Graphviz: sanitised all the same (it is served from the site's origin).
    check: { name: 'svg', check: async (draft) => ({ ...draft, data: sanitizeSvg(String(draft.data)) }) },
    run: async (): Promise<JobResult> => {
      let rendered;
      try {
        rendered = await renderDot(source);
      } catch (error) {
        if (!(error instanceof DotSyntaxError)) throw error;
        // The block's body starts on the line after the opening fence.
        const at = error.line === undefined ? `${position.line}:${position.column}` : `${position.line + error.line}:1`;
        throw new Error(
          `${outline.file}:${at}: this \`\`\`dot block does not parse: ${error.message}. Fix the DOT in the outline.`,
        );
      }
      const svg = withSvgMetadata(rendered.svg, {
        digitalSourceType: DIGITAL_SOURCE_TYPE.algorithmic,
        model: 'graphviz',
      });
      return {
        data: svg,
        provider: 'none',
        model: 'graphviz',
        usage: { inputTokens: 0, outputTokens: 0 },
        meta: {
          alt: diagramAlt(dotSummary(source), outline.data.lang),
          width: rendered.width,
          height: rendered.height,
        },
      };
    },
  };
}

function diagramMessages(outline: Outline, description: string, heading: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You write Graphviz DOT. Reply with one complete `digraph { … }` and nothing else: no prose, no Markdown fences. ' +
        'Use short node labels in the language of the description, quote labels with spaces, and keep it under 20 nodes. Do not use URL, href or image attributes.',
    },
    {
      role: 'user',
      content: `Page: ${outline.data.title} (language ${outline.data.lang})\nSection: ${heading}\nDraw this diagram:\n${description}`,
    },
  ];
}

/** The DOT in a model answer: fences and surrounding prose removed. */
export function extractDot(answer: string): string {
  const fenced = /```[\w-]*\s*\n([\s\S]*?)```/.exec(answer)?.[1];
  const text = (fenced ?? answer).trim();
  const start = text.search(/(strict\s+)?(di)?graph\b/i);
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : text;
}

async function writeDiagram(
  outline: Outline,
  path: string,
  description: string,
  position: Position,
  heading: string,
  context: JobContext,
): Promise<JobResult> {
  const text = context.providers.text;
  const alt = diagramAlt(description, outline.data.lang);
  if (text.id === 'offline') {
    const rendered = await renderDot(draftDiagramDot(description, outline));
    return {
      data: withSvgMetadata(rendered.svg, {
        digitalSourceType: DIGITAL_SOURCE_TYPE.algorithmic,
        model: text.model,
        prompt: description,
      }),
      provider: 'offline',
      model: text.model,
      usage: { inputTokens: 0, outputTokens: 0 },
      meta: { alt, width: rendered.width, height: rendered.height, offlineDraft: true },
      // Offline: the DOT is drafted from the outline; the check sanitises the SVG.
    };
  }
  const messages = diagramMessages(outline, description, heading);
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  for (let attempt = 0; ; attempt++) {
    const result = await text.generate({
      messages,
      brief: { task: 'diagram', description, outline },
      maxOutputTokens: 2000,
      signal: context.signal,
    });
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    const dot = extractDot(result.text);
    try {
      const rendered = await renderDot(dot);
      const svg = withSvgMetadata(rendered.svg, {
        digitalSourceType: DIGITAL_SOURCE_TYPE.trained,
        model: result.model || text.model,
        createdAt: new Date().toISOString(),
        prompt: description,
      });
      return {
        data: svg,
        provider: text.id,
        model: result.model || text.model,
        usage,
        sidecars: [{ path: path.replace(/\.svg$/, '.dot'), data: `${dot}\n` }],
        meta: { alt, width: rendered.width, height: rendered.height, repairs: attempt, prompt: description },
      };
    } catch (error) {
      if (!(error instanceof DotSyntaxError)) throw error;
      if (attempt >= MAX_DOT_REPAIRS) {
        throw new Error(
          `${outline.file}:${position.line}:${position.column}: the model's DOT for this \`\`\`diagram still does not parse after ${MAX_DOT_REPAIRS} repairs: ` +
            `Graphviz: ${error.message}${error.line === undefined ? '' : ` (line ${error.line} of the generated DOT)`}. Simplify the description or write a \`\`\`dot block instead.`,
        );
      }
      context.logger.debug(`${path}: DOT does not parse (${error.message}); asking for a repair`);
      // Send back the DOT as we parsed it, so the line in Graphviz's message matches what the model sees.
      const offending =
        error.line === undefined ? '' : `\nLine ${error.line} is: ${dot.split('\n')[error.line - 1] ?? ''}`;
      messages.push(
        { role: 'assistant', content: dot },
        {
          role: 'user',
          content: `Graphviz could not parse that DOT: ${error.message}.${offending}\nReply with the corrected complete DOT only.`,
        },
      );
    }
  }
}

import type { Outline } from '../../outline/types.ts';
import { blockMarkdown } from '../../outline/blocks.ts';
import type { ChatMessage } from '../../providers/types.ts';
import { lengthUnit } from '../../utils/text-measure.ts';

/**
 * The system and user messages that ask a model for an article covering the outline.
 * `grounding` (guides with a `source`) is the extracted API the text must keep to.
 */
export function buildArticleMessages(outline: Outline, grounding?: string): ChatMessage[] {
  const { data } = outline;
  const unit = lengthUnit(data.lang);
  const system = [
    'You write finished articles for a website from an outline.',
    `Write in the language with BCP 47 tag "${data.lang}".`,
    'Output GitHub-flavoured Markdown only: no front matter, no title heading (the title is shown separately), no HTML, no MDX, no JSX, no curly-brace expressions.',
    'Use exactly the `## ` section headings given, in the given order, spelled as given; you may add `### ` sub-headings inside a section.',
    'Cover every bullet of a section in that section, as prose paragraphs (lists only where a list reads better).',
    'Copy every fenced block whose language is `figure`, `diagram` or `dot` verbatim, in its section, where it stands in the outline.',
    'Do not invent URLs, statistics or quotations. Do not mention that you are an AI. Do not end with a generic summary that starts with "In conclusion".',
    'Code blocks must name their language and be valid.',
    ...(grounding ? ['', grounding] : []),
  ].join('\n');

  const lines: string[] = [`Title: ${data.title}`];
  if (data.description) lines.push(`Description: ${data.description}`);
  if (data.audience) lines.push(`Audience: ${data.audience}`);
  if (data.length) lines.push(`Target length: about ${data.length} ${unit}.`);
  if (outline.lead.trim()) lines.push('', 'What the piece must achieve:', outline.lead.trim());
  lines.push('', 'Outline (sections in order):');
  for (const section of outline.sections) {
    lines.push('', `## ${section.heading}`);
    for (const point of section.points) lines.push(`${'  '.repeat(Math.max(0, point.depth - 1))}- ${point.text}`);
    for (const block of section.blocks) lines.push('', blockMarkdown(block));
  }
  return [
    { role: 'system', content: system },
    { role: 'user', content: lines.join('\n') },
  ];
}

/** Messages asking the model to go on from where a truncated answer stopped. */
export function buildContinuationMessages(outline: Outline, partial: string, grounding?: string): ChatMessage[] {
  return [
    ...buildArticleMessages(outline, grounding),
    { role: 'assistant', content: partial },
    {
      role: 'user',
      content:
        'Your answer was cut off. Continue exactly where it stopped, without repeating anything, and finish the article.',
    },
  ];
}

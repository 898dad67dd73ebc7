/** Messages asking for the overview on a reference landing page. */
import type { Outline } from '../../outline/types.ts';
import type { ChatMessage } from '../../providers/types.ts';
import { groundingInstructions } from './guide.ts';

export function overviewMessages(outline: Outline, packageName: string, digest: string): ChatMessage[] {
  const sections = outline.sections.map((s) =>
    [`## ${s.heading}`, ...s.points.map((p) => `${'  '.repeat(p.depth)}- ${p.text}`)].join('\n'),
  );
  const user = [
    `Write the overview that opens the API reference "${outline.data.title}" of \`${packageName}\`, in language ${outline.data.lang}.`,
    outline.data.audience ? `Readers: ${outline.data.audience}.` : '',
    outline.lead ? `What it must achieve: ${outline.lead}` : '',
    sections.length > 0
      ? `Cover, in order, with these as ## headings:\n${sections.join('\n\n')}`
      : 'Explain what the package is for, its main entry points and how they fit together, in a few short paragraphs.',
    `Around ${outline.data.length ?? 300} words. Markdown only, no title (the page has one), no links: the symbol index follows your text.`,
  ].filter(Boolean);
  return [
    { role: 'system', content: groundingInstructions({ packageName, signatures: digest }) },
    { role: 'user', content: user.join('\n\n') },
  ];
}

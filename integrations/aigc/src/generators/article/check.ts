import type { Outline } from '../../outline/types.ts';

/**
 * The foundation's minimum check: every outline section present as a `## ` heading, in
 * order. The full rule set lives in validate/; this keeps a page that skips a section
 * from ever being written.
 */
export function checkArticle(body: string, outline: Outline): string[] {
  const headings = [...body.matchAll(/^##\s+(.+?)\s*#*\s*$/gm)].map((m) => normalise(m[1]!));
  const findings: string[] = [];
  let cursor = 0;
  for (const section of outline.sections) {
    const wanted = normalise(section.heading);
    const at = headings.indexOf(wanted, cursor);
    if (at === -1) {
      findings.push(
        headings.includes(wanted)
          ? `section "${section.heading}" is out of order (outline line ${section.position.line})`
          : `section "${section.heading}" is missing (outline line ${section.position.line})`,
      );
    } else {
      cursor = at + 1;
    }
  }
  return findings;
}

function normalise(heading: string): string {
  return heading.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

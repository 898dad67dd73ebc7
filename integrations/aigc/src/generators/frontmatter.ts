import { VFile } from 'vfile';
import { matter } from 'vfile-matter';
import { stringify } from 'yaml';

/** Provenance of a generated page, written in its frontmatter and shown on the page. */
export interface PageProvenance {
  provider: string;
  model: string;
  generatedAt: string;
  /** Written by the offline drafter: a draft from the outline, not a model's article. */
  offlineDraft: boolean;
  /** The outline it came from (project-relative). */
  outline: string;
}

/** Markdown file text: YAML frontmatter (stable key order) then the body. */
export function withFrontmatter(data: Record<string, unknown>, body: string): string {
  const yaml = stringify(data, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n\n${body.trim()}\n`;
}

/** Split a Markdown file into its YAML frontmatter data and body (no frontmatter → empty data). */
export function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const file = new VFile(text);
  matter(file, { strip: true });
  const body = String(file.value);
  const data = (file.data.matter ?? {}) as Record<string, unknown>;
  return { data, body, bodyLine: text.slice(0, text.length - body.length).split('\n').length };
}

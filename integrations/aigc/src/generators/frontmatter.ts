import { stringify, parse } from 'yaml';

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

/** Split a Markdown file into its frontmatter data and body (no frontmatter → empty data). */
export function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: {}, body: text, bodyLine: 1 };
  const data = (parse(match[1]!) ?? {}) as Record<string, unknown>;
  return { data, body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

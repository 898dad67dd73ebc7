import { readBody, type BodySection } from './body.ts';
import { OutlineError } from './error.ts';
import { readFrontmatter } from './frontmatter.ts';
import { parseMarkdown } from '../utils/markdown.ts';
import { withoutBom } from './markdown.ts';
import { findUnsafeSegment, suggestSegment } from './slug.ts';
import type { Outline, OutlineBlock, OutlineSection } from './types.ts';

export interface OutlineMeta {
  /** Project-relative path of the file, `/`-separated; used in messages. */
  file: string;
  collection: string;
  slug: string;
  /** Language of outlines that do not set `lang`. */
  defaultLang: string;
}

/**
 * Parse and validate one outline file. Throws an OutlineError with the file, the 1-based
 * line:column and the fix for the first problem found.
 */
export function parseOutline(raw: string, meta: OutlineMeta): Outline {
  const fail = (ruleId: string, reason: string, hint: string, line = 1, column = 1): never => {
    throw new OutlineError({ file: meta.file, position: { line, column }, reason, hint, ruleId });
  };

  // The id becomes an output path: refuse anything that could leave the output folder.
  const unsafe = findUnsafeSegment(meta.collection, meta.slug);
  if (unsafe !== undefined) {
    const suggestion = suggestSegment(unsafe);
    fail(
      'invalid-slug',
      `\`${unsafe}\` cannot be part of a page address: use lowercase letters, digits and dashes`,
      suggestion
        ? `rename it to \`${suggestion}\``
        : 'rename it with lowercase ASCII letters, digits and dashes, e.g. what-is-aigc',
    );
  }

  const text = withoutBom(raw);
  const tree = parseMarkdown(text);
  const first = tree.children[0];
  if (first?.type === 'toml') {
    fail(
      'toml-frontmatter',
      'outline frontmatter is YAML, not TOML',
      'replace the `+++` lines with `---` and write `key: value` lines',
    );
  }
  if (first?.type !== 'yaml') {
    if (/^---[ \t]*(?:\r?\n|$)/.test(text)) {
      fail(
        'unclosed-frontmatter',
        'the frontmatter that starts here is never closed',
        'add a line `---` after the last frontmatter key',
      );
    }
    const looksLikeYaml = /^[A-Za-z_][\w-]*:(?:\s|$)/.test(text);
    fail(
      'missing-frontmatter',
      'the outline has no frontmatter',
      looksLikeYaml
        ? 'add a line `---` above line 1 and another below the last `key: value` line'
        : 'start the file with `---`, then `title: Your page title`, then `---`',
    );
  }
  const yaml = first as { value: string; position?: { start: { line: number } } };

  const data = readFrontmatter({
    yaml: yaml.value,
    fenceLine: yaml.position?.start.line ?? 1,
    file: meta.file,
    defaultLang: meta.defaultLang,
  });
  const body = readBody(tree, text, meta.file);

  if (body.sections.length === 0 && body.lead === '') {
    const after = (first.position?.end.line ?? 1) + 1;
    fail(
      'empty-outline',
      'the outline has no `##` section and no lead',
      'add at least one section: a line `## Section name` followed by `- bullet` points',
      after,
      1,
    );
  }

  return {
    collection: meta.collection,
    slug: meta.slug,
    file: meta.file,
    data,
    lead: body.lead,
    sections: body.sections.map(toSection),
    raw,
  };
}

function toSection(section: BodySection): OutlineSection {
  const points: OutlineSection['points'] = [];
  const blocks: OutlineBlock[] = [];
  for (const item of section.items) {
    if (item.type === 'point') points.push({ text: item.text, depth: item.depth });
    else blocks.push(item.block);
  }
  return { heading: section.heading, points, blocks, position: section.position };
}

/**
 * The sections of an outline with bullets and blocks in file order, for generators that
 * must put each block where it stands (the public Outline keeps them in two lists).
 */
export function readSectionFlow(outline: Pick<Outline, 'raw' | 'file'>): BodySection[] {
  const text = withoutBom(outline.raw);
  return readBody(parseMarkdown(text), text, outline.file).sections;
}

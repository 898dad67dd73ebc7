/**
 * TSDoc (as TypeDoc parsed it) → Markdown for the model. `{@link X}` becomes
 * `[X](api:<id>)` when X is a documented symbol, plain code otherwise; render.ts turns
 * `api:` links into page URLs.
 */
import type { Comment, CommentDisplayPart, Reflection } from 'typedoc';
import type { ApiDoc } from './model.ts';

/** Finds the page id (and anchor) of a reflection, when it has a page. */
export type LinkResolver = (reflection: Reflection) => string | undefined;

export function partsToMarkdown(parts: readonly CommentDisplayPart[] | undefined, link: LinkResolver): string {
  if (!parts) return '';
  let out = '';
  for (const part of parts) {
    if (part.kind === 'inline-tag' && (part.tag === '@link' || part.tag === '@linkcode' || part.tag === '@linkplain')) {
      const target =
        typeof part.target === 'object' && part.target !== null && 'isDeclaration' in part.target
          ? link(part.target as Reflection)
          : undefined;
      const text =
        part.text.trim() ||
        (typeof part.target === 'object' && part.target && 'name' in part.target ? String(part.target.name) : '');
      const label = part.tag === '@linkplain' ? text : `\`${text}\``;
      out += target
        ? `[${label}](api:${target})`
        : typeof part.target === 'string'
          ? `[${text}](${part.target})`
          : label;
    } else {
      out += part.text;
    }
  }
  return out.trim();
}

/** A default value as written in `@defaultValue`, without the code fence TypeDoc wraps it in. */
function unfence(text: string): string {
  const match = /^```\w*\n([\s\S]*?)\n```$/.exec(text.trim());
  return (match ? match[1]! : text).trim();
}

export function toApiDoc(comment: Comment | undefined, link: LinkResolver): ApiDoc {
  const doc: ApiDoc = { summary: '', examples: [], see: [] };
  if (!comment) return doc;
  doc.summary = partsToMarkdown(comment.summary, link);
  for (const tag of comment.blockTags) {
    const text = partsToMarkdown(tag.content, link);
    switch (tag.tag) {
      case '@remarks':
        doc.remarks = text;
        break;
      case '@example':
        // TSDoc allows an example without a fence; give it one so it renders as code.
        doc.examples.push(/```/.test(text) ? text : `\`\`\`ts\n${text}\n\`\`\``);
        break;
      case '@deprecated':
        doc.deprecated = text;
        break;
      case '@returns':
        doc.returns = text;
        break;
      case '@defaultValue':
      case '@default':
        doc.defaultValue = unfence(text);
        break;
      case '@since':
        doc.since = text;
        break;
      case '@see':
        doc.see.push(text);
        break;
      case '@throws':
        (doc.throws ??= []).push(text);
        break;
    }
  }
  if (comment.hasModifier('@deprecated') && doc.deprecated === undefined) doc.deprecated = '';
  return doc;
}

/** The doc text of a parameter or type parameter (its summary). */
export function summaryOf(comment: Comment | undefined, link: LinkResolver): string {
  return partsToMarkdown(comment?.summary, link);
}

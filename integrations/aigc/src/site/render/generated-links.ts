/**
 * Links in generated pages: models invent URLs, so external links in generated content
 * carry `rel="nofollow noopener noreferrer"` (no reputation passed, no window access),
 * whichever Markdown processor renders them.
 */
export const GENERATED_LINK_REL = ['nofollow', 'noopener', 'noreferrer'] as const;

export function isExternalHref(href: unknown): boolean {
  return typeof href === 'string' && /^(https?:)?\/\//i.test(href);
}

/** Is this file one the integration generated (a path inside the output folder)? */
export function isGeneratedFile(path: string | undefined, outputDir: string): boolean {
  if (!path) return false;
  const normalised = path.replaceAll('\\', '/');
  const folder = `/${outputDir.replace(/^\.?\/+|\/+$/g, '')}/`;
  return normalised.includes(folder);
}

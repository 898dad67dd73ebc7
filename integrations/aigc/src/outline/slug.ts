/** What a collection folder name or a slug segment may look like: it becomes a URL and a path. */
export const SEGMENT_PATTERN: RegExp = /^[a-z0-9][a-z0-9-]*$/;

/** A URL-safe version of a file or folder name, or undefined when nothing ASCII is left. */
export function suggestSegment(name: string): string | undefined {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? undefined : slug;
}

/**
 * The first segment of `collection` or `slug` that is not URL-safe, or undefined when both
 * are fine. Segments are checked one by one, so `..`, `.`, empty segments, backslashes and
 * absolute paths can never pass: an outline id always stays inside the output folder.
 */
export function findUnsafeSegment(collection: string, slug: string): string | undefined {
  if (!SEGMENT_PATTERN.test(collection)) return collection;
  for (const segment of slug.split('/')) {
    if (!SEGMENT_PATTERN.test(segment)) return segment;
  }
  return undefined;
}

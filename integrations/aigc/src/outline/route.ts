/**
 * Where a collection's page is served: the one route rule of the package. Generators (links
 * between pages, reference pages), the link check and the site's routes all call
 * `collectionUrl`, so a link and the page it names cannot disagree.
 */

export interface PageUrlOptions {
  /**
   * URL prefix per collection when one is not published at `/<collection>/`, e.g.
   * `{ docs: '/' }` for Starlight, which serves `docs` at the root.
   */
  collectionBase?: Readonly<Record<string, string>> | undefined;
}

/**
 * Where page `id` of `collection` is served: `/<collection>/<id>/`, or below the collection's
 * `collectionBase`, and under `/<lang>` for a translation. An empty `id` is the collection's root.
 *
 * @example
 * collectionUrl('docs', 'api/greet') // '/docs/api/greet/'
 * collectionUrl('docs', 'api/greet', { collectionBase: { docs: '/' } }) // '/api/greet/'
 */
export function collectionUrl(
  collection: string,
  id: string,
  options: PageUrlOptions & { lang?: string | undefined } = {},
): string {
  const base = (options.collectionBase?.[collection] ?? `/${collection}/`).replace(/^\/*/, '/').replace(/\/*$/, '/');
  const path = id.replace(/^\/+|\/+$/g, '');
  return `${options.lang ? `/${options.lang}` : ''}${base}${path ? `${path}/` : ''}`;
}

/**
 * The `collectionBase` of a site with these integrations: Starlight serves its `docs`
 * collection at the site root. Read from the Astro config by the integration and the CLI alike,
 * so both plan the same links.
 */
export function collectionBaseOf(integrations: readonly unknown[]): Record<string, string> {
  const starlight = integrations.some(
    (i) => typeof i === 'object' && i !== null && (i as { name?: unknown }).name === '@astrojs/starlight',
  );
  return starlight ? { docs: '/' } : {};
}

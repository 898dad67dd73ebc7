import type { Plugin } from 'vite';
import type { AigcOptions } from '../options.ts';

/** What injected routes and components need to know about the run. */
export interface SiteConfig {
  /** Absolute project root. */
  root: string;
  /** Output folder of generated files (project-relative). */
  output: string;
  /** Lock file (project-relative). */
  lock: string;
  /** URL prefix under which generated assets are served. */
  assetBase: string;
  /** The site's name (option `siteName`), for feeds, llms.txt and social cards. */
  siteName: string;
  /** Default language of the site's pages (option `lang`). */
  lang: string;
  /** Which injected routes exist (option `routes`), so one route links to another only when it is there. */
  routes: AigcOptions['routes'];
  /** House style file (option `style`), for the dev-only review panel. */
  style?: string;
  /** Cache folder (option `cacheDir`, project-relative): derived files such as the podcast artwork; the review panel reads fetched sources from it. */
  cacheDir?: string;
  /** URL prefix per collection when it is not `/<collection>/` (Starlight serves `docs` at `/`). */
  collectionBase?: Record<string, string>;
}

export const VIRTUAL_CONFIG_ID = 'virtual:astro-aigc/config';
const RESOLVED_ID = `\0${VIRTUAL_CONFIG_ID}`;

/** A Vite plugin exposing the site config to injected routes, as Starlight's virtual modules do. */
export function virtualConfigPlugin(config: SiteConfig): Plugin {
  return {
    name: 'astro-aigc:config',
    resolveId(id) {
      return id === VIRTUAL_CONFIG_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      return id === RESOLVED_ID ? `export default ${JSON.stringify(config)};` : undefined;
    },
  };
}

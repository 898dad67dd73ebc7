import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { Outline } from '../outline/types.ts';
import type { FinishReason } from '../providers/types.ts';
import type { ValidationOptions } from './options.ts';

/** What the site will contain, for internal link checks: route path → the anchor slugs of that page. */
export interface SiteIndex {
  routes: Map<string, Set<string>>;
}

/** Everything the checks of one generated page may look at besides its text. */
export interface ValidationContext {
  /** The generated file, project-relative (e.g. `content/generated/articles/what-is-aigc.md`). */
  file: string;
  /** The outline the page was generated from. */
  outline: Outline;
  options: ValidationOptions;
  /** How the model's answer ended; `length` means it was cut off. */
  finishReason?: FinishReason;
  /** Routes and anchors of the whole site; without it, links to other pages are not checked. */
  site?: SiteIndex;
  /** Project root for file checks (default: `process.cwd()`). */
  root?: string;
  /** Folder of generated output, project-relative, that `/_aigc/` URLs map to (default `content/generated`). */
  output?: string;
  /** URL path of this page (e.g. `/articles/what-is-aigc/`), to resolve relative links. */
  route?: string;
  /** More checks, run after the built-in ones (the reference-docs rules plug in here). */
  extraRules?: Rule[];
  /** More checks on the HTML (hast) tree, raw HTML kept as `raw` nodes. */
  extraHtmlRules?: HtmlRule[];
}

/**
 * A Markdown check: reads the mdast tree (positions are in the generated file, frontmatter
 * included; the text is `String(file.value)`) and reports with `report()` from report.ts.
 */
export type Rule = (tree: MdastRoot, file: VFile, context: ValidationContext) => void | Promise<void>;

/** An HTML check on the tree remark-rehype makes (raw HTML left as `raw` nodes with positions). */
export type HtmlRule = (tree: HastRoot, file: VFile, context: ValidationContext) => void | Promise<void>;

import type { Job } from '../engine/types.ts';
import type { AigcOptions } from '../options.ts';
import type { PageUrlOptions } from '../outline/route.ts';
import type { Outline } from '../outline/types.ts';
import type { describeProviders } from '../producers.ts';
import type { SiteIndex } from '../validate/context.ts';
import type { SourceHasher } from './reference/source.ts';

/** What every generator plans from: decided once a run by the composition layer (plan.ts). */
export interface PlanContext {
  options: AigcOptions;
  /** Project root: sources, lexicon, glossary and generated files are read from here. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Provider and model of each capability (offline images are SVG; offline text translates nothing). */
  producers: ReturnType<typeof describeProviders>;
  /** Where collections are served (Starlight serves `docs` at `/`): links between pages follow it. */
  routes: PageUrlOptions;
  /** The site's routes and anchors, for the links check of pages. */
  site: SiteIndex;
  /** Hashes a `source`'s files once a run, however many jobs name it. */
  fingerprint: SourceHasher;
}

/**
 * One kind of thing the integration makes. It owns its planning, its prompts, its offline
 * fallback and its checks; the engine only runs the jobs it plans. Listed in registry.ts.
 */
export interface Generator {
  /** Names it in errors: `article`, `narration`… */
  readonly name: string;
  /** The artifact kinds its jobs carry: the lock's and the status lines' vocabulary. */
  readonly kinds: readonly string[];
  /**
   * Its jobs for one outline, in dependency order. `planned` holds the jobs the generators
   * before it planned for the same outline: illustrations, narration and translations hang
   * off the page job found there, and plan nothing without one.
   */
  plan(outline: Outline, context: PlanContext, planned: readonly Job[]): Job[];
}

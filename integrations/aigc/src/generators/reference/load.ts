/**
 * The TypeDoc side of API reference, loaded on first use: TypeDoc and TypeScript are
 * optional peer dependencies, installed only by sites that document an API. A site without
 * them gets a clear error naming the packages, on the outlines that need them only.
 */
import { importOptional, requireOptional } from '../../utils/optional-dependency.ts';

const FEATURE = 'API reference (an outline with `source:`)';

export type Extractor = typeof import('./extract.ts');

let extractor: Promise<Extractor> | undefined;

// The extractor's URL, not a literal specifier: a site that bundles this package (Vite
// bundles Astro packages into pages that import their helpers) must not follow it into
// TypeDoc, which may be absent. It only ever runs in the integration, from the package's
// own files: `.ts` in this repo's tests, `.js` once compiled.
// (`here` rather than `import.meta.url` inline: Vite would turn `new URL('…', import.meta.url)`
// into an asset import.)
const here = import.meta.url;
const extractorUrl = new URL(`./extract${here.endsWith('.ts') ? '.ts' : '.js'}`, here).href;

/** `extract.ts`, once TypeScript and TypeDoc are known to be installed. */
export function loadExtractor(): Promise<Extractor> {
  extractor ??= (async () => {
    requireOptional('typescript', FEATURE);
    await importOptional('typedoc', FEATURE);
    return (await import(/* @vite-ignore */ extractorUrl)) as Extractor;
  })();
  extractor.catch(() => {
    extractor = undefined;
  });
  return extractor;
}

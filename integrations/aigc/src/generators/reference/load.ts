/**
 * The TypeDoc side of API reference, loaded on first use: TypeDoc and TypeScript are
 * optional peer dependencies, installed only by sites that document an API. A site without
 * them gets a clear error naming the packages, on the outlines that need them only.
 */
import { importOptional, requireOptional } from '../../utils/optional-dependency.ts';

const FEATURE = 'API reference (an outline with `source:`)';

export type Extractor = typeof import('./extract.ts');

let extractor: Promise<Extractor> | undefined;

/** `extract.ts`, once TypeScript and TypeDoc are known to be installed. */
export function loadExtractor(): Promise<Extractor> {
  extractor ??= (async () => {
    requireOptional('typescript', FEATURE);
    await importOptional('typedoc', FEATURE);
    return import('./extract.ts');
  })();
  extractor.catch(() => {
    extractor = undefined;
  });
  return extractor;
}

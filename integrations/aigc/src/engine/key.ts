import { canonicalJson, sha256 } from '../utils/hash.ts';
import type { Job } from './types.ts';

/** Bump when the engine's own key recipe changes. */
const KEY_RECIPE = 1;

/**
 * A job's key: everything that decides its output, nothing that does not.
 * `producer` is the provider and model of the job's capability (`none` for deterministic jobs).
 */
export function jobKey(
  job: Job,
  producer: { provider: string; model: string },
  dependencyDigests: Record<string, string>,
): string {
  return sha256(
    canonicalJson({
      recipe: KEY_RECIPE,
      kind: job.kind,
      version: job.version,
      inputs: job.inputs,
      producer,
      dependencies: dependencyDigests,
    }),
  );
}

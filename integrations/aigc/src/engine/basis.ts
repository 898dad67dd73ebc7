import { canonicalJson, sha256 } from '../utils/hash.ts';
import type { Job, KeyBasis } from './types.ts';

export type { KeyBasis } from './types.ts';

const short = (value: unknown) => sha256(canonicalJson(value)).slice(0, 12);

export function keyBasis(
  job: Pick<Job, 'version' | 'inputs'>,
  producer: { provider: string; model: string },
  dependencyDigests: Record<string, string>,
): KeyBasis {
  const inputs = job.inputs;
  const fields =
    inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs)
      ? Object.fromEntries(
          Object.entries(inputs as Record<string, unknown>).map(([name, value]) => [name, short(value)]),
        )
      : { inputs: short(inputs) };
  return {
    version: job.version,
    producer: `${producer.provider}/${producer.model}`,
    inputs: fields,
    dependencies: Object.fromEntries(
      Object.entries(dependencyDigests).map(([path, digest]) => [path, digest.slice(0, 12)]),
    ),
  };
}

/** Why `now` differs from `before`, one reason per changed part, in words. */
export function explainBasisChange(before: KeyBasis, now: KeyBasis): string[] {
  const reasons: string[] = [];
  if (before.producer !== now.producer) reasons.push(`model ${before.producer} → ${now.producer}`);
  if (before.version !== now.version) reasons.push(`generator version ${before.version} → ${now.version}`);
  const changed = (a: Record<string, string>, b: Record<string, string>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().filter((name) => a[name] !== b[name]);
  const inputs = changed(before.inputs, now.inputs);
  if (inputs.length > 0) reasons.push(`outline or options changed: ${inputs.join(', ')}`);
  for (const path of changed(before.dependencies, now.dependencies)) {
    reasons.push(
      now.dependencies[path] === undefined
        ? `no longer reads ${path}`
        : before.dependencies[path] === undefined
          ? `now reads ${path}`
          : `${path} changed`,
    );
  }
  return reasons;
}

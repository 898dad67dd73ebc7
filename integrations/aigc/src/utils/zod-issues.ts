/**
 * Zod issues as one line each, for people: the option's path, what is wrong, what was given,
 * and "did you mean" when a key or a choice is a likely typo. Generic over the schema, so
 * every option (and any option added later) gets the same help.
 */
import type { z } from 'astro/zod';
import { didYouMean } from './did-you-mean.ts';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** One problem, ready to print: `path` is dotted (`image.size`), empty for the top level. */
export interface IssueLine {
  path: string;
  message: string;
}

/** Every issue of a failed `safeParse(input, { reportInput: true })` on `schema`, in order. */
export function describeIssues(schema: Schema, issues: readonly Issue[]): IssueLine[] {
  return issues.flatMap((issue) => describeIssue(schema, issue));
}

function describeIssue(schema: Schema, issue: Issue): IssueLine[] {
  const at = issue.path.map(String);
  switch (issue.code) {
    case 'unrecognized_keys':
      // One line per key: each gets its own suggestion.
      return issue.keys.map((key) => ({ path: join([...at, key]), message: unknownKey(schema, at, key) }));
    case 'invalid_value': {
      const choices = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const given = 'input' in issue ? issue.input : undefined;
      const guess =
        typeof given === 'string'
          ? didYouMean(
              given,
              issue.values.filter((v): v is string => typeof v === 'string'),
            )
          : undefined;
      const message = `${show(given)} is not one of ${choices}.${guess === undefined ? '' : ` Did you mean ${JSON.stringify(guess)}?`}`;
      return [{ path: join(at), message }];
    }
    case 'invalid_type':
      return [{ path: join(at), message: `expected ${article(issue.expected)}, received ${show(issue.input)}.` }];
    default: {
      const given =
        'input' in issue && issue.input !== undefined && typeof issue.input !== 'object'
          ? `, received ${show(issue.input)}`
          : '';
      return [{ path: join(at), message: `${lowerFirst(issue.message)}${given}.` }];
    }
  }
}

/** "unknown option" with the closest known key at that level, or where the key does belong. */
function unknownKey(schema: Schema, at: string[], key: string): string {
  const here = objectAt(schema, at);
  const siblings = here ? Object.keys(here) : [];
  const guess = didYouMean(key, siblings);
  if (guess !== undefined) return `unknown option. Did you mean \`${join([...at, guess])}\`?`;
  const elsewhere = pathsOfKey(schema, key, []).filter((path) => path !== join([...at, key]));
  if (elsewhere.length > 0)
    return `unknown option here. It belongs in ${elsewhere.map((p) => `\`${p}\``).join(' or ')}.`;
  return siblings.length > 0
    ? `unknown option. Options here: ${siblings.map((s) => `\`${s}\``).join(', ')}.`
    : 'unknown option.';
}

/** The shape of the object schema at `path`, looking through defaults, optionals and pipes. */
function objectAt(schema: Schema, path: readonly string[]): Record<string, Schema> | undefined {
  let shape = shapeOf(schema);
  for (const key of path) {
    const child = shape?.[key];
    shape = child ? shapeOf(child) : undefined;
  }
  return shape;
}

/** Dotted paths at which `key` is an option, anywhere in the schema. */
function pathsOfKey(schema: Schema, key: string, at: string[]): string[] {
  const shape = shapeOf(schema);
  if (!shape) return [];
  return Object.entries(shape).flatMap(([name, child]) => [
    ...(name === key ? [join([...at, name])] : []),
    ...pathsOfKey(child, key, [...at, name]),
  ]);
}

function shapeOf(schema: Schema): Record<string, Schema> | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, Schema>; innerType?: Schema; in?: Schema };
  if (def.type === 'object') return def.shape;
  if (def.innerType) return shapeOf(def.innerType); // default, prefault, optional, nullable, catch, readonly
  if (def.type === 'pipe' && def.in) return shapeOf(def.in);
  return undefined;
}

function join(path: readonly string[]): string {
  return path.join('.');
}

/** A value as the user wrote it, briefly. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function article(type: string): string {
  if (type === 'object' || type === 'array') return `an ${type}`;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

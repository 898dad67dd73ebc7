import { dirname, join, resolve } from 'node:path';
import type { ValidationContext } from '../context.ts';
import { existsSync } from '../../utils/read-ledger.ts';

/** Prefix of URLs the site serves generated assets under, mapped to the output folder. */
export const ASSET_PREFIX = '/_aigc/';

export type UrlKind = 'external' | 'anchor' | 'absolute' | 'relative' | 'other-scheme';

export function classifyUrl(url: string): UrlKind {
  if (url.startsWith('#')) return 'anchor';
  if (url.startsWith('//') || /^https?:/i.test(url)) return 'external';
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return 'other-scheme';
  if (url.startsWith('/')) return 'absolute';
  return 'relative';
}

/** Whether an external URL's host is allowed: exactly, or as a subdomain of an allowed host. */
export function isAllowedHost(url: string, allowedHosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url, 'https://invalid.invalid').hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowedHosts.some((allowed) => {
    const entry = allowed.toLowerCase().replace(/^\*\./, '');
    return host === entry || host.endsWith(`.${entry}`);
  });
}

/**
 * The file a local media URL points at: `/_aigc/…` in the output folder, other `/…` in
 * `public/`, relative ones next to the generated file. Undefined when it cannot be a file.
 */
export function localFile(url: string, context: ValidationContext): string | undefined {
  const root = context.root ?? process.cwd();
  const path = decodeURIComponent(url.split(/[?#]/)[0]!);
  if (path === '') return undefined;
  if (path.startsWith(ASSET_PREFIX))
    return join(root, context.output ?? 'content/generated', path.slice(ASSET_PREFIX.length));
  if (path.startsWith('/')) return join(root, 'public', path);
  return resolve(root, dirname(context.file), path);
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Project-relative `/`-separated path of an absolute path. */
export function toProjectPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

/**
 * Resolve a project-relative path and refuse anything that lands outside `folder`
 * (a crafted slug or lock entry must never write elsewhere).
 */
export function resolveInside(root: string, folder: string, projectPath: string): string {
  const base = resolve(root, folder);
  const target = resolve(root, projectPath);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`Refusing to write ${projectPath}: it is outside ${folder}/.`);
  }
  return target;
}

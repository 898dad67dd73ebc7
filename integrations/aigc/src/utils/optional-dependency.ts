/**
 * Optional peer dependencies: packages only some sites need (TypeScript and TypeDoc for API
 * reference), loaded when a feature first uses them, so other sites never install them.
 * A missing one is a clear error naming the feature and the install command.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export class MissingDependencyError extends Error {
  override name = 'MissingDependencyError';
  readonly packageName: string;
  constructor(packageName: string, feature: string) {
    super(
      `${feature} needs the package "${packageName}", which is not installed. Install it in your site: npm install --save-dev ${packageName}`,
    );
    this.packageName = packageName;
  }
}

function isNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: string }).code;
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String((error as Error).message).includes(name)
  );
}

/** A CommonJS package, loaded synchronously (TypeScript). */
export function requireOptional<T>(name: string, feature: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    throw isNotFound(error, name) ? new MissingDependencyError(name, feature) : error;
  }
}

/** An ES module package (TypeDoc). */
export async function importOptional<T>(name: string, feature: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (error) {
    throw isNotFound(error, name) ? new MissingDependencyError(name, feature) : error;
  }
}

/** The installed version of a package, or undefined when it is not installed. */
export function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

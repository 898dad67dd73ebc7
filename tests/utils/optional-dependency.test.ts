import { describe, expect, it } from 'vitest';
import {
  MissingDependencyError,
  importOptional,
  installedVersion,
  requireOptional,
} from '../../integrations/aigc/src/utils/optional-dependency.ts';

describe('optional peer dependencies', () => {
  it('loads an installed package', async () => {
    expect(typeof requireOptional<{ version: string }>('typescript', 'API reference').version).toBe('string');
    expect(typeof (await importOptional<{ Application: unknown }>('typedoc', 'API reference')).Application).toBe(
      'function',
    );
    expect(installedVersion('typedoc')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('names the feature and the install command when a package is missing', async () => {
    const missing = 'astro-aigc-no-such-package';
    expect(() => requireOptional(missing, 'API reference (an outline with `source:`)')).toThrow(MissingDependencyError);
    expect(() => requireOptional(missing, 'API reference')).toThrow(
      `API reference needs the package "${missing}", which is not installed. Install it in your site: npm install --save-dev ${missing}`,
    );
    await expect(importOptional(missing, 'API reference')).rejects.toThrow(`npm install --save-dev ${missing}`);
    expect(installedVersion(missing)).toBeUndefined();
  });
});

/**
 * One `generate()` (or `status()`) through the built package, in a process of its own, that
 * records every package any module resolves: a synchronous resolve hook, registered before
 * the package is imported. argv[2]: JSON `{ root, mode: 'run' | 'status', force, options,
 * provider, env }`. Prints one JSON line: `{ packages, actions, error? }`.
 * Plain JavaScript, so the child needs no type stripping and nothing of the test runner.
 */
import { registerHooks } from 'node:module';

const packages = new Set();
registerHooks({
  resolve(specifier, context, next) {
    if (!/^(\.|\/|node:|file:|data:|#)/.test(specifier)) {
      const parts = specifier.split('/');
      packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
    return next(specifier, context);
  },
});

const request = JSON.parse(process.argv[2]);
const api = await import(new URL('../../integrations/aigc/dist/api.js', import.meta.url).href);
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const settings = {
  root: request.root,
  options: request.options,
  logger: quiet,
  provider: request.provider,
  env: request.env,
  force: new Set(request.force ?? []),
};
const output = { packages: [], actions: {} };
try {
  const result = request.mode === 'status' ? await api.status(settings) : await api.generate(settings);
  output.actions = Object.fromEntries(result.report.outcomes.map((o) => [o.path, o.action]));
} catch (error) {
  output.error = String(error?.message ?? error);
}
output.packages = [...packages].sort();
process.stdout.write(`${JSON.stringify(output)}\n`);

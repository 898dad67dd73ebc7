#!/usr/bin/env node
// The CLI is TypeScript with erasable syntax only. A load hook (strip-types.mjs) strips its
// types, also where Node would refuse to: inside node_modules, where users install it.
// Inside this repo, npm scripts put Node 24 first on the PATH.
import module from 'node:module';

if (typeof module.stripTypeScriptTypes !== 'function' || typeof module.register !== 'function') {
  process.stderr.write(`aigc needs Node.js >= 22.13 (this is ${process.versions.node}).\n`);
  process.exit(1);
}
module.register('./strip-types.mjs', import.meta.url);
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));

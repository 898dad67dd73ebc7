#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node >= 22.18; on 22.12–22.17 run
// with --experimental-strip-types). Inside this repo, npm scripts put Node 24 first.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`aigc needs Node.js >= 22.12 (this is ${process.versions.node}).\n`);
  process.exit(1);
}
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The `aigc` command. The package ships compiled JavaScript (dist/), so this runs on every
// Node in `engines` with no type-stripping hook.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));

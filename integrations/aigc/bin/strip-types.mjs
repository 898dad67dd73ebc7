// Node strips TypeScript types itself, but never for files inside node_modules, where an
// installed astro-aigc lives. This load hook strips the types of the package's own .ts
// files (erasable syntax only, as Node's own stripping requires), so the CLI runs there too.
import { readFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';

const packageRoot = new URL('../', import.meta.url).href;

// stripTypeScriptTypes warns that it is experimental, on every run: users cannot act on it.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('stripTypeScriptTypes')) return;
  emitWarning(warning, ...rest);
};

export async function load(url, context, nextLoad) {
  if (url.startsWith(packageRoot) && url.endsWith('.ts')) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: stripTypeScriptTypes(source), shortCircuit: true };
  }
  return nextLoad(url, context);
}

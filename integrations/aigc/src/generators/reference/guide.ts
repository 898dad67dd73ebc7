/**
 * What guides (`kind: guide` with a `source`) and reference overviews share: the API as
 * prompt text, and the two checks that hold the model's text to it.
 */
import type { Finding } from '../../validate/finding.ts';
import { checkApiSymbols } from './check-symbols.ts';
import { checkTypeScriptBlocks } from './check-typescript.ts';
import { apiDigest, apiNames } from './digest.ts';
import type { ExtractOptions } from './extract.ts';
import { loadExtractor } from './load.ts';
import type { ApiModel } from './model.ts';

export interface GuideApi {
  packageName: string;
  /** Qualified names a page may mention. */
  symbols: string[];
  /** Declarations and summaries, for the prompt. */
  signatures: string;
  api: ApiModel;
}

/** Extract `source` (cached) and return the symbol list and signatures text for a guide's prompt. */
export async function extractForGuide(source: string, root: string, options: ExtractOptions = {}): Promise<GuideApi> {
  const { extractApi } = await loadExtractor();
  const api = await extractApi(source, root, options);
  return { packageName: api.packageName, symbols: apiNames(api), signatures: apiDigest(api), api };
}

/** Both reference checks on a page: API names exist (`api-symbol`), TypeScript blocks compile (`typescript`). */
export async function checkAgainstApi(markdown: string, api: ApiModel, root: string): Promise<Finding[]> {
  const symbols = checkApiSymbols(markdown, api);
  const types = await checkTypeScriptBlocks(markdown, { packageName: api.packageName, entry: api.source, root });
  return [...symbols, ...types].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** System-prompt paragraph that grounds a guide or overview in the extracted API. */
export function groundingInstructions(guide: Pick<GuideApi, 'packageName' | 'signatures'>): string {
  return [
    `You document the TypeScript package \`${guide.packageName}\`. Its public API, extracted from the source, is below.`,
    'Name only these symbols and members; never invent functions, options or modules. When you mention API in prose, write it as inline code (`name()`, `Type.member`).',
    `Every TypeScript example is a complete module: import what it uses from "${guide.packageName}" (or its listed modules) and declare every variable, so it compiles with strict type checking.`,
    '',
    guide.signatures,
  ].join('\n');
}

import { resolve } from 'node:path';
import { parseYamlFile, yamlLocation } from '../../utils/parse-yaml-file.ts';
import { readFileSync } from '../../utils/read-ledger.ts';

/**
 * The glossary: terms every translation keeps as written (product names, acronyms), and
 * preferred renderings per target language. Lives at `content/glossary.yml`:
 *
 * ```yaml
 * keep: [AIGC, astro-aigc, OpenAI]
 * terms:
 *   zh-CN:
 *     generative adversarial network: 生成对抗网络
 * ```
 */
export interface Glossary {
  keep: string[];
  terms: Record<string, Record<string, string>>;
}

export const GLOSSARY_FILE = 'content/glossary.yml';

export const EMPTY_GLOSSARY: Glossary = { keep: [], terms: {} };

/** Read and check the glossary; a missing file is an empty glossary, a malformed one an error naming the fix. */
export function readGlossary(root: string, file: string = GLOSSARY_FILE): Glossary {
  let text: string;
  try {
    text = readFileSync(resolve(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_GLOSSARY;
    throw error;
  }
  return parseGlossary(text, file);
}

export function parseGlossary(text: string, file: string = GLOSSARY_FILE): Glossary {
  const parsed = parseYamlFile(text, file, 'keep: [AIGC, OpenAI]\nterms:\n  zh-CN:\n    prompt: 提示词') ?? {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(
      `${yamlLocation(text, file, [])}: expected a map with \`keep\` and \`terms\`, e.g. keep: [AIGC, OpenAI]`,
    );
  }
  const data = parsed as Record<string, unknown>;
  const keep = data.keep ?? [];
  if (!Array.isArray(keep) || !keep.every((t) => typeof t === 'string')) {
    throw new Error(
      `${yamlLocation(text, file, ['keep'])}: \`keep\` must be a list of terms, e.g. keep: [AIGC, OpenAI]`,
    );
  }
  const terms: Record<string, Record<string, string>> = {};
  const rawTerms = data.terms ?? {};
  if (typeof rawTerms !== 'object' || rawTerms === null || Array.isArray(rawTerms)) {
    throw new Error(
      `${yamlLocation(text, file, ['terms'])}: \`terms\` must map a language to { term: rendering }, e.g. terms: { zh-CN: { prompt: 提示词 } }`,
    );
  }
  for (const [lang, map] of Object.entries(rawTerms as Record<string, unknown>)) {
    if (typeof map !== 'object' || map === null || !Object.values(map).every((v) => typeof v === 'string')) {
      throw new Error(
        `${yamlLocation(text, file, ['terms', lang])}: terms.${lang} must map each term to its rendering in ${lang}.`,
      );
    }
    terms[lang] = map as Record<string, string>;
  }
  return { keep: [...new Set(keep as string[])].sort(), terms };
}

/** The part of the glossary that applies to one text and one target language (what the job key hashes). */
export function glossaryFor(glossary: Glossary, text: string, to: string): Glossary {
  const lower = text.toLowerCase();
  const keep = glossary.keep.filter((term) => text.includes(term));
  const map = glossary.terms[to] ?? glossary.terms[to.split('-')[0] ?? ''] ?? {};
  const picked = Object.fromEntries(
    Object.entries(map)
      .filter(([term]) => lower.includes(term.toLowerCase()))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { keep, terms: Object.keys(picked).length > 0 ? { [to]: picked } : {} };
}

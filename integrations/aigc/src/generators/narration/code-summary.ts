/**
 * What a code block is, for the narration to say in a line ("Code sample: TypeScript, 3
 * lines, defining answer"): its language, its length and the names a listener would hear
 * about in the text around it. Code itself is never read aloud.
 */
export interface CodeSummary {
  /** Language as people say it, or undefined when the fence names none. */
  language: string | undefined;
  lines: number;
  names: string[];
  namesKind: 'defines' | 'keys' | 'commands';
}

const LANGUAGES: Record<string, string> = {
  ts: 'TypeScript',
  typescript: 'TypeScript',
  tsx: 'TypeScript',
  js: 'JavaScript',
  javascript: 'JavaScript',
  mjs: 'JavaScript',
  jsx: 'JavaScript',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  console: 'shell',
  zsh: 'shell',
  json: 'JSON',
  jsonc: 'JSON',
  yaml: 'YAML',
  yml: 'YAML',
  astro: 'Astro',
  md: 'Markdown',
  markdown: 'Markdown',
  mdx: 'MDX',
  html: 'HTML',
  css: 'CSS',
  py: 'Python',
  python: 'Python',
  dot: 'DOT',
  toml: 'TOML',
};

/** Names read out: more is noise for a listener. */
const MAX_NAMES = 3;

export function summariseCode(lang: string | null | undefined, value: string): CodeSummary {
  const key = (lang ?? '').toLowerCase();
  const language = LANGUAGES[key] ?? (key || undefined);
  const lines = value.split('\n').filter((line) => line.trim() !== '').length;
  if (language === 'shell') return { language, lines, names: commands(value), namesKind: 'commands' };
  if (language === 'JSON' || language === 'YAML' || language === 'TOML')
    return { language, lines, names: topKeys(value, language), namesKind: 'keys' };
  return { language, lines, names: definitions(value), namesKind: 'defines' };
}

/** Functions, classes, constants and types the code declares; else the packages it imports. */
function definitions(code: string): string[] {
  const declared = [
    ...code.matchAll(
      /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum|def)\s+([A-Za-z_$][\w$]*)/gm,
    ),
  ].map((m) => m[1]!);
  if (declared.length > 0) return unique(declared).slice(0, MAX_NAMES);
  const imported = [...code.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
  return unique(imported).slice(0, MAX_NAMES);
}

/** The commands, without prompts, comments or arguments past the subcommand ("npm run build"). */
function commands(code: string): string[] {
  const lines = code
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s*[$>]\s*/, '')
        .replace(/\s+#.*$/, '')
        .trim(),
    )
    .filter((line) => line && !line.startsWith('#'));
  return unique(
    lines.map((line) =>
      line
        .split(/\s+/)
        .filter((w) => !w.startsWith('-'))
        .slice(0, 3)
        .join(' '),
    ),
  ).slice(0, MAX_NAMES);
}

function topKeys(code: string, language: string): string[] {
  if (language === 'JSON') {
    try {
      const data = JSON.parse(code) as unknown;
      return data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data).slice(0, MAX_NAMES) : [];
    } catch {
      return [];
    }
  }
  return unique([...code.matchAll(/^([A-Za-z_][\w-]*)\s*[:=]/gm)].map((m) => m[1]!)).slice(0, MAX_NAMES);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

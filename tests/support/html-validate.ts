/**
 * Independent confirmation on HTML: html-validate (the project's .htmlvalidate.json, the
 * recommended preset with documented exceptions) over a built site, and a minimal page
 * renderer so a Markdown page can be checked the same way without a site build.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate, type ConfigData } from 'html-validate';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { markdownProcessor } from '../../integrations/aigc/src/utils/markdown.ts';

/** Used when no .htmlvalidate.json is found above the checked files. */
export const FALLBACK_HTML_CONFIG: ConfigData = { extends: ['html-validate:recommended'] };

/**
 * Validate every `.html` file under `distDir`. Returns one line per problem,
 * `path:line:column  message  [rule]` (paths relative to `distDir`); empty when all pass.
 * The config is the nearest `.htmlvalidate.json` above each file, else the recommended preset.
 */
export async function validateBuiltHtml(distDir: string, config?: ConfigData): Promise<string[]> {
  const validator = config
    ? new HtmlValidate(config)
    : new HtmlValidate(new FileSystemConfigLoader(FALLBACK_HTML_CONFIG));
  const problems: string[] = [];
  for (const file of await htmlFiles(distDir)) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const message of result.messages) {
        problems.push(
          `${relative(distDir, file)}:${message.line}:${message.column}  ${message.message}  [${message.ruleId}]`,
        );
      }
    }
  }
  return problems;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A complete HTML document of a Markdown page (raw HTML kept as written: sanitize first). */
export async function renderPageHtml(markdown: string, title: string, lang = 'en'): Promise<string> {
  const body = String(
    await markdownProcessor()
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .process(markdown),
  );
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>${escaped}</title>\n</head>\n<body>\n<main>\n<h1>${escaped}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
}

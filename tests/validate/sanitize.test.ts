import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { DANGEROUS_ELEMENTS, isUnsafeUrl } from '../../integrations/aigc/src/validate/html-policy.ts';
import { renderPageHtml } from '../support/html-validate.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { sanitizeMarkdown } from '../../integrations/aigc/src/validate/sanitize.ts';
import { corpusContext, loadCorpus } from './corpus.ts';

const corpus = loadCorpus();
const safetyCases = corpus.filter((c) => c.findings.some((f) => f.ruleId === 'safety'));

/** What in a rendered page's body could run script: elements, on* attributes, javascript:/data: URLs. */
function scriptCapable(html: string): string[] {
  const tree = unified().use(rehypeParse).parse(html) as Root;
  let body: Element | undefined;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'body') body = node;
  });
  const found: string[] = [];
  visit(body!, 'element', (node: Element) => {
    if (DANGEROUS_ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
      if (
        ['href', 'src', 'action', 'formAction', 'srcSet', 'poster', 'data'].includes(name) &&
        isUnsafeUrl(String(value))
      )
        found.push(`${node.tagName}[${name}=${value}]`);
    }
  });
  return found;
}

/** Payloads a model (or a prompt injection through it) might produce. */
const NASTY = [
  '<IMG SRC=x OnError=alert(1) alt="A cell">',
  '<a href="jav&#x09;ascript:alert(1)">calculator</a>',
  '<a href=" javascript:alert(1)">calculator</a>',
  '<svg onload=alert(1)><circle r="4"/></svg>',
  '<scr<script>x</script>ipt>alert(1)</script>',
  '[calculator](JaVaScRiPt:alert(1))',
  '[calculator][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)><summary>More</summary>text</details>',
  '<form action="https://evil.example"><button formaction="javascript:alert(1)">Go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<div\nonclick="alert(1)">multi-line tag</div>',
  '> <script>\n> alert(1)\n> </script>',
  '- item <img src=x onerror=alert(1)>\n- <iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '![A chart](javascript:alert(1))',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">open</a>',
];

describe('sanitizeMarkdown', () => {
  it.each(safetyCases.map((c) => [c.name, c] as const))(
    '%s: nothing that can run script survives, and the removal is reported where it was',
    async (_name, testCase) => {
      const { markdown, removed } = sanitizeMarkdown(testCase.input);
      // Unsanitized, the page would carry it (MDX cases are only dangerous when compiled as MDX).
      if (!testCase.name.startsWith('mdx'))
        expect(scriptCapable(await renderPageHtml(testCase.input, 't'))).not.toEqual([]);
      expect(scriptCapable(await renderPageHtml(markdown, 't'))).toEqual([]);
      const positions = removed.map((f) => `${f.line}:${f.column}`);
      for (const expected of testCase.findings.filter((f) => f.ruleId === 'safety'))
        expect(positions).toContain(`${expected.line}:${expected.column}`);
      const after = await validateMarkdown(markdown, corpusContext(testCase));
      expect(after.filter((f) => f.ruleId === 'safety')).toEqual([]);
    },
  );

  it.each(NASTY)('payload %j: rendered page has no script-capable element or attribute', async (payload) => {
    const input = `---\ntitle: T\n---\n\n## Section\n\nBefore.\n\n${payload}\n\nAfter.\n`;
    const { markdown, removed } = sanitizeMarkdown(input);
    expect(removed.length).toBeGreaterThan(0);
    expect(scriptCapable(await renderPageHtml(markdown, 'T'))).toEqual([]);
    // Text around the payload is untouched.
    expect(markdown.startsWith('---\ntitle: T\n---\n\n## Section\n\nBefore.\n\n')).toBe(true);
    expect(markdown.endsWith('\n\nAfter.\n')).toBe(true);
  });

  it('removes an inline <script> or <style> with its content, not just its tags', () => {
    const { markdown, removed } = sanitizeMarkdown(
      "## A\n\nAbout A. <script>alert('x')</script> and <style>b{}</style> then <b>bold</b> ok.\n",
    );
    expect(markdown).toBe('## A\n\nAbout A.  and  then <b>bold</b> ok.\n');
    expect(removed.map((f) => `${f.line}:${f.column} ${f.reason}`)).toEqual([
      '3:10 Removed a <script> element and its content',
      '3:42 Removed a <style> element and its content',
    ]);
  });

  it('leaves a clean page byte for byte', () => {
    const valid = corpus.find((c) => c.name === 'valid')!;
    expect(sanitizeMarkdown(valid.input)).toEqual({ markdown: valid.input, removed: [] });
  });

  it('escapes braces and unknown tags instead of deleting prose, and keeps allowed HTML and code', () => {
    const input =
      'Files go to content/generated/<collection>/<slug>.md, costs {n} cents.\n\n<kbd>Ctrl</kbd> and `{x}` and\n\n```js\nconst a = {b: 1}; // <script>\n```\n';
    const { markdown, removed } = sanitizeMarkdown(input);
    expect(markdown).toBe(
      'Files go to content/generated/&lt;collection>/&lt;slug>.md, costs \\{n\\} cents.\n\n<kbd>Ctrl</kbd> and `{x}` and\n\n```js\nconst a = {b: 1}; // <script>\n```\n',
    );
    expect(removed.map((f) => f.ruleId)).toEqual(['raw-html', 'raw-html', 'safety']);
  });
});

/**
 * Sources and citations, end to end against the test server over real HTTP: the model gets
 * numbered excerpts; a dangling citation and a misquote go back for repair with their
 * positions; the references list is appended; an edited source makes the page's key change;
 * the offline drafter lists the sources and cites none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planArticle } from '../../integrations/aigc/src/generators/article.ts';
import { loadSources } from '../../integrations/aigc/src/generators/article/sources.ts';
import { produceOutput } from '../../integrations/aigc/src/engine/checks.ts';
import { jobKey } from '../../integrations/aigc/src/engine/key.ts';
import { parseOutline } from '../../integrations/aigc/src/outline/parse.ts';
import { createOpenAIText } from '../../integrations/aigc/src/providers/openai/text.ts';
import { createOfflineText } from '../../integrations/aigc/src/providers/offline/text.ts';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { citationRule } from '../../integrations/aigc/src/validate/citations.ts';
import { ValidationError } from '../../integrations/aigc/src/validate/page.ts';
import { chatCompletionStream, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { jobContext, options, silentLogger, tempDir } from '../reference/support.ts';

const CHAT = 'POST /v1/chat/completions';
const SOURCE_TEXT =
  '# Tea in Britain\n\nTea arrived in Britain in the seventeenth century. The habit of afternoon tea spread among the upper classes in the 1840s.\n';
let server: FakeOpenAI;
let root: string;
const cacheDir = tempDir('citations-cache');

beforeAll(async () => {
  server = await startFakeOpenAI();
  root = tempDir('citations');
  mkdirSync(join(root, 'sources'), { recursive: true });
  writeFileSync(join(root, 'sources/tea.md'), SOURCE_TEXT);
  writeFileSync(
    join(root, 'sources/kettle.html'),
    '<html><head><title>Kettles</title><script>var x = "not text";</script></head><body><p>An electric kettle boils water in about three minutes.</p></body></html>',
  );
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  silentLogger.warnings.length = 0;
});

const provider = () =>
  createOpenAIText({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'test-model', maxOutputTokens: 4000 });
const OUTLINE = () =>
  parseOutline(
    '---\ntitle: Tea\nsources:\n  - sources/tea.md\n  - sources/kettle.html\n---\n\nA short history of tea.\n\n## History\n- when tea came\n\n## Making it\n- boiling water\n',
    {
      file: 'content/outlines/articles/tea.md',
      collection: 'articles',
      slug: 'tea',
      defaultLang: 'en',
    },
  );

const GOOD =
  'Tea has a long history.\n\n## History\n\nTea arrived in Britain in the seventeenth century [1].\n\n## Making it\n\nAn electric kettle is quick [2].\n';
const DANGLING = GOOD.replace('quick [2]', 'quick [7]');
const MISQUOTE = GOOD.replace(
  'Tea arrived in Britain in the seventeenth century [1].',
  'As one history puts it, "tea arrived in Britain in the fifteenth century" [1].',
);
const QUOTED = GOOD.replace(
  'Tea arrived in Britain in the seventeenth century [1].',
  'As one history puts it, "tea arrived in Britain in the seventeenth century" [1].',
);

describe('citations', () => {
  it('gives the model numbered excerpts and sends a dangling citation back for repair, naming its line', async () => {
    server.enqueue(CHAT, chatCompletionStream(DANGLING), chatCompletionStream(GOOD));
    const result = await produceOutput(
      planArticle(OUTLINE(), options(), { root }),
      jobContext(root, cacheDir, provider()),
    );
    const calls = server.calls(CHAT);
    expect(calls).toHaveLength(2);
    const system = (calls[0]!.body.messages as { content: string }[])[0]!.content;
    expect(system).toContain('[1] Tea in Britain (sources/tea.md)');
    expect(system).toContain('[2] Kettles (sources/kettle.html)');
    expect(system).toContain('afternoon tea spread');
    expect(system).not.toContain('not text'); // the HTML source's script is no source text
    const repair = JSON.stringify(calls[1]!.body.messages);
    expect(repair).toContain('citation-dangling');
    expect(repair).toMatch(/line \d+:\d+ \[citation-dangling\] Citation \[7\] points at no source/);
    const page = String(result.data);
    expect(page).toContain('quick [2]');
    expect(page).toMatch(
      /## References\n\n1\. Tea in Britain \(`sources\/tea\.md`\)\n2\. Kettles \(`sources\/kettle\.html`\)/,
    );
    expect(result.meta?.sources).toHaveLength(2);
  });

  it('sends a misquote back, and keeps a word-for-word quotation', async () => {
    server.enqueue(CHAT, chatCompletionStream(MISQUOTE), chatCompletionStream(QUOTED));
    const result = await produceOutput(
      planArticle(OUTLINE(), options(), { root }),
      jobContext(root, cacheDir, provider()),
    );
    expect(server.calls(CHAT)).toHaveLength(2);
    expect(JSON.stringify(server.calls(CHAT)[1]!.body.messages)).toMatch(
      /\[citation-misquote\] Quotation \\"tea arrived in Britain in the fifteenth century\\" does not occur in source \[1\]/,
    );
    expect(String(result.data)).toContain('"tea arrived in Britain in the seventeenth century" [1]');
  });

  it('fails naming the citation when the repair keeps inventing one', async () => {
    server.enqueue(CHAT, chatCompletionStream(DANGLING), chatCompletionStream(DANGLING));
    const failure = produceOutput(planArticle(OUTLINE(), options(), { root }), jobContext(root, cacheDir, provider()));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(/tea\.md:\d+:\d+ {2}error {2}Citation \[7\].*\[citation-dangling\]/);
  });

  it('an edited source changes the key, so the page goes stale', () => {
    const before = jobKey(planArticle(OUTLINE(), options(), { root }), { provider: 'openai', model: 'm' }, {});
    writeFileSync(join(root, 'sources/kettle.html'), '<p>A kettle boils water in about four minutes.</p>');
    const after = jobKey(planArticle(OUTLINE(), options(), { root }), { provider: 'openai', model: 'm' }, {});
    expect(after).not.toBe(before);
  });

  it('a section with claims and no citation is a warning by default, an error when configured', async () => {
    const uncited = GOOD.replace(' [2]', '');
    const rule = citationRule(
      [
        { n: 1, title: 'T', text: SOURCE_TEXT },
        { n: 2, title: 'K', text: 'kettle' },
      ],
      { requireCitations: true },
    );
    const base = { file: 'x.md', outline: OUTLINE(), extraRules: [rule] };
    const warned = await validateMarkdown(uncited, { ...base, options: options().validation });
    expect(warned.filter((f) => f.ruleId === 'citation-missing').map((f) => [f.severity, f.line])).toEqual([
      ['warning', 7],
    ]);
    const strict = await validateMarkdown(uncited, {
      ...base,
      options: { ...options().validation, rules: { 'citation-missing': 'error' } },
    });
    expect(strict.find((f) => f.ruleId === 'citation-missing')?.severity).toBe('error');
  });

  it('fetches a URL source over HTTP once, then reads it from the cache; a failed fetch names the outline and the fix', async () => {
    server.on('GET /v1/report.html', () => ({
      type: 'raw',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><head><title>The report</title></head><body><p>Kettles got faster.</p></body></html>',
    }));
    const url = `${server.baseURL}/report.html`;
    const outline = parseOutline(`---\ntitle: R\nsources:\n  - ${url}\n---\n\n## One\n- a point\n`, {
      file: 'content/outlines/articles/r.md',
      collection: 'articles',
      slug: 'r',
      defaultLang: 'en',
    });
    const cache = tempDir('url-cache');
    const [first] = await loadSources(outline, root, cache);
    expect(first).toMatchObject({ n: 1, src: url, url, title: 'The report', text: 'Kettles got faster.' });
    const [again] = await loadSources(outline, root, cache);
    expect(again!.hash).toBe(first!.hash);
    expect(server.calls('GET /v1/report.html')).toHaveLength(1);
    const missing = parseOutline(
      `---\ntitle: R\nsources:\n  - ${server.baseURL}/gone.html\n---\n\n## One\n- a point\n`,
      { file: 'content/outlines/articles/r.md', collection: 'articles', slug: 'r', defaultLang: 'en' },
    );
    await expect(loadSources(missing, root, cache)).rejects.toThrow(
      /content\/outlines\/articles\/r\.md: source .*gone\.html answered HTTP 404\. Check the URL/,
    );
  });

  it('offline: the draft lists its sources honestly and cites none', async () => {
    const result = await produceOutput(
      planArticle(OUTLINE(), options(), { root }),
      jobContext(root, cacheDir, createOfflineText()),
    );
    const page = String(result.data);
    expect(page).toContain('has not read the 2 sources the outline lists, so it cites none of them');
    expect(page).not.toMatch(/\[\d\]/);
    expect(page).toContain('## References');
  });
});

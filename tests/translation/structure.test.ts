import { describe, expect, it } from 'vitest';
import { checkTranslation, skeletonOf } from '../../integrations/aigc/src/generators/translation/structure.ts';
import { parseGlossary } from '../../integrations/aigc/src/generators/translation/glossary.ts';
import {
  parseTranslationDocument,
  translationDocument,
} from '../../integrations/aigc/src/generators/translation/prompt.ts';

const source = `## What it is

AIGC means [AI-generated content](https://example.org/aigc) made with \`astro-aigc\`.

\`\`\`ts
const x = 1; // keep me
\`\`\`

### Diagrams

\`\`\`diagram
outline -> article
\`\`\`

See [the guide](/docs/using-astro-aigc/#install).
`;

const faithful = `## 它是什么

AIGC 指用 \`astro-aigc\` 制作的[人工智能生成内容](https://example.org/aigc)。

\`\`\`ts
const x = 1; // keep me
\`\`\`

### 图表

\`\`\`diagram
outline -> article
\`\`\`

参见[指南](/docs/using-astro-aigc/#install)。
`;

describe('translation structure check', () => {
  it('accepts a translation that keeps headings, code and links', () => {
    expect(checkTranslation(source, faithful)).toEqual([]);
  });

  it('rejects a translation that drops a code block', () => {
    const dropped = faithful.replace(/```diagram\noutline -> article\n```\n/, '');
    const findings = checkTranslation(source, dropped);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/code blocks: the source has 2, the translation 1/);
  });

  it('rejects a code block translated inside, even by one character', () => {
    const changed = faithful.replace('// keep me', '// 保留我');
    expect(checkTranslation(source, changed)).toEqual([expect.stringMatching(/code block 1 was changed/)]);
  });

  it('rejects a changed link target and names it', () => {
    const changed = faithful.replace('https://example.org/aigc', 'https://example.org/zh/aigc');
    const [finding] = checkTranslation(source, changed);
    expect(finding).toMatch(/missing: https:\/\/example.org\/aigc/);
    expect(finding).toMatch(/not in the source: https:\/\/example.org\/zh\/aigc/);
  });

  it('rejects a dropped heading and a changed heading level', () => {
    expect(checkTranslation(source, faithful.replace('### 图表\n', ''))[0]).toMatch(
      /headings: the source has 2, the translation 1/,
    );
    expect(checkTranslation(source, faithful.replace('### 图表', '## 图表'))[0]).toMatch(/levels differ/);
  });

  it('rejects changed inline code and a translated glossary term', () => {
    const glossary = parseGlossary('keep: [AIGC]\n');
    const bad = faithful.replace('`astro-aigc`', '`astro-人工智能`').replace('AIGC 指', '人工智能内容指');
    const findings = checkTranslation(source, bad, glossary);
    expect(findings).toContainEqual(expect.stringMatching(/inline code changed or missing: `astro-aigc`/));
    expect(findings).toContainEqual('glossary: "AIGC" must stay as written (it is in the keep list).');
  });

  it('reads link targets from reference definitions too', () => {
    expect(skeletonOf('[a][x]\n\n[x]: https://example.org/x\n').links).toEqual(['https://example.org/x']);
  });
});

describe('translation document', () => {
  it('round-trips title, description and body, and tolerates a wrapping fence', () => {
    const doc = translationDocument({ title: 'Hello', description: 'A page.', body: '## A\n\nText.' });
    expect(doc).toBe('# Hello\n\n> A page.\n\n## A\n\nText.\n');
    expect(parseTranslationDocument('```markdown\n# 你好\n\n> 一页。\n\n## 甲\n\n正文。\n```', true)).toEqual({
      title: '你好',
      description: '一页。',
      body: '## 甲\n\n正文。',
    });
  });

  it('refuses an answer without the title heading or the description quote', () => {
    expect(parseTranslationDocument('## 甲\n\n正文。', false)).toBeUndefined();
    expect(parseTranslationDocument('# 你好\n\n## 甲', true)).toBeUndefined();
  });
});

describe('glossary file', () => {
  it('names the fix for a malformed keep list', () => {
    expect(() => parseGlossary('keep: AIGC\n')).toThrow(/`keep` must be a list of terms/);
    expect(() => parseGlossary('keep:\n  - AIGC\n terms: {\n', 'content/glossary.yml')).toThrow(
      /^content\/glossary\.yml:\d+:\d+: .*\n  fix: write valid YAML/,
    );
  });
});

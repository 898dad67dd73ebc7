import { describe, expect, it } from 'vitest';
import { validateMarkdown } from '../../integrations/aigc/src/validate/pipeline.ts';
import { ValidationOptionsSchema } from '../../integrations/aigc/src/validate/options.ts';
import { corpusContext, key, loadCorpus } from './corpus.ts';

const corpus = loadCorpus();

describe('validation corpus', () => {
  it('has at least 30 bad generations and a valid page', () => {
    expect(corpus.filter((c) => c.findings.length > 0).length).toBeGreaterThanOrEqual(30);
    expect(corpus.find((c) => c.name === 'valid')?.findings).toEqual([]);
  });

  it.each(corpus.map((c) => [c.name, c] as const))(
    '%s: caught by the right rule at the right position, nothing else',
    async (_name, testCase) => {
      const findings = await validateMarkdown(testCase.input, corpusContext(testCase));
      // Exactly the expected findings: the right rule, the right place, no false alarms.
      expect(findings.map(key).sort()).toEqual(testCase.findings.map(key).sort());
      for (const finding of findings) {
        expect(finding.reason.length).toBeGreaterThan(10);
        expect(finding.fix.length).toBeGreaterThan(10);
      }
    },
  );

  it('applies per-rule severity from the options: off drops a rule, warning downgrades it', async () => {
    const testCase = corpus.find((c) => c.name === 'broken-own-anchor')!;
    const context = corpusContext(testCase);
    const off = await validateMarkdown(testCase.input, {
      ...context,
      options: ValidationOptionsSchema.parse({ rules: { links: 'off' } }),
    });
    expect(off).toEqual([]);
    const warn = await validateMarkdown(testCase.input, {
      ...context,
      options: ValidationOptionsSchema.parse({ rules: { links: 'warning' } }),
    });
    expect(warn.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['links warning']);
  });

  it('runs extra rules and reports their messages like the built-in ones', async () => {
    const testCase = corpus.find((c) => c.name === 'valid')!;
    const { report } = await import('../../integrations/aigc/src/validate/report.ts');
    const findings = await validateMarkdown(testCase.input, {
      ...corpusContext(testCase),
      extraRules: [
        (tree, file) => {
          const heading = tree.children.find((node) => node.type === 'heading');
          report(file, {
            ruleId: 'api-symbols',
            severity: 'error',
            place: heading?.position?.start,
            reason: 'Symbol nope() is not exported',
            fix: 'Use an exported symbol.',
          });
        },
        () => {
          throw new Error('boom');
        },
      ],
    });
    expect(findings.map(key)).toEqual(['error internal 1:1', 'error api-symbols 6:1']);
  });
});

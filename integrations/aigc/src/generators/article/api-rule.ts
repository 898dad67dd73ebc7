import type { ApiModel } from '../reference/model.ts';
import { checkAgainstApi } from '../reference/guide.ts';
import type { Rule } from '../../validate/context.ts';
import { report } from '../../validate/report.ts';

/**
 * The reference checks (`api-symbol`, `typescript`) as a validation rule, so a guide that
 * names a `source` is held to the extracted API in the same pipeline and repair loop.
 */
export function apiRule(api: ApiModel, root: string): Rule {
  return async (_tree, file) => {
    for (const finding of await checkAgainstApi(String(file.value), api, root)) {
      report(file, {
        ruleId: finding.ruleId,
        severity: finding.severity,
        place: { line: finding.line, column: finding.column },
        reason: finding.reason,
        fix: finding.fix,
      });
    }
  };
}

/**
 * Write, check, repair: a bounded loop around a text provider. Findings go back to the
 * model with the offending lines; the loop stops after `rounds` repairs, or early when a
 * repair does not reduce the errors. The best attempt (fewest errors) is returned with
 * what is still wrong, and the caller decides to fail or publish a draft.
 */
import type { Finding } from '../../validate/finding.ts';
import type { ChatMessage, TextBrief, TextProvider, Usage } from '../../providers/types.ts';
import type { Outline } from '../../outline/types.ts';

export interface CheckedWriteRequest {
  provider: TextProvider;
  messages: ChatMessage[];
  brief: TextBrief;
  outline: Outline;
  /** Findings of one attempt; only `error`s count. */
  check(text: string): Promise<Finding[]>;
  /** Repair rounds after the first attempt. */
  rounds: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface CheckedWrite {
  text: string;
  /** Errors still in `text` (empty when it passed). */
  findings: Finding[];
  /** Repair rounds used. */
  repairs: number;
  usage: Usage;
  model: string;
}

/** `line:column [rule] reason — fix`, one line per finding, as the model and the logs see it. */
export function describeFinding(finding: Finding): string {
  return `${finding.line}:${finding.column} [${finding.ruleId}] ${finding.reason} — ${finding.fix}`;
}

/** The findings with the numbered lines they point at (±1 line of context). */
export function repairPrompt(text: string, findings: Finding[]): string {
  const lines = text.split('\n');
  const shown = findings.slice(0, 20).map((finding) => {
    const from = Math.max(1, finding.line - 1);
    const to = Math.min(lines.length, finding.line + 1);
    const excerpt = [];
    for (let n = from; n <= to; n++) excerpt.push(`${String(n).padStart(4)} | ${lines[n - 1]}`);
    return `- ${describeFinding(finding)}\n${excerpt.join('\n')}`;
  });
  return [
    'Your text has these problems (line:column in your text):',
    '',
    ...shown,
    '',
    'Answer with the whole corrected text, changing only what fixes these problems. Name only API from the list you were given; every TypeScript example must compile against the package.',
  ].join('\n');
}

export async function writeChecked(request: CheckedWriteRequest): Promise<CheckedWrite> {
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const ask = async (messages: ChatMessage[], brief: TextBrief) => {
    const result = await request.provider.generate({
      messages,
      brief,
      ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    return result;
  };
  const errorsOf = async (text: string) => (await request.check(text)).filter((f) => f.severity === 'error');

  const first = await ask(request.messages, request.brief);
  let best = { text: first.text.trim(), findings: await errorsOf(first.text.trim()), model: first.model };
  let repairs = 0;
  while (best.findings.length > 0 && repairs < request.rounds) {
    repairs++;
    const messages: ChatMessage[] = [
      ...request.messages,
      { role: 'assistant', content: best.text },
      { role: 'user', content: repairPrompt(best.text, best.findings) },
    ];
    const brief: TextBrief = { task: 'repair', outline: request.outline, text: best.text, findings: best.findings.map(describeFinding) };
    const answer = await ask(messages, brief);
    const text = answer.text.trim();
    const findings = await errorsOf(text);
    if (findings.length >= best.findings.length) break; // no progress: keep the better attempt
    best = { text, findings, model: answer.model };
  }
  return { text: best.text, findings: best.findings, repairs, usage, model: best.model };
}

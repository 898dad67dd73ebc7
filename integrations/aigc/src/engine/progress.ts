import type { RunMeter } from './meter.ts';
import type { JobOutcome, Logger } from './types.ts';

/** Progress lines while a run works: done/total, calls, tokens, cost, time left. */
export class Progress {
  private finished = 0;
  private generated = 0;
  private readonly started = Date.now();
  private readonly total: number;
  private readonly logger: Logger;
  private readonly totals: RunMeter;

  private readonly knownWaitMs: () => number;

  /** `knownWaitMs`: waiting still ahead that the run knows of (rate limits, Retry-After). */
  constructor(total: number, logger: Logger, totals: RunMeter, knownWaitMs: () => number = () => 0) {
    this.total = total;
    this.logger = logger;
    this.totals = totals;
    this.knownWaitMs = knownWaitMs;
  }

  done(outcome: JobOutcome): void {
    this.finished++;
    if (outcome.action === 'generated') this.generated++;
    const tokens = this.totals.usage.inputTokens + this.totals.usage.outputTokens;
    const stats = `${this.finished}/${this.total} · ${this.totals.calls} calls · ${formatTokens(tokens)} tokens · $${this.totals.costUsd.toFixed(4)}${this.eta()}`;
    switch (outcome.action) {
      case 'generated':
        this.logger.info(`generated ${outcome.path} [${stats}]`);
        break;
      case 'kept-edit':
        this.logger.warn(
          `${outcome.state === 'edited-stale' ? 'edited and stale' : 'edited'}: ${outcome.path} was changed by hand; kept (aigc generate --force ${outcome.path} to replace it)`,
        );
        break;
      case 'declined':
        this.logger.info(`not made: ${outcome.path}: ${outcome.error?.message ?? 'declined'}`);
        break;
      case 'failed':
      case 'skipped':
        this.logger.error(`${outcome.path}: ${outcome.error?.message ?? outcome.action}`);
        break;
      default:
        this.logger.debug(`${outcome.action} ${outcome.path} [${stats}]`);
    }
  }

  private eta(): string {
    if (this.generated === 0 || this.finished >= this.total) return '';
    const elapsed = (Date.now() - this.started) / 1000;
    // Work left at the pace so far, plus the waits we know are coming (a 54 s rate-limit wait is not "~2 s").
    const left = (elapsed / this.finished) * (this.total - this.finished) + this.knownWaitMs() / 1000;
    return ` · ~${Math.ceil(left)} s left`;
  }
}

function formatTokens(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

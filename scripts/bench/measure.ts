/** What every benchmark area shares: its result rows and how a time is taken. */

/** One figure of the benchmark. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note: string;
}

/** Median wall time in milliseconds of `runs` calls of `run`, after `warmup` untimed ones. */
export async function medianMs(run: () => Promise<unknown>, runs: number, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Two decimals: enough for a figure read by people. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

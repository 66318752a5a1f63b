/** Small statistics and reporting helpers shared by the bench scripts. */
import { Presets, SingleBar } from 'cli-progress';

/** The q-quantile of the values (nearest rank), 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** One checked target: its label, the measured ratio (or value) and whether it holds. */
export interface Verdict {
  label: string;
  ok: boolean;
  detail: string;
}

export function ratioVerdict(label: string, ours: number, base: number, limit: number): Verdict {
  const ratio = ours / base;
  return {
    label,
    ok: ratio <= limit,
    detail: `${ratio.toFixed(2)}x (target <= ${limit}x)`,
  };
}

/** Prints every verdict and sets a non-zero exit code when one is missed. */
export function conclude(verdicts: Verdict[]): void {
  for (const v of verdicts) console.log(`${v.ok ? 'ok    ' : 'MISSED'} ${v.label}: ${v.detail}`);
  const missed = verdicts.filter((v) => !v.ok);
  if (missed.length > 0) {
    console.error(`MISSED: ${missed.map((v) => v.label).join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('all targets met');
  }
}

/** A progress bar on stderr, so stdout keeps only the figures. */
export function progressBar(label: string, total: number): { increment(by?: number): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}

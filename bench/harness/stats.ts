/*
 * Pure statistics, kept free of I/O so the unit tests can pin them down exactly.
 */

export interface Summary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Completed operations per second of wall-clock time (not per unit of latency: concurrency counts). */
  throughput: number;
}

/**
 * Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it.
 * Unlike interpolation it always reports a latency that was actually observed.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** The middle sample, or the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('mean of no samples');
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

export function summarize(samplesMs: readonly number[], wallMs: number): Summary {
  if (!(wallMs > 0)) throw new Error(`wall time must be positive, got ${wallMs}`);
  return {
    count: samplesMs.length,
    p50Ms: percentile(samplesMs, 50),
    p99Ms: percentile(samplesMs, 99),
    meanMs: mean(samplesMs),
    throughput: samplesMs.length / (wallMs / 1000),
  };
}

/** value ÷ baseline, or null when the baseline cannot divide (zero, negative, not finite). */
export function ratio(value: number, baseline: number): number | null {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return null;
  return value / baseline;
}

/** Rounds for the JSON file: sub-microsecond digits are noise on a loopback benchmark. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function roundOrNull(value: number | null, digits = 3): number | null {
  return value === null ? null : round(value, digits);
}

import type { LoopSettings } from './timing';

export const DEFAULT_SETTINGS: LoopSettings = { iterations: 300, warmup: 30, concurrency: 4 };

/** Upper bounds so a typo in an environment variable cannot turn the bench into an endless run. */
const LIMITS = { iterations: 100_000, warmup: 10_000, concurrency: 256 };

function positiveInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

/**
 * BENCH_ITERATIONS, BENCH_CONCURRENCY and BENCH_WARMUP override the defaults. Without
 * BENCH_WARMUP the warm-up is a tenth of the measured iterations (at least one).
 */
export function settingsFromEnv(env: Record<string, string | undefined>): LoopSettings {
  const iterations = positiveInteger('BENCH_ITERATIONS', env.BENCH_ITERATIONS, DEFAULT_SETTINGS.iterations, 1, LIMITS.iterations);
  const concurrency = positiveInteger('BENCH_CONCURRENCY', env.BENCH_CONCURRENCY, DEFAULT_SETTINGS.concurrency, 1, LIMITS.concurrency);
  const warmup = positiveInteger('BENCH_WARMUP', env.BENCH_WARMUP, Math.max(1, Math.round(iterations / 10)), 0, LIMITS.warmup);
  return { iterations, warmup, concurrency };
}

/** BENCH_SCENARIOS=health,other runs only those; unset runs all. */
export function scenarioFilterFromEnv(env: Record<string, string | undefined>): string[] | undefined {
  const names = env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return names?.length ? names : undefined;
}

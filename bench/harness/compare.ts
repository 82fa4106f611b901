import { add, difference, perOp, type DdbMeter, type MeterSnapshot, type PerOp } from './ddb-meter';
import { ratio, round, roundOrNull, type Summary } from './stats';
import { measureAlternating, type LoopSettings } from './timing';
import type { BenchRow, Comparison, ComparisonDetail } from './types';

/** Pure: puts an operation's and its baseline's summaries side by side, as ratios. */
export function toRow(scenario: string, operation: string, baseline: string, op: Summary, base: Summary, ddb: PerOp): BenchRow {
  return {
    scenario,
    operation,
    baseline,
    p50Ms: round(op.p50Ms),
    p99Ms: round(op.p99Ms),
    throughput: round(op.throughput, 1),
    baselineP50Ms: round(base.p50Ms),
    baselineP99Ms: round(base.p99Ms),
    baselineThroughput: round(base.throughput, 1),
    // Ratios from unrounded figures, so rounding does not compound.
    p50Ratio: roundOrNull(ratio(op.p50Ms, base.p50Ms)),
    p99Ratio: roundOrNull(ratio(op.p99Ms, base.p99Ms)),
    throughputRatio: roundOrNull(ratio(op.throughput, base.throughput)),
    ddbCallsPerOp: round(ddb.ddbCallsPerOp),
    readUnitsPerOp: roundOrNull(ddb.readUnitsPerOp),
    writeUnitsPerOp: roundOrNull(ddb.writeUnitsPerOp),
  };
}

export interface CompareOutcome extends ComparisonDetail {
  /** Eligible DynamoDB calls in the operation's window that reported no ConsumedCapacity. */
  unreported: number;
}

/** The run's settings with a comparison's own overrides; an override left undefined keeps the run's. */
export function withOverrides(settings: LoopSettings, overrides: Partial<LoopSettings> | undefined): LoopSettings {
  const merged = { ...settings };
  for (const key of ['iterations', 'warmup', 'concurrency'] as const) {
    const value = overrides?.[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

const EMPTY: MeterSnapshot = { calls: 0, eligible: 0, reported: 0, readUnits: 0, writeUnits: 0 };

/** Measured iterations are split into this many alternating baseline/operation rounds. */
export const ROUNDS = 5;

/**
 * Baseline and operation alternate in rounds, never overlapping, so neither slows the other.
 * The meter is read around the operation's chunks only, so its window holds the operation's
 * measured calls and nothing from warm-up or the baseline. Background calls that the
 * comparison's excludeCalls filter selects are subtracted from that window and returned apart.
 */
export async function compare(scenario: string, comparison: Comparison, runSettings: LoopSettings, meter: DdbMeter): Promise<CompareOutcome> {
  const settings = withOverrides(runSettings, comparison.settings);
  // Calls the filter selects are counted on the side and taken out of the operation's window.
  const background = comparison.excludeCalls ? meter.track(comparison.excludeCalls) : undefined;
  const backgroundSnapshot = () => background?.snapshot() ?? EMPTY;
  let window: MeterSnapshot = EMPTY;
  let excluded: MeterSnapshot = EMPTY;
  let before = meter.snapshot();
  let backgroundBefore = backgroundSnapshot();
  try {
    const [base, op] = await measureAlternating(
      [
        { op: () => comparison.baseline.run() },
        {
          op: () => comparison.operation.run(),
          before: () => {
            before = meter.snapshot();
            backgroundBefore = backgroundSnapshot();
          },
          after: () => {
            const chunkExcluded = difference(backgroundSnapshot(), backgroundBefore);
            window = add(window, difference(difference(meter.snapshot(), before), chunkExcluded));
            excluded = add(excluded, chunkExcluded);
          },
        },
      ],
      settings,
      ROUNDS,
    );
    const ddb = perOp(window, settings.iterations);
    const row = toRow(scenario, comparison.operation.name, comparison.baseline.name, op!, base!, ddb);
    return { row, operation: op!, baseline: base!, ddb, excluded, settings, unreported: ddb.unreported };
  } finally {
    background?.stop();
  }
}

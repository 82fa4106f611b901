import { add, difference, perOp, type DdbMeter, type MeterSnapshot, type PerOp } from './ddb-meter';
import { ratio, round, roundOrNull, type Summary } from './stats';
import { measureAlternating, type LoopSettings } from './timing';
import type { BenchRow, Comparison } from './types';

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

export interface CompareOutcome {
  row: BenchRow;
  /** Eligible DynamoDB calls in the operation's window that reported no ConsumedCapacity. */
  unreported: number;
}

/** Measured iterations are split into this many alternating baseline/operation rounds. */
export const ROUNDS = 5;

/**
 * Baseline and operation alternate in rounds, never overlapping, so neither slows the other.
 * The meter is read around the operation's chunks only, so its window holds the operation's
 * measured calls and nothing from warm-up or the baseline.
 */
export async function compare(scenario: string, comparison: Comparison, settings: LoopSettings, meter: DdbMeter): Promise<CompareOutcome> {
  let window: MeterSnapshot = { calls: 0, eligible: 0, reported: 0, readUnits: 0, writeUnits: 0 };
  let before = meter.snapshot();
  const [base, op] = await measureAlternating(
    [
      { op: () => comparison.baseline.run() },
      {
        op: () => comparison.operation.run(),
        before: () => (before = meter.snapshot()),
        after: () => (window = add(window, difference(meter.snapshot(), before))),
      },
    ],
    settings,
    ROUNDS,
  );
  const ddb = perOp(window, settings.iterations);
  return { row: toRow(scenario, comparison.operation.name, comparison.baseline.name, op!, base!, ddb), unreported: ddb.unreported };
}

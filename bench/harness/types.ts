import type { DdbMeter } from './ddb-meter';
import type { LoopSettings } from './timing';

/** One line of the report: an operation measured against a baseline taken in the same run. */
export interface BenchRow {
  scenario: string;
  operation: string;
  baseline: string;
  p50Ms: number;
  p99Ms: number;
  throughput: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  baselineThroughput: number;
  /** Operation ÷ baseline: above 1 means the operation is slower (latency) or faster (throughput). */
  p50Ratio: number | null;
  p99Ratio: number | null;
  throughputRatio: number | null;
  ddbCallsPerOp: number;
  /** null when DynamoDB returned no ConsumedCapacity for some of the calls: we never estimate. */
  readUnitsPerOp: number | null;
  writeUnitsPerOp: number | null;
}

/** A named async operation; it throws when its answer is wrong, which fails the run. */
export interface Operation {
  name: string;
  run(): Promise<void>;
}

export interface Comparison {
  operation: Operation;
  baseline: Operation;
}

export interface ScenarioContext {
  /** Base URL of the local runtime's HTTP API (loopback). */
  url: string;
  settings: LoopSettings;
  meter: DdbMeter;
  /** Measures the baseline, then the operation with the DynamoDB meter on, and returns the row. */
  compare(comparison: Comparison): Promise<BenchRow>;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<BenchRow[]>;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  environment: { node: string; platform: string; arch: string; cpus: number };
  settings: LoopSettings;
  scenarios: { name: string; description: string }[];
  rows: BenchRow[];
  notes: string[];
}

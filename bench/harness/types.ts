import type { CallFilter, DdbMeter, MeterSnapshot, PerOp } from './ddb-meter';
import type { Summary } from './stats';
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

/**
 * A figure that is not a latency loop (a bundle size, an import time, a per-item cost, a
 * background write), next to the same figure of a baseline when there is one.
 */
export interface FigureRow {
  kind: 'figure';
  scenario: string;
  /** What is measured, e.g. 'bundle size'. */
  figure: string;
  operation: string;
  /** null when it could not be measured; `note` then says why. */
  value: number | null;
  unit: string;
  baseline: string | null;
  baselineValue: number | null;
  /** value ÷ baselineValue, from unrounded figures; null without a usable baseline. */
  ratio: number | null;
  /** How the figure was obtained, or why it is missing. */
  note?: string;
}

/** A named async operation; it throws when its answer is wrong, which fails the run. */
export interface Operation {
  name: string;
  run(): Promise<void>;
}

export interface Comparison {
  operation: Operation;
  baseline: Operation;
  /** Loop settings for this comparison only, e.g. a few sequential runs of a heavy operation. */
  settings?: Partial<LoopSettings>;
  /**
   * Calls that are not the operation's own but land in its metered window (a background
   * consumer's writes): left out of its row, and reported in ComparisonDetail.excluded.
   */
  excludeCalls?: CallFilter;
}

/** A comparison's row with the unrounded figures behind it, to derive per-item figures from. */
export interface ComparisonDetail {
  row: BenchRow;
  operation: Summary;
  baseline: Summary;
  /** The operation's DynamoDB figures per operation, unrounded, excluded calls left out. */
  ddb: PerOp;
  /** What excludeCalls took out of the operation's windows (all zero without a filter). */
  excluded: MeterSnapshot;
  /** The settings the comparison ran with (the run's, with Comparison.settings applied). */
  settings: LoopSettings;
}

export interface ScenarioContext {
  /** Base URL of the local runtime's HTTP API (loopback). */
  url: string;
  settings: LoopSettings;
  meter: DdbMeter;
  /** Measures the baseline, then the operation with the DynamoDB meter on, and returns the row. */
  compare(comparison: Comparison): Promise<BenchRow>;
  /** The same, also returning the unrounded summaries and DynamoDB figures. */
  compareInDetail(comparison: Comparison): Promise<ComparisonDetail>;
  /** Adds a footnote to the report, prefixed with the scenario's name. */
  note(text: string): void;
  /**
   * Stops the runtime's DynamoDB stream consumers (the PDF renderer) for the REST OF THE RUN.
   * In AWS they run in their own Lambda containers; in this process they would take the CPU
   * from the requests being measured. Their backlog is dropped with the in-memory runtime.
   */
  stopStreamConsumers(): Promise<void>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Latency rows (BenchRow) and other figures (FigureRow, kind 'figure'), in report order. */
  run(ctx: ScenarioContext): Promise<(BenchRow | FigureRow)[]>;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  environment: { node: string; platform: string; arch: string; cpus: number };
  settings: LoopSettings;
  scenarios: { name: string; description: string }[];
  rows: BenchRow[];
  /** Figures that are not latency loops (second table of the report). */
  figures: FigureRow[];
  notes: string[];
}

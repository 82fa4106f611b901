import { ratio, roundOrNull } from './stats';
import type { BenchRow, FigureRow } from './types';

/*
 * Figures that are not a latency loop: bundle sizes, import times, per-item throughput and
 * DynamoDB cost, background writes. Pure, so the unit tests pin down ratios and formatting.
 */

export interface FigureInput {
  scenario: string;
  figure: string;
  operation: string;
  value: number | null;
  unit: string;
  baseline?: { name: string; value: number | null };
  note?: string;
}

/** Rounds for the JSON file and takes the ratio from the unrounded values. */
export function figureRow(input: FigureInput): FigureRow {
  const { scenario, figure, operation, value, unit, baseline, note } = input;
  return {
    kind: 'figure',
    scenario,
    figure,
    operation,
    value: roundOrNull(value, 4),
    unit,
    baseline: baseline?.name ?? null,
    baselineValue: baseline ? roundOrNull(baseline.value, 4) : null,
    ratio: baseline && value !== null && baseline.value !== null ? roundOrNull(ratio(value, baseline.value)) : null,
    ...(note ? { note } : {}),
  };
}

export function isFigure(row: BenchRow | FigureRow): row is FigureRow {
  return (row as Partial<FigureRow>).kind === 'figure';
}

/** Thousands separated by commas, independent of the machine's locale. */
export function groupThousands(integer: number): string {
  const sign = integer < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(integer))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes as whole numbers; anything else with fewer decimals the larger it is. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'B') return `${groupThousands(value)} B`;
  const size = Math.abs(value);
  const digits = size >= 100 ? 1 : size >= 1 ? 2 : 3;
  return unit ? `${value.toFixed(digits)} ${unit}` : value.toFixed(digits);
}

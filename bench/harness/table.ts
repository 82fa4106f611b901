import { formatValue } from './figures';
import type { BenchResult, BenchRow, FigureRow } from './types';

export type Align = 'left' | 'right';

/** Pads every cell to its column's widest; text left, numbers right, two spaces between. */
export function alignColumns(header: readonly string[], body: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const rows = [header, ...body];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, c) => (align[c] === 'right' ? (cells[c] ?? '').padStart(w) : (cells[c] ?? '').padEnd(w)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)];
}

export const MISSING = 'n/a';

export function fixed(value: number | null, digits: number): string {
  return value === null ? MISSING : value.toFixed(digits);
}

export function times(value: number | null): string {
  return value === null ? MISSING : `${value.toFixed(2)}x`;
}

const COLUMNS: { title: string; align: Align; cell: (r: BenchRow) => string }[] = [
  { title: 'scenario', align: 'left', cell: (r) => r.scenario },
  { title: 'operation', align: 'left', cell: (r) => r.operation },
  { title: 'baseline', align: 'left', cell: (r) => r.baseline },
  { title: 'p50 ms', align: 'right', cell: (r) => fixed(r.p50Ms, 2) },
  { title: 'p99 ms', align: 'right', cell: (r) => fixed(r.p99Ms, 2) },
  { title: 'ops/s', align: 'right', cell: (r) => fixed(r.throughput, 0) },
  { title: 'base p50', align: 'right', cell: (r) => fixed(r.baselineP50Ms, 2) },
  { title: 'base p99', align: 'right', cell: (r) => fixed(r.baselineP99Ms, 2) },
  { title: 'base ops/s', align: 'right', cell: (r) => fixed(r.baselineThroughput, 0) },
  { title: 'p50 ratio', align: 'right', cell: (r) => times(r.p50Ratio) },
  { title: 'p99 ratio', align: 'right', cell: (r) => times(r.p99Ratio) },
  { title: 'ops/s ratio', align: 'right', cell: (r) => times(r.throughputRatio) },
  { title: 'ddb calls/op', align: 'right', cell: (r) => fixed(r.ddbCallsPerOp, 2) },
  { title: 'RCU/op', align: 'right', cell: (r) => fixed(r.readUnitsPerOp, 2) },
  { title: 'WCU/op', align: 'right', cell: (r) => fixed(r.writeUnitsPerOp, 2) },
];

export function formatRows(rows: readonly BenchRow[]): string[] {
  return alignColumns(
    COLUMNS.map((c) => c.title),
    rows.map((r) => COLUMNS.map((c) => c.cell(r))),
    COLUMNS.map((c) => c.align),
  );
}

const FIGURE_COLUMNS: { title: string; align: Align; cell: (r: FigureRow) => string }[] = [
  { title: 'scenario', align: 'left', cell: (r) => r.scenario },
  { title: 'figure', align: 'left', cell: (r) => r.figure },
  { title: 'operation', align: 'left', cell: (r) => r.operation },
  { title: 'value', align: 'right', cell: (r) => formatValue(r.value, r.unit) },
  { title: 'baseline', align: 'left', cell: (r) => r.baseline ?? '-' },
  { title: 'base value', align: 'right', cell: (r) => (r.baseline === null ? '-' : formatValue(r.baselineValue, r.unit)) },
  { title: 'ratio', align: 'right', cell: (r) => (r.baseline === null ? '-' : times(r.ratio)) },
  { title: 'note', align: 'left', cell: (r) => r.note ?? '' },
];

export function formatFigures(rows: readonly FigureRow[]): string[] {
  return alignColumns(
    FIGURE_COLUMNS.map((c) => c.title),
    rows.map((r) => FIGURE_COLUMNS.map((c) => c.cell(r))),
    FIGURE_COLUMNS.map((c) => c.align),
  );
}

/** The whole report: settings, the aligned tables (latency rows, then other figures), then footnotes. */
export function formatReport(result: BenchResult): string {
  const { iterations, warmup, concurrency } = result.settings;
  const { figures } = result;
  return [
    `Benchmark ${result.startedAt}  (${iterations} measured + ${warmup} warm-up iterations, concurrency ${concurrency}, Node ${result.environment.node}, ${result.environment.cpus} CPUs)`,
    '',
    // A run of figure-only scenarios has no latency table.
    ...(result.rows.length || !figures.length ? formatRows(result.rows) : []),
    ...(figures.length ? [...(result.rows.length ? [''] : []), ...formatFigures(figures)] : []),
    '',
    'Ratios are operation / baseline from the same run: latency ratio > 1 is slower, ops/s ratio < 1 is fewer operations per second.',
    ...result.notes.map((n) => `* ${n}`),
  ].join('\n');
}

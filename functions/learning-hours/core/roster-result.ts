import { toCsv } from './csv';
import { noCounts, type RosterCounts } from './roster-upload';

export interface RowResult {
  line: number;
  recordId?: string;
  status: keyof RosterCounts;
  errors?: { path: string; message: string }[];
}

/**
 * The downloadable answer to a roster: one row per data row, by its line in the file, with
 * status and errors named by column — what an institution needs to fix and re-upload.
 */
export function rosterResultCsv(rows: RowResult[]): string {
  const header = ['line / 行号', 'recordId / 记录编号', 'status / 结果', 'errors / 错误'];
  return toCsv([header, ...rows.map((r) => [r.line, r.recordId ?? '', r.status, (r.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ')])]);
}

export function countRows(rows: RowResult[]): RosterCounts {
  const counts = noCounts();
  for (const row of rows) counts[row.status]++;
  return counts;
}

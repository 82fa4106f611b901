import * as z from 'zod';
import type { Category } from './records';

/*
 * The record lists of a compliance answer (`records` and `voidedRecords`, per year) come in
 * pages: the totals are judged over every record of the period, but a person-year of up to
 * MAX_RECORDS_PER_PERSON_YEAR records over a ten-year window would otherwise make an answer of
 * several megabytes (Lambda answers at most 6 MB). A page is the next `limit` entries of one
 * fixed order — year, then active before voided, then the crediting order (day, professional
 * before public, institution, record) — and `nextCursor` names the last entry returned. The
 * order is total, so every stored record appears on exactly one page, and a record posted
 * between two pages lands before or after the cursor without shifting the others.
 */
export const DEFAULT_RECORDS_PAGE = 100;
export const MAX_RECORDS_PAGE = 500;
const MAX_CURSOR_LENGTH = 400;

export interface ListedRecord {
  recordId: string;
  institutionId: string;
  completedOn: string;
  course: { category: Category };
}

export interface YearLists<R extends ListedRecord> {
  year: number;
  records: R[];
  voidedRecords: R[];
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** [year, 0 active | 1 voided, completedOn, 0 professional | 1 public, institutionId, recordId] */
type Position = [number, 0 | 1, string, 0 | 1, string, string];

const position = z.tuple([z.int(), z.union([z.literal(0), z.literal(1)]), z.string().max(10), z.union([z.literal(0), z.literal(1)]), z.string().max(64), z.string().max(64)]);
/** `p` ties a cursor to the period it was issued for (a year, or fromYear-toYear). */
const payload = z.strictObject({ v: z.literal(1), p: z.string().regex(/^\d{4}(-\d{4})?$/), after: position });

const positionOf = (year: number, section: 0 | 1, r: ListedRecord): Position => [year, section, r.completedOn, r.course.category === 'PROFESSIONAL' ? 0 : 1, r.institutionId, r.recordId];

function compare(a: Position, b: Position): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

export function encodeRecordsCursor(period: string, after: Position): string {
  return Buffer.from(JSON.stringify({ v: 1, p: period, after })).toString('base64url');
}

export type RecordsCursorProblem = 'malformed' | 'other-period';

export function decodeRecordsCursor(cursor: string, period: string): { ok: true; after: Position } | { ok: false; problem: RecordsCursorProblem } {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false, problem: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  if (parsed.data.p !== period) return { ok: false, problem: 'other-period' };
  return { ok: true, after: parsed.data.after as Position };
}

/**
 * One page of the years' record lists: each year keeps its figures and lists only its entries
 * on this page (possibly none); `nextCursor` is present when entries remain after it.
 */
export function pageOfRecords<R extends ListedRecord, Y extends YearLists<R>>(
  years: readonly Y[],
  period: string,
  request: PageRequest,
): { ok: true; years: Y[]; nextCursor?: string } | { ok: false; problem: RecordsCursorProblem } {
  let after: Position | undefined;
  if (request.cursor !== undefined) {
    const decoded = decodeRecordsCursor(request.cursor, period);
    if (!decoded.ok) return decoded;
    after = decoded.after;
  }
  const limit = Math.min(Math.max(1, Math.floor(request.limit ?? DEFAULT_RECORDS_PAGE)), MAX_RECORDS_PAGE);
  let taken = 0;
  let last: Position | undefined;
  let more = false;
  const paged = years.map((y) => {
    const section = (records: R[], which: 0 | 1) => {
      const listed = records.map((r) => ({ r, at: positionOf(y.year, which, r) })).sort((a, b) => compare(a.at, b.at));
      const page: R[] = [];
      for (const { r, at } of listed) {
        if (after && compare(at, after) <= 0) continue;
        if (taken === limit) {
          more = true;
          break;
        }
        page.push(r);
        taken++;
        last = at;
      }
      return page;
    };
    return { ...y, records: section(y.records, 0), voidedRecords: section(y.voidedRecords, 1) };
  });
  return { ok: true, years: paged, ...(more && last ? { nextCursor: encodeRecordsCursor(period, last) } : {}) };
}

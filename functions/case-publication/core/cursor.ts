import { createHash } from 'node:crypto';
import * as z from 'zod';

/*
 * The `cursor` of GET /public/cases: base64url JSON naming where the previous page stopped in
 * the newest-first order. It only ever holds a position (`<publishedAt>#<id>`, checked by
 * pattern) and a fingerprint of the filters and query it was issued for; the server builds every
 * DynamoDB key itself. So a hand-edited cursor can at most start a listing of published cases
 * somewhere else — a malformed one, or one from another query, is refused with 400.
 */
export const ORDER_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_CURSOR_LENGTH = 400;

const payload = z.strictObject({
  v: z.literal(1),
  /** Entries strictly older than this have not been returned yet… */
  after: z.string().regex(ORDER_KEY),
  /** …and, when set, neither has `after` itself (a search that stopped before deciding it). */
  inclusive: z.literal(true).optional(),
  /** Which filters and terms the cursor belongs to. */
  f: z.string().regex(/^[\w-]{16}$/),
});

export interface Position {
  after: string;
  inclusive?: true;
}

/** Filters and search terms, order-independent: a cursor works only with the query it came from. */
export function queryFingerprint(filters: Record<string, string | number | undefined>, terms: readonly string[]): string {
  const canonical = JSON.stringify([Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)), [...terms].sort()]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(position: Position, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: position.after, ...(position.inclusive ? { inclusive: true } : {}), f: fingerprint })).toString('base64url');
}

export type CursorProblem = 'malformed' | 'other-query';

export function decodeCursor(cursor: string, fingerprint: string): { ok: true; position: Position } | { ok: false; problem: CursorProblem } {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false, problem: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  if (parsed.data.f !== fingerprint) return { ok: false, problem: 'other-query' };
  return { ok: true, position: { after: parsed.data.after, ...(parsed.data.inclusive ? { inclusive: true as const } : {}) } };
}

import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../../functions/case-publication/core/cursor';

const AFTER = '2026-03-01T02:00:00.000Z#7c9e6679-7425-40de-944b-e07fc1f90ae7';
const fingerprint = queryFingerprint({ topic: 'POSTDOCTORAL', region: undefined, year: 2026 }, ['博士', '士后']);
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('list cursors', () => {
  it('round-trips a position, exclusive or inclusive', () => {
    expect(decodeCursor(encodeCursor({ after: AFTER }, fingerprint), fingerprint)).toEqual({ ok: true, position: { after: AFTER } });
    expect(decodeCursor(encodeCursor({ after: AFTER, inclusive: true }, fingerprint), fingerprint)).toEqual({ ok: true, position: { after: AFTER, inclusive: true } });
  });

  it('is opaque URL-safe text', () => {
    expect(encodeCursor({ after: AFTER }, fingerprint)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('belongs to its query: the same filters and terms in any order, nothing else', () => {
    expect(queryFingerprint({ year: 2026, topic: 'POSTDOCTORAL' }, ['士后', '博士'])).toBe(fingerprint);
    const cursor = encodeCursor({ after: AFTER }, fingerprint);
    for (const other of [queryFingerprint({ topic: 'POSTDOCTORAL', year: 2025 }, ['博士', '士后']), queryFingerprint({ topic: 'POSTDOCTORAL', year: 2026 }, []), queryFingerprint({}, [])]) {
      expect(decodeCursor(cursor, other)).toEqual({ ok: false, problem: 'other-query' });
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['padding and slashes', `${encodeCursor({ after: AFTER }, fingerprint)}==/`],
    ['too long', 'A'.repeat(401)],
    ['not JSON', b64('not json')],
    ['JSON but not an object', b64([1, 2])],
    ['another version', b64({ v: 2, after: AFTER, f: fingerprint })],
    ['a position that is not an order key', b64({ v: 1, after: 'LIST#*#*#*', f: fingerprint })],
    ['a key-shaped injection', b64({ v: 1, after: `${AFTER}\u0000`, f: fingerprint })],
    ['an extra field (e.g. a DynamoDB key)', b64({ v: 1, after: AFTER, f: fingerprint, ExclusiveStartKey: { pk: 'CASE#x' } })],
    ['inclusive set to anything but true', b64({ v: 1, after: AFTER, inclusive: 'yes', f: fingerprint })],
    ['no fingerprint', b64({ v: 1, after: AFTER })],
    ['a fingerprint of the wrong shape', b64({ v: 1, after: AFTER, f: 'x' })],
    ['a truncated cursor', encodeCursor({ after: AFTER }, fingerprint).slice(0, 30)],
  ])('refuses a cursor that is %s', (_name, cursor) => {
    expect(decodeCursor(cursor, fingerprint)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses a cursor whose position was edited to something else well-formed only for another query', () => {
    const edited = b64({ v: 1, after: '2030-01-01T00:00:00.000Z#00000000-0000-4000-8000-000000000000', f: 'AAAAAAAAAAAAAAAA' });
    expect(decodeCursor(edited, fingerprint)).toEqual({ ok: false, problem: 'other-query' });
  });
});

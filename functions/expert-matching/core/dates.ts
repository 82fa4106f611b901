/*
 * Calendar dates as YYYY-MM-DD strings. Such strings order like the dates they name, so the
 * availability rule compares them as strings; what this module adds is refusing anything that
 * is not a real date, since "2026-02-30" would otherwise compare without complaint.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A round checks the same few hundred dates millions of times: remember the answers.
const known = new Map<string, boolean>();
const KNOWN_LIMIT = 10_000;

export function isIsoDate(value: string): boolean {
  const hit = known.get(value);
  if (hit !== undefined) return hit;
  const m = ISO_DATE.exec(value);
  let ok = false;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    ok = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  }
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(value, ok);
  return ok;
}

export function assertIsoDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what}: ${value} is not a YYYY-MM-DD date`);
}

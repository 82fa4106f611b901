/**
 * Whether `yyyymmdd` (8 digits, as in GB 11643 and the documents that follow its layout) is a
 * real calendar date from 1900 on and not after `today`.
 */
export function isPastBirthDate(yyyymmdd: string, today = new Date()): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const birth = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    birth.getTime() <= today.getTime()
  );
}

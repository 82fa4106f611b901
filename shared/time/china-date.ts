/** Today's date in China (UTC+8, no daylight saving) as YYYY-MM-DD: the calendar the policies count in. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const yearInChina = (now = new Date()): number => Number(todayInChina(now).slice(0, 4));

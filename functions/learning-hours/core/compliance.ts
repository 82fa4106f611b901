import type { CompliancePolicy, RequiredHours } from './policy';
import { requiredHours } from './policy';
import type { Category } from './records';

/*
 * Whether a person met a policy's continuing-education requirement, year by year.
 *
 * Hour values are multiples of 0.5. All arithmetic here runs on whole half hours and converts
 * back only at the edges: a compliance answer must never hinge on 89.99999 versus 90, and a
 * value that is not a half-hour multiple is refused rather than summed into a near miss.
 */
export interface CreditedRecord {
  recordId: string;
  institutionId: string;
  category: Category;
  hours: number;
  completedOn: string;
  status: 'ACTIVE' | 'VOIDED';
}

export type Credited<R extends CreditedRecord = CreditedRecord> = R & { creditedHours: number };

export interface YearCompliance<R extends CreditedRecord = CreditedRecord> {
  year: number;
  totalHours: number;
  professionalHours: number;
  publicHours: number;
  required: RequiredHours;
  compliant: boolean;
  shortfall: RequiredHours;
  /** The id of the policy applied. */
  policy: string;
  /** The year's active records in crediting order, each with the hours it actually counts for. */
  records: Credited<R>[];
}

export interface WindowCompliance<R extends CreditedRecord = CreditedRecord> {
  fromYear: number;
  toYear: number;
  years: YearCompliance<R>[];
  allMet: boolean;
}

/** The longest window a single question may span, whatever the policy's review length. */
export const MAX_WINDOW_YEARS = 10;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toHalves(hours: number, what: string): number {
  const halves = hours * 2;
  if (!Number.isInteger(halves) || halves < 0) throw new RangeError(`${what}: ${hours} is not a non-negative multiple of 0.5 hours`);
  return halves;
}

const CATEGORY_RANK: Record<Category, number> = { PROFESSIONAL: 0, PUBLIC: 1 };
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The crediting order under a daily cap: by day, then PROFESSIONAL before PUBLIC (professional
 * hours are the scarcer requirement, so the cap should eat public hours first), then
 * institutionId and recordId, so the same records always credit the same way, whatever order
 * the store returned them in.
 */
export function creditingOrder(a: CreditedRecord, b: CreditedRecord): number {
  return (
    compare(a.completedOn, b.completedOn) ||
    CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] ||
    compare(a.institutionId, b.institutionId) ||
    compare(a.recordId, b.recordId)
  );
}

/**
 * One calendar year under `policy`. Only ACTIVE records completed in `year` count; with a daily
 * cap, each day's records are credited in `creditingOrder` until the cap is used up, and the
 * rest of that day's records credit less, possibly nothing.
 */
export function yearCompliance<R extends CreditedRecord>(year: number, records: readonly R[], policy: CompliancePolicy): YearCompliance<R> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a calendar year: ${year}`);
  const prefix = `${year}-`;
  const counted = records
    .filter((r) => {
      if (!DATE.test(r.completedOn)) throw new RangeError(`Record ${r.institutionId}/${r.recordId}: completedOn ${r.completedOn} is not YYYY-MM-DD`);
      return r.status === 'ACTIVE' && r.completedOn.startsWith(prefix);
    })
    .sort(creditingOrder);

  const capHalves = policy.dailyCapHours === undefined ? Infinity : toHalves(policy.dailyCapHours, `Policy ${policy.id} dailyCapHours`);
  const usedByDay = new Map<string, number>();
  const halves: Record<Category, number> = { PROFESSIONAL: 0, PUBLIC: 0 };
  const credited = counted.map((r) => {
    const asked = toHalves(r.hours, `Record ${r.institutionId}/${r.recordId}`);
    const used = usedByDay.get(r.completedOn) ?? 0;
    const granted = Math.min(asked, capHalves - used);
    usedByDay.set(r.completedOn, used + granted);
    halves[r.category] += granted;
    return { ...r, creditedHours: granted / 2 };
  });

  const required = requiredHours(policy);
  const actual = { total: (halves.PROFESSIONAL + halves.PUBLIC) / 2, professional: halves.PROFESSIONAL / 2, public: halves.PUBLIC / 2 };
  // Required values are half-hour multiples too (the policy schema sees to that), so these differences are exact.
  const shortfall = {
    total: Math.max(0, required.total - actual.total),
    professional: Math.max(0, required.professional - actual.professional),
    public: Math.max(0, required.public - actual.public),
  };
  return {
    year,
    totalHours: actual.total,
    professionalHours: actual.professional,
    publicHours: actual.public,
    required,
    compliant: shortfall.total === 0 && shortfall.professional === 0 && shortfall.public === 0,
    shortfall,
    policy: policy.id,
    records: credited,
  };
}

/**
 * Each year of `fromYear..toYear` (inclusive). A year missing from `recordsByYear` has no
 * records; a record filed under the wrong year is still judged by its own `completedOn`.
 */
export function windowCompliance<R extends CreditedRecord>(
  fromYear: number,
  toYear: number,
  recordsByYear: ReadonlyMap<number, readonly R[]>,
  policy: CompliancePolicy,
): WindowCompliance<R> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear)) throw new RangeError('Years must be whole numbers');
  if (toYear < fromYear) throw new RangeError(`The window ends (${toYear}) before it starts (${fromYear})`);
  if (toYear - fromYear + 1 > MAX_WINDOW_YEARS) throw new RangeError(`A window spans at most ${MAX_WINDOW_YEARS} years`);
  const years: YearCompliance<R>[] = [];
  for (let year = fromYear; year <= toYear; year++) years.push(yearCompliance(year, recordsByYear.get(year) ?? [], policy));
  return { fromYear, toYear, years, allMet: years.every((y) => y.compliant) };
}

/** The policy's usual review window: the `reviewYears` full years before the current one. */
export function defaultReviewWindow(policy: CompliancePolicy, currentYear: number): { fromYear: number; toYear: number } {
  return { fromYear: currentYear - policy.reviewYears, toYear: currentYear - 1 };
}

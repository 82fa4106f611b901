import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { windowCompliance, yearCompliance, MAX_WINDOW_YEARS, type YearCompliance } from '../core/compliance';
import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { creditable, type Creditable, type HourRecord } from '../core/records';
import { chooseHolderName } from '../core/holder-name';
import { judgingRegion } from '../core/policy-choice';
import { employmentOf } from '../store/employers';
import { recordsOfPersonYear } from '../store/records';

export interface Period {
  year?: number;
  fromYear?: number;
  toYear?: number;
}

/** What a person, an HR department or a review committee sees of one record. */
const recordView = (r: HourRecord & { creditedHours?: number }) => ({
  recordId: r.recordId,
  institutionId: r.institutionId,
  course: r.course,
  hours: r.hours,
  ...(r.creditedHours !== undefined ? { creditedHours: r.creditedHours } : {}),
  completedOn: r.completedOn,
  status: r.status,
  ...(r.replaces ? { replaces: r.replaces } : {}),
  ...(r.voided ? { voided: r.voided } : {}),
});

/**
 * One year as answered. `nameReview` says the year's records (or the staff list) name the person
 * in more than one way — the name on the JX certificate is then the staff list's or the
 * majority's (core/holder-name.ts) — and `nameVariants` lists them so the records can be corrected.
 */
function yearView(result: YearCompliance<Creditable>, all: HourRecord[], staffName?: string) {
  const name = chooseHolderName(all.filter((r) => r.year === result.year), staffName);
  return {
    ...result,
    nameReview: name?.review ?? false,
    ...(name?.review ? { nameVariants: name.variants } : {}),
    records: result.records.map(recordView),
    voidedRecords: all.filter((r) => r.status === 'VOIDED' && r.year === result.year).map(recordView),
  };
}

/** An HR lookup names the person by ID number and full name (see core/person-lookups). */
export interface NameCheck {
  /** Whether a record names the person the lookup named. */
  names: (record: HourRecord) => boolean;
  /** Called once a record matched, before anything is answered: the lookup is logged then. */
  matched: (years: number[]) => Promise<void>;
}

/**
 * A person's compliance for one year or a review window: one Query per person-year (DESIGN §4)
 * and one read of the person's employment, judged by the one rule of core/policy-choice.ts —
 * the employer's region for a person on a staff list, else the region a lookup names, else the
 * national policy — the same rule the JX certificate is issued by (handlers/track-requirements.ts).
 */
export async function personCompliance(personId: string, period: Period, lookupRegion: string | undefined, nameCheck?: NameCheck) {
  const years = period.year !== undefined ? [period.year] : range(period.fromYear!, period.toYear!);
  const [employment, recordsByYear] = await Promise.all([
    employmentOf(personId),
    Promise.all(years.map(async (y) => [y, (await recordsOfPersonYear(personId, y)).map(creditable)] as const)).then((entries) => new Map(entries)),
  ]);
  // An HR lookup names the person too (core/person-lookups): unless a record names them so, by
  // the keyed hash of the full name, it gets what an ID number without records gets — the same
  // status and body (no records, and no employer's policy either), so a wrong name cannot be
  // told from an unknown ID number.
  const named = !nameCheck || [...recordsByYear.values()].some((records) => records.some(nameCheck.names));
  if (!named) for (const y of years) recordsByYear.set(y, []);
  const staff = named ? employment : undefined;
  const choice = judgingRegion(staff, lookupRegion);
  const policy = policyFor(choice.region, POLICIES);
  if (nameCheck && named) await nameCheck.matched(years);
  const all = [...recordsByYear.values()].flat();
  if (period.year !== undefined) return { ...yearView(yearCompliance(period.year, all, policy), all, staff?.name), policyBasis: choice.basis };
  const window = windowCompliance(period.fromYear!, period.toYear!, recordsByYear, policy);
  return { ...window, years: window.years.map((y) => yearView(y, all, staff?.name)), policy: policy.id, policyBasis: choice.basis };
}

function range(from: number, to: number): number[] {
  if (to < from || to - from + 1 > MAX_WINDOW_YEARS) {
    throw problems.validation([{ path: 'query.toYear', message: text(`起止年份须从前往后，且最多跨 ${MAX_WINDOW_YEARS} 年`, `A window runs forwards and spans at most ${MAX_WINDOW_YEARS} years`) }]);
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

import { normaliseName } from '../../../shared/pii/names';

/*
 * The name a person's `JX` certificate carries (issue 13 item 4). Hour records come from many
 * institutions, each typing the name its trainee gave; the ID number ties them together, the
 * name does not. The name must come from an authoritative source, never from whichever
 * record happened to push the year over the line:
 *  1. an employer's staff list, when the person is on one: the HR department checked the
 *     person's identity document when it registered them;
 *  2. otherwise the name most of the year's active records agree on (after the same
 *     normalisation the public check uses); a tie goes to the name with more hours, then to the
 *     one recorded first (earliest completion date, then institution and record id), so the
 *     choice never depends on the order records arrive in.
 * Whenever the records name the person in more than one way (or differ from the staff list),
 * the year is flagged for review and every variant is listed, so an HR department can correct
 * the records (a void and a new record).
 */
export interface NamedRecord {
  personName: string;
  hours: number;
  completedOn: string;
  institutionId: string;
  recordId: string;
  status: 'ACTIVE' | 'VOIDED';
}

export interface HolderName {
  name: string;
  source: 'STAFF_LIST' | 'RECORDS';
  /** True when the sources disagree: the year needs a person to look at it. */
  review: boolean;
  /** Every distinct name seen (staff list first), as typed the first time it was seen. */
  variants: string[];
}

interface Tally {
  name: string;
  records: number;
  hours: number;
  first: string;
}

export function chooseHolderName(records: readonly NamedRecord[], staffName?: string): HolderName | undefined {
  const tallies = new Map<string, Tally>();
  for (const r of records) {
    if (r.status !== 'ACTIVE') continue;
    const key = normaliseName(r.personName);
    const order = `${r.completedOn}#${r.institutionId}#${r.recordId}`;
    const t = tallies.get(key);
    if (!t) tallies.set(key, { name: r.personName, records: 1, hours: r.hours, first: order });
    else {
      t.records += 1;
      t.hours += r.hours;
      if (order < t.first) {
        t.first = order;
        t.name = r.personName;
      }
    }
  }
  const ranked = [...tallies.values()].sort((a, b) => b.records - a.records || b.hours - a.hours || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  if (staffName !== undefined) {
    const others = ranked.filter((t) => normaliseName(t.name) !== normaliseName(staffName));
    return { name: staffName, source: 'STAFF_LIST', review: others.length > 0, variants: [staffName, ...others.map((t) => t.name)] };
  }
  const [winner] = ranked;
  if (!winner) return undefined;
  return { name: winner.name, source: 'RECORDS', review: ranked.length > 1, variants: ranked.map((t) => t.name) };
}

import { yearCompliance } from '../core/compliance';
import type { Employer, StaffMember } from '../core/employers';
import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { creditable } from '../core/records';
import { encodeStaffCursor, matchesStatus, staffYearRow, type StaffStatus, type StaffYearRow } from '../core/staff-compliance';
import { staffPage } from '../store/employers';
import { recordsOfPersonYear } from '../store/records';

/** People judged at once: one Query each, kept narrow so a list does not hog the table. */
const CONCURRENCY = 8;

async function rowsFor(members: StaffMember[], year: number, employer: Employer): Promise<StaffYearRow[]> {
  // Every person on this list is judged by the employer region's policy: the one rule.
  const policy = policyFor(employer.region, POLICIES);
  const rows: StaffYearRow[] = new Array(members.length);
  let next = 0;
  const worker = async () => {
    while (next < members.length) {
      const i = next++;
      const records = (await recordsOfPersonYear(members[i]!.personId, year)).map(creditable);
      rows[i] = staffYearRow(members[i]!, yearCompliance(year, records, policy));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, members.length) }, worker));
  return rows;
}

/**
 * One page of the staff's year. With a status filter a page holds the matching people of the
 * staff it read, so it may hold fewer than `limit` (even none) while `nextCursor` says more follow.
 */
export async function staffCompliancePage(employer: Employer, year: number, status: StaffStatus | undefined, limit: number, after?: string) {
  const page = await staffPage(employer.id, limit, after);
  const rows = (await rowsFor(page.members, year, employer)).filter((r) => matchesStatus(r, status));
  return { year, policy: policyFor(employer.region, POLICIES).id, items: rows, ...(page.next ? { nextCursor: encodeStaffCursor(page.next) } : {}) };
}

/** Every matching person, for an export (CSV or XLSX): the whole list, page by page. */
export async function allStaffCompliance(employer: Employer, year: number, status: StaffStatus | undefined): Promise<StaffYearRow[]> {
  const rows: StaffYearRow[] = [];
  let after: string | undefined;
  do {
    const page = await staffPage(employer.id, 200, after);
    rows.push(...(await rowsFor(page.members, year, employer)).filter((r) => matchesStatus(r, status)));
    after = page.next;
  } while (after);
  return rows;
}

import type { Principal } from '../../../shared/auth/principal';
import type { FieldError } from '../../../shared/http/problem';
import { problems } from '../../../shared/http/problem';
import { text, type Language } from '../../../shared/http/messages';
import { fieldErrors, safeParseFor } from '../../../shared/http/zod-errors';
import { maskIdNumber } from '../../../shared/ids/identity-document';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { staffIdFor, type Employer, type StaffMember } from '../core/employers';
import { staffMemberInput } from '../schemas';
import { addStaffMember, getEmployer } from '../store/employers';

export type StaffResult =
  | { index: number; staffId: string; status: 'created' | 'duplicate' }
  | { index: number; staffId: string; status: 'conflict'; errors: FieldError[] }
  | { index: number; status: 'rejected'; errors: FieldError[] };

/** An employer acts only for itself (DESIGN §2); another employer's id reads as forbidden. */
export function requireOwnEmployer(principal: Principal, id: string): void {
  if (principal.employerId !== id) throw problems.forbidden(text('用人单位只能管理本单位的人员。', 'An employer may act only for its own id.'));
}

export async function existingEmployer(id: string): Promise<Employer> {
  const employer = await getEmployer(id);
  if (!employer) throw problems.notFound(text('未找到该用人单位。', 'No such employer.'));
  return employer;
}

/** Writes in parallel, but not so wide that one list hogs the table's burst capacity. */
const CONCURRENCY = 8;

/**
 * Adds people to the staff list item by item (DESIGN §10): invalid items are rejected with field
 * paths, a person already kept by another employer is a conflict, the rest are stored.
 */
export async function addStaff(employer: Employer, raw: unknown[], principal: Principal, piiKey: string, language: Language): Promise<StaffResult[]> {
  const now = new Date().toISOString();
  const results: StaffResult[] = new Array(raw.length);
  const pending: { index: number; member: StaffMember }[] = [];
  raw.forEach((item, index) => {
    const parsed = safeParseFor(staffMemberInput, item, language);
    if (!parsed.success) {
      results[index] = { index, status: 'rejected', errors: fieldErrors(`items[${index}]`, parsed.error) };
      return;
    }
    const document = documentOf(parsed.data);
    const personId = personIdForDocument(document, piiKey);
    pending.push({
      index,
      member: {
        staffId: staffIdFor(employer.id, personId),
        personId,
        idType: document.idType,
        idNumberMasked: maskIdNumber(document),
        name: parsed.data.name,
        ...(parsed.data.employeeNo ? { employeeNo: parsed.data.employeeNo } : {}),
        addedAt: now,
        addedBy: principal.label,
      },
    });
  });
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const { index, member } = pending[next++]!;
      const outcome = await addStaffMember(employer, member);
      results[index] =
        outcome === 'elsewhere'
          ? {
              index,
              staffId: member.staffId,
              status: 'conflict',
              errors: [{ path: `items[${index}].idNumber`, message: text('此人已在其他用人单位的人员名单中，须由该单位先移除。', 'This person is on another employer’s staff list; that employer must remove them first.') }],
            }
          : { index, staffId: member.staffId, status: outcome };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, worker));
  return results;
}

export const staffMemberView = (m: StaffMember) => ({
  staffId: m.staffId,
  name: m.name,
  idNumberMasked: m.idNumberMasked,
  ...(m.employeeNo ? { employeeNo: m.employeeNo } : {}),
  addedAt: m.addedAt,
});

export const employerView = (e: Employer) => ({ id: e.id, name: e.name, region: e.region, ...(e.creditCode ? { creditCode: e.creditCode } : {}), createdAt: e.createdAt });

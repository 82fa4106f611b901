import { maskName } from '../../../shared/pii/names';
import type { YearCompliance } from './compliance';
import type { StaffMember } from './employers';

/*
 * An employer's view of its staff's year (DESIGN §10): totals, shortfall and compliance under
 * the policy of the employer's region (the one rule, core/policy-choice.ts), names and ID
 * numbers masked — the employer keeps the list, it does not need to read it back in clear.
 */
export type StaffStatus = 'COMPLIANT' | 'SHORT';

export interface StaffYearRow {
  staffId: string;
  name: string;
  idNumberMasked: string;
  employeeNo?: string;
  totalHours: number;
  professionalHours: number;
  publicHours: number;
  compliant: boolean;
  shortfall: { total: number; professional: number; public: number };
}

export function staffYearRow(member: StaffMember, year: YearCompliance): StaffYearRow {
  return {
    staffId: member.staffId,
    name: maskName(member.name),
    idNumberMasked: member.idNumberMasked,
    ...(member.employeeNo ? { employeeNo: member.employeeNo } : {}),
    totalHours: year.totalHours,
    professionalHours: year.professionalHours,
    publicHours: year.publicHours,
    compliant: year.compliant,
    shortfall: year.shortfall,
  };
}

export const matchesStatus = (row: StaffYearRow, status: StaffStatus | undefined) => status === undefined || (status === 'COMPLIANT') === row.compliant;

/** The export's table, the same columns in CSV and XLSX: Chinese headers, one row per person. */
export function staffComplianceTable(rows: StaffYearRow[]): (string | number)[][] {
  return [
    ['工号', '姓名', '证件号码', '总学时', '专业科目学时', '公需科目学时', '是否达标', '总学时差额', '专业科目差额', '公需科目差额'],
    ...rows.map((r) => [
      r.employeeNo ?? '',
      r.name,
      r.idNumberMasked,
      r.totalHours,
      r.professionalHours,
      r.publicHours,
      r.compliant ? '达标' : '未达标',
      r.shortfall.total,
      r.shortfall.professional,
      r.shortfall.public,
    ]),
  ];
}

/** A cursor is the sort key where the last page stopped, opaque to callers. */
export const encodeStaffCursor = (sortKey: string) => Buffer.from(sortKey, 'utf8').toString('base64url');
export function decodeStaffCursor(cursor: string): string | undefined {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^STAFF#[\w-]{22}$/.test(sortKey) ? sortKey : undefined;
}

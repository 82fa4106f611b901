import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { binaryResult, ok, textResult } from '../../../shared/http/responses';
import { existingEmployer, requireOwnEmployer } from '../app/employers';
import { allStaffCompliance, staffCompliancePage } from '../app/staff-compliance';
import { toCsv } from '../core/csv';
import { decodeStaffCursor, staffComplianceTable } from '../core/staff-compliance';
import { toXlsx } from '../core/xlsx';
import { staffComplianceRoute } from '../routes';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const handler = httpHandler(staffComplianceRoute, async ({ params, query, principal }) => {
  if (!hasGroup(principal, 'admin')) requireOwnEmployer(principal!, params.id);
  const employer = await existingEmployer(params.id);
  const fileName = `${params.id}-${query.year}${query.status ? `-${query.status}` : ''}`;
  if (query.format === 'csv' || query.format === 'xlsx') {
    const table = staffComplianceTable(await allStaffCompliance(employer, query.year, query.status));
    const disposition = { 'content-disposition': `attachment; filename="${fileName}.${query.format}"`, 'cache-control': 'no-store' };
    if (query.format === 'csv') return textResult(toCsv(table), 'text/csv; charset=utf-8', 200, disposition);
    return binaryResult(await toXlsx(`${query.year}年度学时`, table), XLSX, disposition);
  }
  const after = query.cursor === undefined ? undefined : decodeStaffCursor(query.cursor);
  if (query.cursor !== undefined && after === undefined) {
    throw problems.validation([{ path: 'query.cursor', message: text('分页游标无效，请使用上一页返回的 nextCursor。', 'Not a cursor this list gave; use nextCursor of the previous page.') }]);
  }
  return ok(await staffCompliancePage(employer, query.year, query.status, query.limit ?? 50, after), { 'cache-control': 'no-store' });
});

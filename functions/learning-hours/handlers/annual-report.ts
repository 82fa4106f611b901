import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok, textResult } from '../../../shared/http/responses';
import { requireOwnInstitution } from '../app/access';
import { toCsv } from '../core/csv';
import { annualReport, type AnnualReport } from '../core/report';
import { annualReportRoute } from '../routes';
import { getInstitution } from '../store/institutions';
import { recordsOfInstitutionYear } from '../store/report-records';

function reportCsv(report: AnnualReport): string {
  return toCsv([
    ['机构编号', report.institutionId],
    ['机构名称', report.name],
    ['年度', report.year],
    ['培训人数', report.distinctTrainees],
    ['学时记录数', report.records],
    ['已作废记录数', report.voidedRecords],
    ['总学时', report.hours.total],
    ['专业科目学时', report.hours.professional],
    ['公需科目学时', report.hours.public],
    ['年度培训任务', report.quota ?? '无'],
    ['是否完成', report.quotaMet === null ? '不适用' : report.quotaMet ? '是' : '否'],
    [],
    ['课程代码', '课程名称', '科目类别', '记录数', '人数', '学时'],
    ...report.courses.map((c) => [c.code, c.title, c.category === 'PROFESSIONAL' ? '专业科目' : '公需科目', c.records, c.trainees, c.hours]),
  ]);
}

export const handler = httpHandler(annualReportRoute, async ({ params, query, principal }) => {
  if (!hasGroup(principal, 'admin')) requireOwnInstitution(principal!, params.id);
  const institution = await getInstitution(params.id);
  if (!institution) throw problems.notFound(text('未找到该培训机构。', 'No such institution.'));
  const report = annualReport(institution, params.year, await recordsOfInstitutionYear(params.id, params.year));
  if (query.format === 'csv') {
    return textResult(reportCsv(report), 'text/csv; charset=utf-8', 200, {
      'content-disposition': `attachment; filename="${params.id}-${params.year}.csv"`,
    });
  }
  return ok(report);
});

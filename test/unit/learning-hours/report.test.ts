import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../functions/learning-hours/core/csv';
import type { Institution } from '../../../functions/learning-hours/core/institutions';
import type { HourRecord } from '../../../functions/learning-hours/core/records';
import { annualReport } from '../../../functions/learning-hours/core/report';

describe('CSV for spreadsheets', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['人工智能, 应用', '"人工智能, 应用"'],
    ['plain', 'plain'],
  ])('neutralises and quotes %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps numbers as numbers and starts with a BOM', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(toCsv([['a', 1], []])).toBe('\uFEFFa,1\r\n\r\n');
  });
});

describe('the institution annual report', () => {
  const institution: Institution = { id: 'SH-BASE', name: '上海基地', level: 'PROVINCIAL_BASE', region: '310000', status: 'ACTIVE', history: [], createdAt: '' };
  const record = (recordId: string, personId: string, category: 'PUBLIC' | 'PROFESSIONAL', hours: number, extra: Partial<HourRecord> = {}): HourRecord => ({
    institutionId: 'SH-BASE',
    recordId,
    personId,
    personNameMasked: '张*',
    personName: '张三',
    idNumberMasked: '1101**********002X',
    course: { code: category === 'PUBLIC' ? 'PUB-1' : 'PRO-1', title: '课程', category },
    hours,
    completedOn: '2026-05-01',
    year: 2026,
    status: 'ACTIVE',
    contentHash: recordId,
    postedBy: 'x',
    postedAt: '',
    ...extra,
  });

  it('counts distinct trainees, hours by category and course, and leaves voided records out', () => {
    const report = annualReport(institution, 2026, [
      record('1', 'p1', 'PROFESSIONAL', 8),
      record('2', 'p1', 'PUBLIC', 0.5),
      record('3', 'p2', 'PROFESSIONAL', 4.5),
      record('4', 'p3', 'PROFESSIONAL', 100, { status: 'VOIDED' }),
      record('5', 'p4', 'PROFESSIONAL', 100, { year: 2025, completedOn: '2025-12-31' }),
    ]);
    expect(report).toMatchObject({ distinctTrainees: 2, records: 3, voidedRecords: 1, hours: { total: 13, professional: 12.5, public: 0.5 }, quota: 500, quotaMet: false });
    expect(report.courses).toEqual([
      { code: 'PRO-1', title: '课程', category: 'PROFESSIONAL', records: 2, trainees: 2, hours: 12.5 },
      { code: 'PUB-1', title: '课程', category: 'PUBLIC', records: 1, trainees: 1, hours: 0.5 },
    ]);
  });

  it('meets a quota at exactly the number of trainees, and accredited institutions have none', () => {
    const many = Array.from({ length: 500 }, (_, i) => record(`r${i}`, `p${i}`, 'PUBLIC', 1));
    expect(annualReport(institution, 2026, many).quotaMet).toBe(true);
    expect(annualReport(institution, 2026, many.slice(1)).quotaMet).toBe(false);
    expect(annualReport({ ...institution, level: 'ACCREDITED' }, 2026, many)).toMatchObject({ quota: null, quotaMet: null });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repostOutcome } from '../../../functions/learning-hours/core/records';
import { columnOfPath, decodeRoster, MAX_ROSTER_ROWS, normaliseDate, parseRoster, rowToRecordInput, type RosterRow } from '../../../functions/learning-hours/core/roster-file';
import { countRows, rosterResultCsv } from '../../../functions/learning-hours/core/roster-result';
import { uploadOfKey } from '../../../functions/learning-hours/core/roster-upload';
import { hourRecordInput } from '../../../functions/learning-hours/schemas';

const HEADER = 'recordId,idNumber,name,courseCode,courseTitle,category,hours,completedOn';
const ROW = 'R-1,11010519491231002X,欧阳娜娜,ZY-01,数字经济,PROFESSIONAL,6,2026-01-09';
const utf8 = (text: string) => new TextEncoder().encode(text);

function rowsOf(text: string): RosterRow[] {
  const parsed = parseRoster(text);
  if (!parsed.ok) throw new Error(parsed.reason.en);
  return parsed.rows;
}

describe('decoding a roster file', () => {
  it('reads UTF-8 with a BOM, dropping the BOM so the first header still matches', () => {
    const { text, encoding } = decodeRoster(utf8(`\uFEFF${HEADER}\n${ROW}\n`));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('recordId')).toBe(true);
    expect(rowsOf(text)[0]!.cells.recordId).toBe('R-1');
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeRoster(utf8(`${HEADER}\n${ROW}\n`))).toMatchObject({ encoding: 'utf-8' });
  });

  it('reads GB18030 as Excel and WPS export it, including characters outside GBK', () => {
    const { text, encoding } = decodeRoster(new Uint8Array(readFileSync(new URL('../../fixtures/rosters/gb18030.csv', import.meta.url))));
    expect(encoding).toBe('gb18030');
    const rows = rowsOf(text);
    expect(rows.map((r) => r.cells.name)).toEqual(['欧阳娜娜', '𠮷野']);
    expect(rows[0]!.cells.courseTitle).toBe('数字经济, 第二讲');
  });
});

describe('parsing rows', () => {
  it('keeps commas inside quoted cells and quotes doubled inside them', () => {
    const [row] = rowsOf(`${HEADER}\nR-1,11010519491231002X,张三,C1,"课程, ""上篇""",PUBLIC,2,2026-01-09\n`);
    expect(row!.cells.courseTitle).toBe('课程, "上篇"');
  });

  it('skips blank lines but reports each row by its line in the file', () => {
    const rows = rowsOf(`${HEADER}\r\n\r\n${ROW}\r\n,,,,,,,\r\n\r\n${ROW.replace('R-1', 'R-2')}\r\n`);
    expect(rows.map((r) => [r.line, r.cells.recordId])).toEqual([
      [3, 'R-1'],
      [6, 'R-2'],
    ]);
  });

  it('finds columns by Chinese or English header in any order, ignoring case and spaces', () => {
    const [row] = rowsOf(`学时, 姓名 ,完成日期,RECORDID,身份证号码,课程编号,课程名称,类别\n6,张三,2026/1/9,R-9,11010519491231002X,C1,课,专业\n`);
    expect(row!.cells).toMatchObject({ hours: '6', name: '张三', completedOn: '2026/1/9', recordId: 'R-9', courseCode: 'C1', category: '专业' });
  });

  it('takes formula-looking cells as plain text, and rejects them where a number is due', () => {
    const [row] = rowsOf(`${HEADER}\nR-1,11010519491231002X,=HYPERLINK("x"),C1,+cmd|' /C calc'!A0,PUBLIC,=1+1,2026-01-09\n`);
    expect(row!.cells.name).toBe('=HYPERLINK("x")');
    expect(row!.cells.courseTitle).toBe("+cmd|' /C calc'!A0");
    const mapped = rowToRecordInput(row!);
    expect(mapped).toEqual({ ok: false, errors: [{ path: 'hours', message: '“=1+1”不是有效的学时数' }] });
  });

  it('names the missing columns when the header is not a roster header', () => {
    const parsed = parseRoster('recordId,name\nA,张三\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason.en).toMatch(/idNumber \/ 身份证号 \/ 身份证号码 \/ 证件号码 \/ 证件号; courseCode/);
    expect(!parsed.ok && parsed.reason.zh).toMatch(/^表头缺少以下列：idNumber \/ 身份证号 \/ 身份证号码 \/ 证件号码 \/ 证件号；courseCode/);
    expect(parsed.ok || parsed.reason.en).not.toMatch(/replaces|idType|idCountry/);
  });

  it('refuses an empty file, a broken quote, and more rows than a roster may hold', () => {
    expect(parseRoster('\n\n')).toEqual({ ok: false, reason: { zh: '文件为空。', en: 'The file is empty.' } });
    expect(parseRoster(`${HEADER}\nR-1,"unterminated\n`)).toMatchObject({ ok: false, reason: { zh: expect.stringMatching(/不是有效的 CSV/), en: expect.stringMatching(/not valid CSV/) } });
    const tooMany = `${HEADER}\n${Array.from({ length: MAX_ROSTER_ROWS + 1 }, () => ROW).join('\n')}`;
    expect(parseRoster(tooMany)).toMatchObject({ ok: false, reason: { en: expect.stringMatching(/at most 20000 rows; this one has 20001/) } });
  });
});

describe('a row as a posted record', () => {
  it('translates category names, slash dates and hours, then meets the same schema as the JSON API', () => {
    const [row] = rowsOf(`${HEADER},replaces\nR-1,11010519491231002X,张三,C1,课,公需科目,1.5,2026/1/9,R-0\n`);
    const mapped = rowToRecordInput(row!);
    expect(mapped.ok).toBe(true);
    const input = hourRecordInput.parse(mapped.ok && mapped.input);
    expect(input).toMatchObject({ course: { category: 'PUBLIC' }, hours: 1.5, completedOn: '2026-01-09', replaces: 'R-0' });
  });

  it('reports every cell it cannot translate, by column', () => {
    const [row] = rowsOf(`${HEADER}\nR-1,11010519491231002X,张三,C1,课,选修,-2,2026-01-09\n`);
    expect(rowToRecordInput(row!)).toEqual({
      ok: false,
      errors: [
        { path: 'hours', message: '“-2”不是有效的学时数' },
        { path: 'category', message: '“选修”不是有效的科目类别，应为 PUBLIC / 公需科目 或 PROFESSIONAL / 专业科目' },
      ],
    });
  });

  it('normalises only well-formed dates, leaving the rest for the schema to reject', () => {
    expect(normaliseDate('2026/3/7')).toBe('2026-03-07');
    expect(normaliseDate('2026.12.31')).toBe('2026-12-31');
    expect(normaliseDate('7/3/2026')).toBe('7/3/2026');
    expect(hourRecordInput.shape.completedOn.safeParse(normaliseDate('2026/2/30')).success).toBe(false);
  });

  it('names field paths of the record by the column they came from', () => {
    expect(columnOfPath('records[12].person.idNumber')).toBe('idNumber');
    expect(columnOfPath('records[0].course.category')).toBe('category');
    expect(columnOfPath('records[3]')).toBe('row');
  });
});

describe('the result file and the job', () => {
  it('writes one line per row, neutralising cells a spreadsheet would run as formulas', () => {
    const rows = [
      { line: 2, recordId: 'R-1', status: 'created' as const },
      { line: 3, recordId: '=cmd()', status: 'rejected' as const, errors: [{ path: 'hours', message: 'bad' }, { path: 'name', message: 'worse' }] },
    ];
    const csv = rosterResultCsv(rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n').slice(1, 3)).toEqual(['2,R-1,created,', "3,\"'=cmd()\",rejected,hours: bad; name: worse"]);
    expect(countRows(rows)).toEqual({ created: 1, duplicate: 0, conflict: 0, rejected: 1, failed: 0 });
  });

  it('finds the upload an object key belongs to, and nothing for other keys', () => {
    expect(uploadOfKey('uploads/INST-1/0b0e2c56-7c1f-4a57-9a43-3f1c1e0f6d10.csv')).toEqual({ institutionId: 'INST-1', uploadId: '0b0e2c56-7c1f-4a57-9a43-3f1c1e0f6d10' });
    expect(uploadOfKey('results/INST-1/0b0e2c56-7c1f-4a57-9a43-3f1c1e0f6d10.csv')).toBeUndefined();
    expect(uploadOfKey('uploads/../x.csv')).toBeUndefined();
  });

  it('counts a record an earlier run of the same upload stored as created, any other re-post as duplicate', () => {
    expect(repostOutcome({ contentHash: 'h', upload: 'u1' }, { contentHash: 'h', upload: 'u1' })).toBe('created');
    expect(repostOutcome({ contentHash: 'h', upload: 'u1' }, { contentHash: 'h', upload: 'u2' })).toBe('duplicate');
    expect(repostOutcome({ contentHash: 'h' }, { contentHash: 'h' })).toBe('duplicate');
    expect(repostOutcome({ contentHash: 'h', upload: 'u1' }, { contentHash: 'x', upload: 'u1' })).toBe('conflict');
  });
});

import { describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { columnOfPath, parseRoster, rowToRecordInput, type RosterRow } from '../../../functions/learning-hours/core/roster-file';
import { hourRecordInput } from '../../../functions/learning-hours/schemas';

const withCheck = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const HMT = withCheck('81000019900101123');
const FOREIGN = withCheck('93184019800101001');

function rowsOf(text: string): RosterRow[] {
  const parsed = parseRoster(text);
  if (!parsed.ok) throw new Error(parsed.reason.en);
  return parsed.rows;
}

describe('a roster with a 证件类型 column (DESIGN §2, §4)', () => {
  const file = [
    '记录编号,证件类型,证件号码,证件国家,姓名,课程代码,课程名称,科目类别,学时,完成日期',
    'R-1,居民身份证,11010519491231002X,,张三,C1,课,专业,6,2026/1/9',
    `R-2,港澳台居民居住证,${HMT},,陈大文,C1,课,专业,6,2026/1/9`,
    `R-3,外国人永久居留身份证,${FOREIGN},,John Smith,C1,课,专业,6,2026/1/9`,
    'R-4,护照,e1234 5678,usa,Jane Doe,C1,课,专业,6,2026/1/9',
    'R-5,PASSPORT,E12345678,,Jane Doe,C1,课,专业,6,2026/1/9',
    'R-6,,11010519491231002X,,张三,C1,课,专业,6,2026/1/10',
    'R-7,驾驶证,11010519491231002X,,张三,C1,课,专业,6,2026/1/9',
  ].join('\n');

  it('reads the type by Chinese name or code and meets the JSON API\'s schema; an empty type is a resident ID card', () => {
    const rows = rowsOf(file);
    const people = rows.slice(0, 4).map((row) => {
      const mapped = rowToRecordInput(row);
      if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
      return hourRecordInput.parse(mapped.input).person;
    });
    expect(people).toEqual([
      { name: '张三', idNumber: '11010519491231002X', idType: 'RESIDENT' },
      { name: '陈大文', idNumber: HMT, idType: 'HMT_PERMIT' },
      { name: 'John Smith', idNumber: FOREIGN, idType: 'FOREIGN_PR' },
      { name: 'Jane Doe', idNumber: 'E12345678', idType: 'PASSPORT', idCountry: 'USA' },
    ]);
    const empty = rowToRecordInput(rows[5]!);
    expect(empty.ok && hourRecordInput.parse(empty.input).person.idType).toBe('RESIDENT');
  });

  it('reports a passport without its country on the 证件国家 column', () => {
    const mapped = rowToRecordInput(rowsOf(file)[4]!);
    const parsed = hourRecordInput.safeParse(mapped.ok && mapped.input);
    expect(parsed.error!.issues.map((i) => columnOfPath(`records[0].${i.path.join('.')}`))).toEqual(['idCountry']);
  });

  it('refuses a type it does not know, on the 证件类型 column, without echoing the cell', () => {
    const mapped = rowToRecordInput(rowsOf(file)[6]!);
    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.errors.map((e) => e.path)).toEqual(['idType']);
    expect(!mapped.ok && mapped.errors[0]!.message).not.toContain('驾驶证');
    expect(!mapped.ok && mapped.errors[0]!.message).toContain('护照 / PASSPORT');
  });

  it('still reads a roster without the optional columns', () => {
    const [row] = rowsOf('recordId,idNumber,name,courseCode,courseTitle,category,hours,completedOn\nR-1,11010519491231002X,张三,C1,课,PUBLIC,2,2026-01-09\n');
    expect(row!.cells.idType).toBeUndefined();
    const mapped = rowToRecordInput(row!);
    expect(mapped.ok && mapped.input.person).toEqual({ idNumber: '11010519491231002X', name: '张三' });
  });
});

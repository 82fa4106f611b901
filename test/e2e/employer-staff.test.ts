import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

/* DESIGN §10: an employer sees each staff member's year — totals, shortfall, compliant — masked, paged, exportable. */
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const suffix = Date.now().toString(36).toUpperCase();
const YEAR = 2025;
const EMPLOYER = `EMP-STAFF-${suffix}`;
const INST = `E2E-STAFF-${suffix}`;
const STAFF = [
  { idNumber: idNumber('32010319800101001'), name: '黄达标', employeeNo: 'GZ-001', professional: 60, public: 30 },
  { idNumber: idNumber('32010319800101002'), name: '黄差点', employeeNo: 'GZ-002', professional: 50, public: 10 },
  { idNumber: idNumber('32010319800101003'), name: '黄没有', employeeNo: 'GZ-003', professional: 0, public: 0 },
];

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

interface Row {
  staffId: string;
  name: string;
  idNumberMasked: string;
  employeeNo?: string;
  totalHours: number;
  compliant: boolean;
  shortfall: { total: number; professional: number; public: number };
}
interface Page {
  year: number;
  policy: string;
  items: Row[];
  nextCursor?: string;
}

let employer: string;
let otherEmployer: string;

beforeAll(async () => {
  const admin = await tokenFor({ group: 'admin' });
  const inst = await tokenFor({ group: 'institution', tenant: INST });
  employer = await tokenFor({ group: 'employer', tenant: EMPLOYER, region: '320000' });
  otherEmployer = await tokenFor({ group: 'employer', tenant: `EMP-OTHER-${suffix}`, region: '440000' });
  expect((await call('POST', '/employers', admin, { id: EMPLOYER, name: '南京某设计研究院', region: '320100' })).status).toBe(201);
  expect((await call('POST', '/institutions', admin, { id: INST, name: '广东继续教育基地', level: 'PROVINCIAL_BASE', region: '440000' })).status).toBe(201);
  const records = STAFF.flatMap((s, i) => [
    ...(s.professional ? [{ recordId: `S${i}-P`, person: { idNumber: s.idNumber, name: s.name }, course: { code: 'P', title: '专业科目', category: 'PROFESSIONAL' }, hours: s.professional, completedOn: `${YEAR}-04-01` }] : []),
    ...(s.public ? [{ recordId: `S${i}-U`, person: { idNumber: s.idNumber, name: s.name }, course: { code: 'U', title: '公需科目', category: 'PUBLIC' }, hours: s.public, completedOn: `${YEAR}-04-02` }] : []),
  ]);
  expect((await call('POST', `/institutions/${INST}/hour-records`, inst, { records })).status).toBe(200);
  const added = (await (await call('POST', `/employers/${EMPLOYER}/staff`, employer, { items: STAFF.map(({ idNumber, name, employeeNo }) => ({ idNumber, name, employeeNo })) })).json()) as {
    summary: { created: number };
  };
  expect(added.summary.created).toBe(3);
});

describe("an employer's staff compliance (npm start)", () => {
  it('pages through every person once with a cursor, judged by the policy of the employer’s region, masked', async () => {
    const seen: Row[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, employer);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page).toMatchObject({ year: YEAR, policy: 'jiangsu' });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.map((r) => r.employeeNo).toSorted()).toEqual(['GZ-001', 'GZ-002', 'GZ-003']);
    const byNo = Object.fromEntries(seen.map((r) => [r.employeeNo, r]));
    expect(byNo['GZ-001']).toMatchObject({ name: '黄*标', totalHours: 90, compliant: true, shortfall: { total: 0, professional: 0, public: 0 } });
    expect(byNo['GZ-002']).toMatchObject({ name: '黄*点', totalHours: 60, compliant: false, shortfall: { total: 30, professional: 10, public: 20 } });
    expect(byNo['GZ-003']).toMatchObject({ totalHours: 0, compliant: false, shortfall: { total: 90, professional: 60, public: 30 } });
    expect(JSON.stringify(seen)).not.toMatch(/黄达标|32010319800101001/);
  });

  it('filters to the people who are short', async () => {
    const page = (await (await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}&status=SHORT`, employer)).json()) as Page;
    expect(page.items.map((r) => r.employeeNo).toSorted()).toEqual(['GZ-002', 'GZ-003']);
  });

  it('exports CSV and XLSX with Chinese headers and no ID number in clear', async () => {
    const csv = await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}&format=csv&status=SHORT`, employer);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain('工号,姓名,证件号码,总学时');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).not.toContain(STAFF[1]!.idNumber);

    const xlsx = await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}&format=xlsx`, employer);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(7).value).toBe('是否达标');
    const compliance = [2, 3, 4].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(7).value]);
    expect(compliance.toSorted()).toEqual([
      ['GZ-001', '达标'],
      ['GZ-002', '未达标'],
      ['GZ-003', '未达标'],
    ]);
  });

  it('keeps other employers out, and refuses a forged cursor', async () => {
    expect((await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}`, otherEmployer)).status).toBe(403);
    const forged = Buffer.from('EMP#OTHER', 'utf8').toString('base64url');
    const res = await call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}&cursor=${forged}`, employer);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['query.cursor']);
  });
});

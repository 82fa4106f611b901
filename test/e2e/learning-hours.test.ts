import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const PERSON = idNumber('32050119850101123');
const suffix = Date.now().toString(36).toUpperCase();
const INST_A = `E2E-A-${suffix}`;
const INST_B = `E2E-B-${suffix}`;

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

const record = (recordId: string, overrides: Record<string, unknown> = {}) => ({
  recordId,
  person: { idNumber: PERSON, name: '王小明' },
  course: { code: 'AI-101', title: '人工智能应用', category: 'PROFESSIONAL' },
  hours: 8,
  completedOn: '2026-05-10',
  ...overrides,
});

let admin: string;
let instA: string;
let instB: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  instA = await tokenFor({ group: 'institution', tenant: INST_A });
  instB = await tokenFor({ group: 'institution', tenant: INST_B });
  for (const id of [INST_A, INST_B]) {
    const res = await call('POST', '/institutions', admin, { id, name: `测试培训基地 ${id}`, level: 'PROVINCIAL_BASE', region: '320000' });
    expect(res.status).toBe(201);
  }
});

describe('learning hours end to end (npm start)', () => {
  it('registers institutions with their quota, and refuses a taken id', async () => {
    const res = await call('GET', `/institutions/${INST_A}`, instA);
    expect(await res.json()).toMatchObject({ id: INST_A, level: 'PROVINCIAL_BASE', status: 'ACTIVE', quota: 500 });
    expect((await call('POST', '/institutions', admin, { id: INST_A, name: 'x', level: 'ACCREDITED', region: '320000' })).status).toBe(409);
    expect((await call('POST', '/institutions', instA, { id: 'X-1', name: 'x', level: 'ACCREDITED', region: '320000' })).status).toBe(403);
  });

  it('answers a batch record by record: created, duplicate, conflict, rejected with field paths', async () => {
    const first = await call('POST', `/institutions/${INST_A}/hour-records`, instA, { records: [record('R1'), record('R2', { hours: 4 })] });
    expect(((await first.json()) as { summary: unknown }).summary).toEqual({ created: 2, duplicate: 0, conflict: 0, rejected: 0, failed: 0 });
    const second = await call('POST', `/institutions/${INST_A}/hour-records`, instA, {
      records: [record('R1'), record('R2', { hours: 5 }), record('R3', { hours: 0.3 }), record('R4', { completedOn: '2999-01-01' }), record('R5')],
    });
    const body = (await second.json()) as { summary: Record<string, number>; results: { recordId: string; status: string; errors?: { path: string }[] }[] };
    expect(body.results.map((r) => r.status)).toEqual(['duplicate', 'conflict', 'rejected', 'rejected', 'created']);
    expect(body.results[2]!.errors!.map((e) => e.path)).toEqual(['records[2].hours']);
    expect(body.results[3]!.errors!.map((e) => e.path)).toEqual(['records[3].completedOn']);
    expect(body.summary).toEqual({ created: 1, duplicate: 1, conflict: 1, rejected: 2, failed: 0 });
  });

  it('stores each record once when the same batch is posted twice at the same time', async () => {
    const batch = { records: Array.from({ length: 40 }, (_, i) => record(`C${i}`, { hours: 1 })) };
    const [a, b] = await Promise.all([call('POST', `/institutions/${INST_A}/hour-records`, instA, batch), call('POST', `/institutions/${INST_A}/hour-records`, instA, batch)]);
    type Summary = { summary: { created: number; duplicate: number } };
    const summaries = [(await a.json()) as Summary, (await b.json()) as Summary].map((r) => r.summary);
    expect(summaries[0]!.created + summaries[1]!.created).toBe(40);
    expect(summaries[0]!.duplicate + summaries[1]!.duplicate).toBe(40);
  });

  it('keeps institutions inside their own id', async () => {
    expect((await call('POST', `/institutions/${INST_A}/hour-records`, instB, { records: [record('X1')] })).status).toBe(403);
    expect((await call('GET', `/institutions/${INST_A}`, instB)).status).toBe(403);
    expect((await call('POST', `/institutions/${INST_A}/hour-records/R1/void`, instB, { reason: 'x' })).status).toBe(403);
  });

  it('refuses posts from a suspended institution, and accepts them again once reactivated', async () => {
    expect((await call('PATCH', `/institutions/${INST_B}`, admin, { status: 'SUSPENDED', reason: '年度评估不合格' })).status).toBe(200);
    const refused = await call('POST', `/institutions/${INST_B}/hour-records`, instB, { records: [record('B1')] });
    expect([refused.status, ((await refused.json()) as { type: string }).type]).toEqual([409, '/problems/institution-inactive']);
    await call('PATCH', `/institutions/${INST_B}`, admin, { status: 'ACTIVE' });
    expect((await call('POST', `/institutions/${INST_B}/hour-records`, instB, { records: [record('B1')] })).status).toBe(200);
  });

  it('voids a record with a reason, once, keeping who and when', async () => {
    const voided = await call('POST', `/institutions/${INST_A}/hour-records/R2/void`, instA, { reason: '学时登记错误' });
    expect(voided.status).toBe(200);
    const body = (await voided.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'VOIDED', voided: { reason: '学时登记错误', by: `institution:${INST_A}` } });
    expect(JSON.stringify(body)).not.toContain(PERSON);
    expect((await call('POST', `/institutions/${INST_A}/hour-records/R2/void`, instA, { reason: 'again' })).status).toBe(409);
    expect((await call('POST', `/institutions/${INST_A}/hour-records/NOPE/void`, instA, { reason: 'x' })).status).toBe(404);
  });

  it('accepts a correction only for a voided record of the same institution, so the chain holds', async () => {
    const post = async (institution: string, token: string, rec: unknown) =>
      ((await (await call('POST', `/institutions/${institution}/hour-records`, token, { records: [rec] })).json()) as { results: { status: string; errors?: { path: string; message: string }[] }[] })
        .results[0]!;
    const notVoided = await post(INST_A, instA, record('R1-FIX', { replaces: 'R1' }));
    expect(notVoided).toMatchObject({ status: 'rejected', errors: [{ path: 'records[0].replaces', message: expect.stringMatching(/尚未作废/) }] });
    expect(await post(INST_A, instA, record('R9-FIX', { replaces: 'R9' }))).toMatchObject({ status: 'rejected', errors: [{ path: 'records[0].replaces' }] });
    // R2 is voided at INST_A, not at INST_B.
    expect(await post(INST_B, instB, record('R2-FIX', { replaces: 'R2' }))).toMatchObject({ status: 'rejected' });
    expect(await post(INST_A, instA, record('R2-FIX', { hours: 6, replaces: 'R2' }))).toMatchObject({ status: 'created' });
  });
});

describe('compliance lookups', () => {
  const COMPLIANT = idNumber('44030519900202004');
  const SHORT = idNumber('11010519900303005');
  const professionalDays = (prefix: string, person: string, name: string, count: number, hours: number, category = 'PROFESSIONAL', startDay = 1) =>
    Array.from({ length: count }, (_, i) =>
      record(`${prefix}${i}`, { person: { idNumber: person, name }, hours, completedOn: `2025-03-${String(startDay + i).padStart(2, '0')}`, course: { code: 'C1', title: '课程', category } }),
    );

  beforeAll(async () => {
    const compliant = [...professionalDays('P', COMPLIANT, '赵六', 8, 8), ...professionalDays('Q', COMPLIANT, '赵六', 4, 7.5, 'PUBLIC', 20)]; // 64 + 30
    const short = [...professionalDays('S', SHORT, '钱七', 7, 8), ...professionalDays('T', SHORT, '钱七', 4, 8, 'PUBLIC', 20), record('U0', { person: { idNumber: SHORT, name: '钱七' }, hours: 1.5, completedOn: '2025-04-01' })]; // 56 + 32 + 1.5
    const res = await call('POST', `/institutions/${INST_A}/hour-records`, instA, { records: [...compliant, ...short] });
    expect(((await res.json()) as { summary: { created: number } }).summary.created).toBe(compliant.length + short.length);
  });

  it('tells an HR department whether a person met the year, with the shortfall', async () => {
    const issuer = await tokenFor({ group: 'issuer', tenant: '110000' });
    const ok = (await (await call('POST', '/learning-hours/lookup', issuer, { idNumber: COMPLIANT, name: '赵六', year: 2025 })).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ year: 2025, totalHours: 94, professionalHours: 64, publicHours: 30, compliant: true, required: { total: 90, professional: 60 } });
    const short = (await (await call('POST', '/learning-hours/lookup', issuer, { idNumber: SHORT, name: '钱七', year: 2025 })).json()) as Record<string, unknown>;
    expect(short).toMatchObject({ totalHours: 89.5, professionalHours: 57.5, compliant: false, shortfall: { total: 0.5, professional: 2.5 } });
  });

  it('applies a province\'s policy as data: Guangdong caps credited hours at 8 a day', async () => {
    const admin2 = await tokenFor({ group: 'admin' });
    const extra = idNumber('44030519950505006');
    await call('POST', `/institutions/${INST_A}/hour-records`, instA, { records: [record('GD1', { person: { idNumber: extra, name: '孙八' }, hours: 6 }), record('GD2', { person: { idNumber: extra, name: '孙八' }, hours: 6 })] });
    const national = (await (await call('POST', '/learning-hours/lookup', admin2, { idNumber: extra, name: '孙八', year: 2026 })).json()) as { totalHours: number };
    const guangdong = (await (await call('POST', '/learning-hours/lookup', admin2, { idNumber: extra, name: '孙八', year: 2026, region: '440300' })).json()) as { totalHours: number; policy: string };
    expect([national.totalHours, guangdong.totalHours]).toEqual([12, 8]);
  });

  it('hides records from a lookup with the wrong name, and keeps ID numbers out of URLs', async () => {
    const issuer = await tokenFor({ group: 'issuer', tenant: '110000' });
    // A wrong name answers like an ID number without records (test/e2e/learning-hours-lookups.test.ts).
    const wrong = await call('POST', '/learning-hours/lookup', issuer, { idNumber: COMPLIANT, name: '错名', year: 2025 });
    expect([wrong.status, await wrong.json()]).toEqual([200, expect.objectContaining({ totalHours: 0, records: [] })]);
    expect((await call('POST', '/learning-hours/lookup', instA, { idNumber: COMPLIANT, name: '赵六', year: 2025 })).status).toBe(403);
  });

  it('shows professionals their own hours and answers a title-review window year by year', async () => {
    const me = await tokenFor({ group: 'professional', tenant: COMPLIANT });
    const year = (await (await call('GET', '/me/learning-hours?year=2025', me)).json()) as { compliant: boolean; records: unknown[] };
    expect(year.compliant).toBe(true);
    expect(year.records).toHaveLength(12);
    const window = (await (await call('GET', '/me/learning-hours?fromYear=2024&toYear=2025', me)).json()) as { years: { year: number; compliant: boolean }[]; allMet: boolean };
    expect(window.years.map((y) => [y.year, y.compliant])).toEqual([[2024, false], [2025, true]]);
    expect(window.allMet).toBe(false);
    expect((await call('GET', '/me/learning-hours?year=2025&fromYear=2020', me)).status).toBe(400);
  });

  it('drops a voided record out of the totals', async () => {
    const me = await tokenFor({ group: 'professional', tenant: COMPLIANT });
    await call('POST', `/institutions/${INST_A}/hour-records/P0/void`, instA, { reason: '重复登记' });
    const after = (await (await call('GET', '/me/learning-hours?year=2025', me)).json()) as { totalHours: number; compliant: boolean; voidedRecords: { recordId: string }[] };
    expect(after).toMatchObject({ totalHours: 86, compliant: false });
    expect(after.voidedRecords.map((r) => r.recordId)).toEqual(['P0']);
  });
});

describe('the institution annual report', () => {
  it('answers JSON and a formula-safe CSV, to the institution itself and admins only', async () => {
    const evil = record('EVIL', { course: { code: '=cmd|calc', title: '=HYPERLINK("x")', category: 'PUBLIC' }, completedOn: '2026-06-01', hours: 2 });
    await call('POST', `/institutions/${INST_A}/hour-records`, instA, { records: [evil] });
    const json = (await (await call('GET', `/institutions/${INST_A}/annual-reports/2026`, instA)).json()) as { distinctTrainees: number; quota: number; quotaMet: boolean; courses: { code: string }[] };
    expect(json).toMatchObject({ quota: 500, quotaMet: false });
    expect(json.distinctTrainees).toBeGreaterThanOrEqual(2);
    expect(json.courses.map((c) => c.code)).toContain('=cmd|calc');
    const csv = await call('GET', `/institutions/${INST_A}/annual-reports/2026?format=csv`, admin);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain(`"'=cmd|calc"`);
    expect(text).not.toMatch(/(^|,)=/m);
    expect((await call('GET', `/institutions/${INST_A}/annual-reports/2026`, instB)).status).toBe(403);
  });
});

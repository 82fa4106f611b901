import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';
import { eventually } from '../support/eventually';

/*
 * Issue 13 item 4: one rule decides compliance for the professional's own view, an HR
 * department's lookup and the JX certificate (DESIGN §10): the employer's region for a person on
 * a staff list, else national (a lookup may name a region for a person on no list). And the
 * certificate's name comes from an authoritative source, not from the record that crossed the line.
 */
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const suffix = Date.now().toString(36).toUpperCase();
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const JIANGSU = '320000';

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const json = async <T = Record<string, unknown>>(res: Response | Promise<Response>) => (await (await res).json()) as T;

const record = (person: { idNumber: string; name: string }, recordId: string, hours: number, category: 'PUBLIC' | 'PROFESSIONAL', day: number) => ({
  recordId,
  person,
  course: { code: `JC-${category}`, title: category === 'PUBLIC' ? '公需科目' : '专业科目', category },
  hours,
  completedOn: `${YEAR}-01-${String(day).padStart(2, '0')}`,
});


interface Judged {
  compliant: boolean;
  policy: string;
  policyBasis: string;
  publicHours: number;
  nameReview: boolean;
  nameVariants?: string[];
}
interface MyCertificate {
  number: string;
  type: string;
  status: string;
}

let admin: string;
let inst: string;
let issuer: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  const INST = `E2E-JUDGE-${suffix}`;
  inst = await tokenFor({ group: 'institution', tenant: INST });
  issuer = await tokenFor({ group: 'issuer', tenant: JIANGSU });
  expect((await call('POST', '/institutions', admin, { id: INST, name: '江苏省继续教育基地（判定）', level: 'PROVINCIAL_BASE', region: JIANGSU })).status).toBe(201);
  (globalThis as { judgeInst?: string }).judgeInst = INST;
});
const instId = () => (globalThis as { judgeInst?: string }).judgeInst!;

describe('one compliance judgement for the own view, lookups and the JX certificate (npm start)', () => {
  // A Jiangsu professional with 90 professional and no public hours: compliant nationally, short in Jiangsu (30 public required).
  const PERSON = { idNumber: idNumber('32010219860214301'), name: '周明远' };
  const EMPLOYER = `EMP-JS-${suffix}`;
  const OTHER_EMPLOYER = `EMP-GD-${suffix}`;
  let me: string;
  let employer: string;
  let otherEmployer: string;
  let staffId: string;
  const myYear = () => json<Judged>(call('GET', `/me/learning-hours?year=${YEAR}`, me));
  const lookup = (region?: string) => json<Judged>(call('POST', '/learning-hours/lookup', issuer, { idNumber: PERSON.idNumber, name: PERSON.name, year: YEAR, ...(region ? { region } : {}) }));
  const jx = async () => (await json<{ certificates: MyCertificate[] }>(call('GET', '/me/certificates', me))).certificates.filter((c) => c.type === 'JX');

  beforeAll(async () => {
    me = await tokenFor({ group: 'professional', tenant: PERSON.idNumber });
    employer = await tokenFor({ group: 'employer', tenant: EMPLOYER, region: JIANGSU });
    otherEmployer = await tokenFor({ group: 'employer', tenant: OTHER_EMPLOYER, region: '440000' });
    const records = Array.from({ length: 9 }, (_, i) => record(PERSON, `JUDGE-P${i}`, 10, 'PROFESSIONAL', i + 1));
    expect((await call('POST', `/institutions/${instId()}/hour-records`, inst, { records })).status).toBe(200);
  });

  it('judges a person on no staff list nationally everywhere: a lookup by a Jiangsu issuer no longer applies its own region', async () => {
    const [certificate] = await eventually(jx, (l) => l.length === 1, 'the JX certificate');
    expect(certificate!.status).toBe('VALID');
    expect(await myYear()).toMatchObject({ compliant: true, policy: 'national', policyBasis: 'NATIONAL' });
    expect(await lookup()).toMatchObject({ compliant: true, policy: 'national', policyBasis: 'NATIONAL' });
    // Naming a region is an explicit question about that region's rule.
    expect(await lookup(JIANGSU)).toMatchObject({ compliant: false, policy: 'jiangsu', policyBasis: 'LOOKUP' });
  });

  it('registers employers with a checked unified social credit code', async () => {
    const bad = await call('POST', '/employers', admin, { id: EMPLOYER, name: '南京某研究院', region: '320100', creditCode: '91350100M000100Y44' });
    expect(bad.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path)).toEqual(['body.creditCode']);
    const created = await call('POST', '/employers', admin, { id: EMPLOYER, name: '南京某研究院', region: '320100', creditCode: '91350100m000100y43' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: EMPLOYER, region: '320100', creditCode: '91350100M000100Y43' });
    expect((await call('POST', '/employers', admin, { id: OTHER_EMPLOYER, name: '广州某设计院', region: '440100' })).status).toBe(201);
    expect((await call('POST', '/employers', admin, { id: EMPLOYER, name: '重复', region: '320100' })).status).toBe(409);
    expect((await call('POST', '/employers', employer, { id: 'EMP-X-1', name: 'x', region: '320100' })).status).toBe(403);
  });

  it("judges a person on a Jiangsu employer's staff by Jiangsu's policy in all three places: the JX certificate is suspended", async () => {
    const added = await json<{ summary: Record<string, number>; results: { status: string; staffId?: string }[] }>(
      call('POST', `/employers/${EMPLOYER}/staff`, employer, { items: [{ ...PERSON, employeeNo: 'E-001' }, { idNumber: '320102198602143019', name: '坏号码' }] }),
    );
    expect(added.summary).toEqual({ created: 1, duplicate: 0, conflict: 0, rejected: 1 });
    staffId = added.results[0]!.staffId!;
    expect(staffId).toMatch(/^[\w-]{22}$/);
    expect(JSON.stringify(added)).not.toContain(PERSON.idNumber);
    // Again: nothing changes. Another employer: the person's record is kept by one employer.
    expect((await json<{ results: { status: string }[] }>(call('POST', `/employers/${EMPLOYER}/staff`, employer, { items: [PERSON] }))).results[0]!.status).toBe('duplicate');
    expect((await json<{ results: { status: string }[] }>(call('POST', `/employers/${OTHER_EMPLOYER}/staff`, otherEmployer, { items: [PERSON] }))).results[0]!.status).toBe('conflict');
    expect((await call('POST', `/employers/${EMPLOYER}/staff`, otherEmployer, { items: [PERSON] })).status).toBe(403);

    await eventually(jx, (l) => l[0]?.status === 'SUSPENDED', 'the suspension under the employer region’s policy');
    expect(await myYear()).toMatchObject({ compliant: false, policy: 'jiangsu', policyBasis: 'EMPLOYER', publicHours: 0 });
    expect(await lookup()).toMatchObject({ compliant: false, policy: 'jiangsu', policyBasis: 'EMPLOYER' });
    // The employer's region decides for its staff, whatever region a lookup names.
    expect(await lookup('440000')).toMatchObject({ compliant: false, policy: 'jiangsu', policyBasis: 'EMPLOYER' });
  });

  it('judges the person nationally again once they leave, and restores the certificate', async () => {
    expect((await call('DELETE', `/employers/${EMPLOYER}/staff/${staffId}`, otherEmployer)).status).toBe(403);
    const removed = await call('DELETE', `/employers/${EMPLOYER}/staff/${staffId}`, employer);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ staffId, name: PERSON.name, idNumberMasked: '3201**********3016'.slice(0, 4) + '**********' + PERSON.idNumber.slice(-4) });
    expect((await call('DELETE', `/employers/${EMPLOYER}/staff/${staffId}`, employer)).status).toBe(404);
    const [restored] = await eventually(jx, (l) => l[0]?.status === 'VALID', 'the restoration');
    expect(await jx()).toHaveLength(1);
    expect(restored!.status).toBe('VALID');
    expect(await myYear()).toMatchObject({ compliant: true, policy: 'national', policyBasis: 'NATIONAL' });
  });
});

describe('the name on the JX certificate (npm start)', () => {
  const ID = idNumber('32058219900101552');
  let me: string;
  const jx = async () => (await json<{ certificates: MyCertificate[] }>(call('GET', '/me/certificates', me))).certificates.filter((c) => c.type === 'JX');

  beforeAll(async () => {
    me = await tokenFor({ group: 'professional', tenant: ID });
  });

  it('carries the name most records agree on, not the one on the record that crossed the line, and flags the year', async () => {
    const majority = { idNumber: ID, name: '刘洋' };
    const other = { idNumber: ID, name: '刘阳' };
    const first = [record(majority, 'NAME-1', 40, 'PROFESSIONAL', 3), record(majority, 'NAME-2', 40, 'PROFESSIONAL', 4)];
    expect((await call('POST', `/institutions/${instId()}/hour-records`, inst, { records: first })).status).toBe(200);
    // The record that completes the year names the person differently.
    expect((await call('POST', `/institutions/${instId()}/hour-records`, inst, { records: [record(other, 'NAME-3', 10, 'PROFESSIONAL', 5)] })).status).toBe(200);
    const [certificate] = await eventually(jx, (l) => l.length === 1, 'the JX certificate');
    const verify = (name: string) => fetch(api(`/public/certificates/${certificate!.number}?name=${encodeURIComponent(name)}`));
    expect((await verify('刘洋')).status).toBe(200);
    expect((await verify('刘阳')).status).toBe(404);
    const mine = await json<Judged>(call('GET', `/me/learning-hours?year=${YEAR}`, me));
    expect(mine).toMatchObject({ compliant: true, nameReview: true, nameVariants: ['刘洋', '刘阳'] });
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

/*
 * Every identity document of DESIGN §2 end to end against `npm start`: residence permits for
 * Hong Kong, Macao and Taiwan residents, foreign permanent resident cards (2023) and passports
 * are accepted wherever a person is named — certificates, hour records, CSV rosters, lookups,
 * experts, the professional's token — and each names one person by its own keyed hash.
 */
const suffix = Date.now().toString(36).toUpperCase();
const INST = `E2E-ID-${suffix}`;
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;

/** A birth date and sequence of this run, so numbers do not collide with other runs' data. */
const unique = (offset: number) => {
  const day = new Date(Date.UTC(1960, 0, 1) + ((Date.now() / 1000 + offset * 97) % 14_000) * 86_400_000);
  return `${day.toISOString().slice(0, 10).replace(/-/g, '')}${String((Date.now() + offset) % 1000).padStart(3, '0')}`;
};
const withCheck = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const HMT = withCheck(`810000${unique(1)}`);
const HMT_ROSTER = withCheck(`830000${unique(2)}`);
// 9, Shanghai (31), nationality 840 (USA) / 392 (Japan), birth date, sequence.
const FOREIGN = withCheck(`931840${unique(3)}`);
const FOREIGN_ROSTER = withCheck(`944392${unique(4)}`);
const PASSPORT = `E${suffix.slice(-8).padStart(8, '0')}`;
const PASSPORT_ROSTER = `K${suffix.slice(-7).padStart(7, '0')}`;

const call = (method: string, path: string, token: string | undefined, body?: unknown) =>
  fetch(api(path), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', 'accept-language': 'en' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async <T>(res: Promise<Response>) => (await (await res).json()) as T;

interface Problem {
  errors?: { path: string; message: string }[];
}
interface YearView {
  totalHours: number;
  professionalHours: number;
  records: { recordId: string; hours: number }[];
}

const record = (recordId: string, person: Record<string, string>, hours: number, category: 'PUBLIC' | 'PROFESSIONAL' = 'PROFESSIONAL', day = 10) => ({
  recordId,
  person,
  course: { code: `ID-${category}`, title: category === 'PUBLIC' ? '公需科目' : '专业科目', category },
  hours,
  completedOn: `${YEAR}-05-${String(day).padStart(2, '0')}`,
});

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

let admin: string;
let issuer: string;
let inst: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  issuer = await tokenFor({ group: 'issuer', tenant: '310000' });
  inst = await tokenFor({ group: 'institution', tenant: INST });
  expect((await call('POST', '/institutions', admin, { id: INST, name: '上海市继续教育基地', level: 'PROVINCIAL_BASE', region: '310000' })).status).toBe(201);
});

describe('certificates for holders of every document (npm start)', () => {
  const body = (holder: Record<string, string>) => ({
    type: 'ZC',
    region: '310000',
    holder,
    title: '高级工程师',
    issuerName: '上海市人力资源和社会保障局',
    issueDate: `${YEAR}-03-01`,
  });

  it('issues a certificate to a residence-permit holder, verifiable publicly, with only the masked number kept', async () => {
    const issued = await call('POST', '/certificates', issuer, body({ name: '陈大文', idNumber: HMT, idType: 'HMT_PERMIT' }));
    expect(issued.status).toBe(201);
    const { number, verifyToken } = (await issued.json()) as { number: string; verifyToken: string };

    const verified = await call('GET', `/public/certificates/${number}?name=${encodeURIComponent('陈大文')}`, undefined);
    expect(verified.status).toBe(200);
    const answer = await verified.json();
    expect(answer).toMatchObject({ number, status: 'VALID', holderName: '陈*文' });
    expect(JSON.stringify(answer)).not.toContain(HMT.slice(6, 14));
    expect(await json(call('GET', `/public/verify/${verifyToken}`, undefined))).toMatchObject({ number, status: 'VALID' });

    const managed = await json<{ idNumberMasked: string }>(call('GET', `/certificates/${number}`, issuer));
    expect(managed.idNumberMasked).toBe(`810***********${HMT.slice(-4)}`);
  });

  it('refuses a permit number given as a resident ID number, and a wrong check character, on the field at fault', async () => {
    const asResident = await call('POST', '/certificates', issuer, body({ name: '陈大文', idNumber: HMT }));
    expect(asResident.status).toBe(400);
    expect(((await asResident.json()) as Problem).errors).toEqual([expect.objectContaining({ path: 'body.holder.idNumber', message: expect.stringContaining('HMT_PERMIT') })]);
    const wrongCheck = `${HMT.slice(0, 17)}${HMT[17] === '0' ? '1' : '0'}`;
    const refused = await call('POST', '/certificates', issuer, body({ name: '陈大文', idNumber: wrongCheck, idType: 'HMT_PERMIT' }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).errors!.map((e) => e.path)).toEqual(['body.holder.idNumber']);
  });

  it('issues in a batch item by item: a passport holder is created, a passport with an unknown country rejected on idCountry', async () => {
    const res = await call('POST', '/certificates:batch', issuer, {
      items: [body({ name: 'Jane Doe', idNumber: PASSPORT, idType: 'PASSPORT', idCountry: 'USA' }), body({ name: 'Jane Doe', idNumber: PASSPORT, idType: 'PASSPORT', idCountry: 'XYZ' })],
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string; errors?: { path: string }[] }[] };
    expect(results[0]).toMatchObject({ status: 'created' });
    expect(results[1]).toMatchObject({ status: 'rejected', errors: [{ path: 'items[1].holder.idCountry' }] });
  });
});

describe('hours for a foreign permanent resident and a passport holder (npm start)', () => {
  const foreigner = { idNumber: FOREIGN, idType: 'FOREIGN_PR', name: 'John Smith' };
  const traveller = { idNumber: PASSPORT.toLowerCase().replace(/(.{4})/, '$1 '), idType: 'PASSPORT', idCountry: 'usa', name: 'Jane Doe' };

  it('posts them and finds each by lookup with its type; the same number under another country or type is someone else', async () => {
    const posted = await json<{ summary: Record<string, number> }>(
      call('POST', `/institutions/${INST}/hour-records`, inst, {
        records: [record('F-1', foreigner, 12), record('P-1', traveller, 50, 'PROFESSIONAL', 11), record('P-2', traveller, 20, 'PROFESSIONAL', 12), record('P-3', traveller, 24, 'PUBLIC', 13)],
      }),
    );
    expect(posted.summary).toMatchObject({ created: 4, rejected: 0 });

    const lookup = (who: Record<string, string>) => json<YearView>(call('POST', '/learning-hours/lookup', admin, { ...who, year: YEAR }));
    expect(await lookup(foreigner)).toMatchObject({ totalHours: 12, records: [{ recordId: 'F-1', hours: 12 }] });
    const found = await lookup({ ...traveller, idNumber: PASSPORT });
    expect(found).toMatchObject({ totalHours: 94, professionalHours: 70 });
    expect(found.records.map((r) => r.recordId).sort()).toEqual(['P-1', 'P-2', 'P-3']);

    expect((await lookup({ ...traveller, idCountry: 'CAN' })).totalHours).toBe(0);
    const asResident = await call('POST', '/learning-hours/lookup', admin, { ...foreigner, idType: 'RESIDENT', year: YEAR });
    expect(asResident.status).toBe(400);
    expect(((await asResident.json()) as Problem).errors!.map((e) => e.path)).toEqual(['body.idNumber']);
  });

  it('refuses a passport without its country in a posted record, naming the field', async () => {
    const res = await json<{ results: { status: string; errors?: { path: string }[] }[] }>(
      call('POST', `/institutions/${INST}/hour-records`, inst, { records: [record('P-X', { idNumber: PASSPORT, idType: 'PASSPORT', name: 'Jane Doe' }, 2)] }),
    );
    expect(res.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'records[0].person.idCountry' }] });
  });

  it('a professional token for the passport holder sees their hours, and the met year brings a national JX certificate', async () => {
    const me = await tokenFor({ group: 'professional', tenant: PASSPORT, idType: 'PASSPORT', idCountry: 'USA' });
    expect(JSON.stringify(decodeJwt(me))).not.toContain(PASSPORT);
    const mine = await json<YearView>(call('GET', `/me/learning-hours?year=${YEAR}`, me));
    expect(mine).toMatchObject({ totalHours: 94, professionalHours: 70 });
    expect(mine.records.map((r) => r.recordId).sort()).toEqual(['P-1', 'P-2', 'P-3']);

    // 94 hours, 70 professional: the year is met; the JX certificate's region is national (a passport names no province).
    const jx = await eventually(
      async () => (await json<{ certificates: { number: string; type: string }[] }>(call('GET', '/me/certificates', me))).certificates.filter((c) => c.type === 'JX'),
      (list) => list.length > 0,
      'the JX certificate',
    );
    expect(jx[0]!.number).toMatch(/^JX000000/);
    expect(await json(call('GET', `/public/certificates/${jx[0]!.number}?name=${encodeURIComponent('Jane Doe')}`, undefined))).toMatchObject({ status: 'VALID' });
  });

  it('the token command takes the document type and country, positionally or as flags, and keeps the resident form', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, TSP_LOCAL_DIR: inject('localDir') };
    const cli = async (...args: string[]) => (await run('node_modules/.bin/tsx', ['infra/local/token-cli.ts', ...args], { env })).stdout.trim();
    const [positional, flags, resident, missingCountry] = await Promise.all([
      cli('professional', PASSPORT, 'PASSPORT', 'USA'),
      cli('professional', PASSPORT.toLowerCase(), '--id-type', 'passport', '--id-country=usa'),
      cli('professional', '11010519491231002X'),
      cli('professional', PASSPORT, 'PASSPORT').then(
        () => 'accepted',
        (error: { stderr: string }) => error.stderr,
      ),
    ]);
    expect(decodeJwt(positional)['custom:personId']).toBe(decodeJwt(flags)['custom:personId']);
    expect((await json<YearView>(call('GET', `/me/learning-hours?year=${YEAR}`, flags))).totalHours).toBe(94);

    const fromTests = await tokenFor({ group: 'professional', tenant: '11010519491231002X' });
    expect(decodeJwt(resident)['custom:personId']).toBe(decodeJwt(fromTests)['custom:personId']);
    expect(missingCountry).toMatch(/idCountry/);
  });
});

describe('a CSV roster with a 证件类型 column (npm start)', () => {
  it('ingests rows of every document type and rejects an unknown type by column', async () => {
    const csv = [
      '记录编号,证件类型,证件号码,证件国家,姓名,课程代码,课程名称,科目类别,学时,完成日期',
      `RS-1,港澳台居民居住证,${HMT_ROSTER},,林志明,CE-1,专题,专业科目,8,${YEAR}/6/1`,
      `RS-2,外国人永久居留身份证,${FOREIGN_ROSTER},,Yamada Taro,CE-1,专题,专业科目,6,${YEAR}/6/1`,
      `RS-3,护照,${PASSPORT_ROSTER},GBR,Tom Brown,CE-1,专题,公需科目,4,${YEAR}/6/1`,
      `RS-4,,11010519491231002X,,张三,CE-1,专题,专业科目,2,${YEAR}/6/1`,
      `RS-5,驾驶证,11010519491231002X,,张三,CE-1,专题,专业科目,2,${YEAR}/6/1`,
      `RS-6,PASSPORT,${PASSPORT_ROSTER},,Tom Brown,CE-1,专题,公需科目,4,${YEAR}/6/2`,
    ].join('\r\n');
    const created = await json<{ uploadId: string; uploadUrl: string }>(call('POST', `/institutions/${INST}/roster-uploads`, inst));
    expect((await fetch(created.uploadUrl, { method: 'PUT', body: `\uFEFF${csv}\r\n` })).status).toBe(200);

    const view = await eventually(
      () => json<{ status: string; counts: Record<string, number>; resultUrl?: string }>(call('GET', `/institutions/${INST}/roster-uploads/${created.uploadId}`, inst)),
      (v) => v.status === 'DONE' || v.status === 'FAILED',
      'the roster',
    );
    expect(view).toMatchObject({ status: 'DONE', counts: { created: 4, rejected: 2 } });
    const result = await (await fetch(view.resultUrl!)).text();
    expect(result).toMatch(/RS-5,rejected,idType: /);
    expect(result).toMatch(/RS-6,rejected,idCountry: /);

    const lookup = (who: Record<string, string>) => json<YearView>(call('POST', '/learning-hours/lookup', admin, { ...who, year: YEAR }));
    expect((await lookup({ idNumber: HMT_ROSTER, idType: 'HMT_PERMIT', name: '林志明' })).totalHours).toBe(8);
    expect((await lookup({ idNumber: FOREIGN_ROSTER, idType: 'FOREIGN_PR', name: 'Yamada Taro' })).totalHours).toBe(6);
    expect((await lookup({ idNumber: PASSPORT_ROSTER, idType: 'PASSPORT', idCountry: 'GBR', name: 'Tom Brown' })).totalHours).toBe(4);
  });
});

describe('experts and staff lists (npm start)', () => {
  it('links an expert by a passport, refusing one without its country', async () => {
    const expert = (extra: Record<string, string>) => ({
      // A discipline no other e2e file uses: the runtime under test is shared, and expert-matching.test.ts ranks every expert of 21040.
      name: 'Jane Doe',
      fields: ['43040'],
      region: '310100',
      titleLevel: 'SENIOR',
      serviceForms: ['TECH_GUIDANCE'],
      capacity: 1,
      availableFrom: `${YEAR}-01-01`,
      availableTo: `${YEAR + 3}-12-31`,
      ...extra,
    });
    const refused = await call('POST', '/experts', admin, expert({ id: `EXP-ID-${suffix}`, idNumber: PASSPORT, idType: 'PASSPORT' }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).errors!.map((e) => e.path)).toEqual(['body.idCountry']);
    const created = await call('POST', '/experts', admin, expert({ id: `EXP-ID-${suffix}`, idNumber: PASSPORT, idType: 'PASSPORT', idCountry: 'USA' }));
    expect(created.status).toBe(201);
    expect(JSON.stringify(await created.json())).not.toContain(PASSPORT);
  });

  it('puts a residence-permit holder and a passport holder on an employer\'s staff list, keeping only masked forms', async () => {
    const EMPLOYER = `EMP-ID-${suffix}`;
    expect((await call('POST', '/employers', admin, { id: EMPLOYER, name: '上海某设计院', region: '310100' })).status).toBe(201);
    const employer = await tokenFor({ group: 'employer', tenant: EMPLOYER, region: '310000' });
    const added = await json<{ results: { status: string; errors?: { path: string }[] }[] }>(
      call('POST', `/employers/${EMPLOYER}/staff`, employer, {
        items: [
          { idNumber: HMT, idType: 'HMT_PERMIT', name: '陈大文' },
          { idNumber: PASSPORT, idType: 'PASSPORT', idCountry: 'USA', name: 'Jane Doe' },
          { idNumber: HMT, name: '陈大文' },
        ],
      }),
    );
    expect(added.results.map((r) => r.status)).toEqual(['created', 'created', 'rejected']);
    expect(added.results[2]!.errors!.map((e) => e.path)).toEqual(['items[2].idNumber']);
    const staff = JSON.stringify(await json(call('GET', `/employers/${EMPLOYER}/staff/compliance?year=${YEAR}`, employer)));
    expect(staff).toContain(`810***********${HMT.slice(-4)}`);
    expect(staff).not.toContain(PASSPORT);
    expect(staff).not.toContain(HMT);
  });
});

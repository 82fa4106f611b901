import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';
import { eventually } from '../support/eventually';

const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const PERSON = idNumber('44010619900307551');
const NAME = '陈思远';
const suffix = Date.now().toString(36).toUpperCase();
const INST = `E2E-EV-${suffix}`;
const YEAR = 2025;

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const record = (recordId: string, hours: number, category: 'PUBLIC' | 'PROFESSIONAL', day: number) => ({
  recordId,
  person: { idNumber: PERSON, name: NAME },
  course: { code: `C-${category}`, title: category === 'PUBLIC' ? '公需科目' : '专业科目', category },
  hours,
  completedOn: `${YEAR}-03-${String(day).padStart(2, '0')}`,
});

interface MyCertificate {
  number: string;
  type: string;
  status: string;
  hours?: { total: number; professional: number; public: number };
}


let admin: string;
let inst: string;
let me: string;
const jxCertificates = async () =>
  ((await (await call('GET', '/me/certificates', me)).json()) as { certificates: MyCertificate[] }).certificates.filter((c) => c.type === 'JX');

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  inst = await tokenFor({ group: 'institution', tenant: INST });
  me = await tokenFor({ group: 'professional', tenant: PERSON });
  expect((await call('POST', '/institutions', admin, { id: INST, name: '广东省继续教育基地', level: 'PROVINCIAL_BASE', region: '440000' })).status).toBe(201);
});

describe('flow 1: meeting a year issues the continuing-education certificate (npm start)', () => {
  let number: string;

  it('issues one JX certificate once the year is met, with the hours on it, verifiable publicly', async () => {
    // 64 professional + 20 public = 84: not yet.
    const first = [...Array.from({ length: 8 }, (_, i) => record(`P${i}`, 8, 'PROFESSIONAL', i + 1)), record('U1', 10, 'PUBLIC', 20), record('U2', 10, 'PUBLIC', 21)];
    expect((await call('POST', `/institutions/${INST}/hour-records`, inst, { records: first })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await jxCertificates()).toEqual([]);

    expect((await call('POST', `/institutions/${INST}/hour-records`, inst, { records: [record('U3', 8, 'PUBLIC', 22)] })).status).toBe(200);
    const [jx] = await eventually(jxCertificates, (l) => l.length > 0, 'the JX certificate');
    expect(jx).toMatchObject({ status: 'VALID', hours: { total: 92, professional: 64, public: 28 } });
    number = jx!.number;
    expect(number).toMatch(/^JX440000/);

    const verified = await fetch(api(`/public/certificates/${number}?name=${encodeURIComponent(NAME)}`));
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ status: 'VALID' });
  });

  it('suspends it when voided hours pull the year under, and restores it when the year is met again', async () => {
    expect((await call('POST', `/institutions/${INST}/hour-records/P7/void`, inst, { reason: '重复登记' })).status).toBe(200);
    await eventually(jxCertificates, (l) => l[0]?.status === 'SUSPENDED', 'the suspension');

    expect((await call('POST', `/institutions/${INST}/hour-records`, inst, { records: [record('P8', 8, 'PROFESSIONAL', 25)] })).status).toBe(200);
    const [restored] = await eventually(jxCertificates, (l) => l[0]?.status === 'VALID', 'the restoration');
    expect(restored!.number).toBe(number);
    expect(await jxCertificates()).toHaveLength(1);
  });
});

describe('flow 2: an expert’s service counts as their own learning (npm start)', () => {
  const EXPERT_ID_NUMBER = idNumber('32010219800101123');
  const EXPERT = `EXP-EV-${suffix}`;
  const serviceYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  let needId: string;
  let unit: string;
  let expert: string;
  let expertAsLearner: string;

  interface MyHours {
    professionalHours: number;
    records: { institutionId: string; hours: number }[];
    voidedRecords: { institutionId: string; voided?: { reason: string } }[];
  }
  const myHours = async () => (await (await call('GET', `/me/learning-hours?year=${serviceYear}`, expertAsLearner)).json()) as MyHours;

  beforeAll(async () => {
    unit = await tokenFor({ group: 'unit', tenant: `UNIT-EV-${suffix}` });
    expert = await tokenFor({ group: 'expert', tenant: EXPERT });
    expertAsLearner = await tokenFor({ group: 'professional', tenant: EXPERT_ID_NUMBER });
    const registered = await call('POST', '/experts', admin, {
      id: EXPERT,
      name: '王五',
      idNumber: EXPERT_ID_NUMBER,
      // A discipline and a region no other e2e file uses: the runtime under test is shared.
      fields: ['23030'],
      keywords: ['动物疫病'],
      region: '320100',
      titleLevel: 'SENIOR',
      serviceForms: ['TECH_GUIDANCE'],
      capacity: 3,
      availableFrom: `${serviceYear}-01-01`,
      availableTo: `${serviceYear + 2}-12-31`,
    });
    expect(registered.status).toBe(201);
    const need = await call('POST', '/needs', unit, {
      title: '动物疫病防控',
      description: '养殖合作社需要动物疫病防控技术指导',
      fields: ['23030'],
      region: '630100',
      serviceForm: 'TECH_GUIDANCE',
      expertsWanted: 1,
      window: { from: `${serviceYear + 1}-05-01`, to: `${serviceYear + 1}-07-31` },
    });
    ({ needId } = (await need.json()) as { needId: string });
    await eventually(async () => (await call('POST', `/needs/${needId}/proposals/${EXPERT}/accept`, expert)).status, (s) => s === 200, 'the proposal to accept');
  });

  it('credits the service hours once as professional hours from the platform, and voids them when the record is withdrawn', async () => {
    const filed = await call('POST', `/needs/${needId}/service-records`, expert, { hours: 16, form: 'TECH_GUIDANCE', date: `${serviceYear}-01-02`, summary: '现场指导疫病防控' });
    expect(filed.status).toBe(201);
    expect(await filed.json()).not.toHaveProperty('learner');

    const credited = await eventually(myHours, (h) => h.records.some((r) => r.institutionId === 'PLATFORM-EXPERT-SERVICE'), 'the credit');
    expect(credited.records.filter((r) => r.institutionId === 'PLATFORM-EXPERT-SERVICE')).toEqual([expect.objectContaining({ hours: 16 })]);
    expect(credited.professionalHours).toBe(16);

    expect((await call('POST', `/needs/${needId}/service-records/${EXPERT}/withdraw`, expert, { reason: '服务记录重复填报' })).status).toBe(200);
    const voided = await eventually(myHours, (h) => h.voidedRecords.length === 1, 'the void');
    expect(voided.records.filter((r) => r.institutionId === 'PLATFORM-EXPERT-SERVICE')).toEqual([]);
    expect(voided.voidedRecords[0]!.voided!.reason).toBe('服务记录重复填报');
    expect(voided.professionalHours).toBe(0);
  });
});

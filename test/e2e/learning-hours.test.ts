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
});

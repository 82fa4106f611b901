import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/tokens';

const suffix = Date.now().toString(36).toUpperCase().slice(-6);
const id = (name: string) => `${name}-${suffix}`;
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const from = `${YEAR + 1}-03-01`;
const to = `${YEAR + 1}-06-30`;

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const json = async <T = Record<string, unknown>>(res: Response | Promise<Response>) => (await (await res).json()) as T;

const expert = (name: string, overrides: Record<string, unknown>) => ({
  id: id(name),
  name,
  fields: ['21040'],
  keywords: ['温室大棚', '设施蔬菜'],
  region: '320100',
  categories: [],
  titleLevel: 'SENIOR',
  serviceForms: ['TECH_GUIDANCE', 'LECTURE'],
  capacity: 2,
  availableFrom: `${YEAR}-01-01`,
  availableTo: `${YEAR + 2}-12-31`,
  ...overrides,
});

interface Proposal {
  expertId: string;
  status: string;
  score: number;
  reasons: string[];
  factors: { factor: string; points: number }[];
}
interface NeedView {
  status: string;
  acceptedCount: number;
  proposals: Proposal[];
  shortfall?: { cause: string; reason: string };
}

async function needOnceMatched(token: string, needId: string): Promise<NeedView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const need = await json<NeedView>(call('GET', `/needs/${needId}`, token));
    if (need.status !== 'SUBMITTED' || Date.now() > deadline) return need;
    await new Promise((r) => setTimeout(r, 250));
  }
}

let admin: string;
let unit: string;
let otherUnit: string;
const tokens = new Map<string, string>();
const expertToken = async (name: string) => tokens.get(name) ?? tokens.set(name, await tokenFor({ group: 'expert', tenant: id(name) })).get(name)!;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  unit = await tokenFor({ group: 'unit', tenant: id('UNIT') });
  otherUnit = await tokenFor({ group: 'unit', tenant: id('UNIT2') });
  const pool = [
    expert('GREENHOUSE', { keywords: ['温室大棚', '设施农业', '滴灌'], region: '320100' }), // east (Jiangsu)
    expert('VEGETABLE', { keywords: ['设施蔬菜', '无土栽培'], region: '510100' }), // west (Sichuan)
    expert('ORCHARD', { keywords: ['果树', '修剪'], region: '410100' }), // central (Henan)
    expert('RESTING', { status: 'INACTIVE' }),
    expert('FINANCE', { fields: ['79015'], keywords: ['金融', '小额信贷'] }),
  ];
  for (const body of pool) expect((await call('POST', '/experts', admin, body)).status).toBe(201);
});

describe('expert matching end to end (npm start)', () => {
  let needId: string;

  it('matches a submitted need through the stream: ranked proposals with score and reasons', async () => {
    const res = await call('POST', '/needs', unit, {
      title: '设施农业温室大棚技术指导',
      description: '合作社新建日光温室 30 栋，需要温室大棚环境调控和设施蔬菜栽培技术指导。',
      fields: ['21040'],
      keywords: ['温室', '设施农业'],
      region: '620100',
      serviceForm: 'TECH_GUIDANCE',
      expertsWanted: 2,
      window: { from, to },
    });
    expect(res.status).toBe(202);
    ({ needId } = await json<{ needId: string }>(res));

    const need = await needOnceMatched(unit, needId);
    expect(need.status).toBe('PROPOSED');
    expect(need.proposals.map((p) => p.expertId)).toEqual([id('GREENHOUSE'), id('VEGETABLE')]);
    const [best] = need.proposals;
    expect(best!.score).toBeGreaterThan(need.proposals[1]!.score);
    expect(best!.reasons.join(' ')).toMatch(/east/i);
    expect(best!.factors.map((f) => f.factor)).toEqual(expect.arrayContaining(['FIELDS', 'KEYWORDS', 'REGION', 'LOAD']));
  });

  it('keeps the need to its unit, and proposals to their expert', async () => {
    expect((await call('GET', `/needs/${needId}`, otherUnit)).status).toBe(404);
    expect((await call('POST', `/needs/${needId}/proposals/${id('GREENHOUSE')}/accept`, await expertToken('VEGETABLE'))).status).toBe(403);
  });

  it('says why an expert is not proposed: the blocking rule, or their score and rank', async () => {
    const resting = await json(call('GET', `/needs/${needId}/candidates/${id('RESTING')}`, unit));
    expect(resting).toMatchObject({ eligible: false, blockedBy: { rule: 'INACTIVE' } });
    const orchard = await json(call('GET', `/needs/${needId}/candidates/${id('ORCHARD')}`, unit));
    // Only ORCHARD is still free and feasible among this file's experts.
    expect(orchard).toMatchObject({ eligible: true, rank: 1 });
  });

  it('proposes the next best expert after a decline, then confirms when enough accept', async () => {
    const declined = await json<{ replacement: Proposal | null }>(call('POST', `/needs/${needId}/proposals/${id('VEGETABLE')}/decline`, await expertToken('VEGETABLE'), { reason: '档期冲突' }));
    expect(declined.replacement).toMatchObject({ expertId: id('ORCHARD'), status: 'PROPOSED' });
    expect((await call('POST', `/needs/${needId}/proposals/${id('VEGETABLE')}/accept`, await expertToken('VEGETABLE'))).status).toBe(409);

    expect((await call('POST', `/needs/${needId}/proposals/${id('GREENHOUSE')}/accept`, await expertToken('GREENHOUSE'))).status).toBe(200);
    const last = await json<{ need: { status: string } }>(call('POST', `/needs/${needId}/proposals/${id('ORCHARD')}/accept`, await expertToken('ORCHARD')));
    expect(last.need.status).toBe('CONFIRMED');
    expect(await json(call('GET', `/experts/${id('GREENHOUSE')}`, admin))).toMatchObject({ load: 1 });
  });

  it('records services and feedback, and the programme statistics reflect them', async () => {
    const service = (name: string, hours: number) =>
      call('POST', `/needs/${needId}/service-records`, tokens.get(name)!, { hours, form: 'TECH_GUIDANCE', date: `${YEAR}-01-01`, summary: '现场指导温室环境调控' });
    expect((await service('GREENHOUSE', 16)).status).toBe(201);
    expect((await service('GREENHOUSE', 16)).status).toBe(409);
    expect((await service('ORCHARD', 8)).status).toBe(201);
    expect((await call('POST', `/needs/${needId}/feedback`, unit, { rating: 5, comment: '指导及时、实用' })).status).toBe(201);
    expect((await call('POST', `/needs/${needId}/feedback`, unit, { rating: 4 })).status).toBe(409);

    expect(await json(call('GET', `/needs/${needId}`, unit))).toMatchObject({ status: 'COMPLETED', feedback: { rating: 5 } });
    // The runtime under test is fresh, and only this file submits needs in Gansu (62).
    expect(await json(call('GET', `/matching/stats?region=620100&year=${YEAR}`, admin))).toEqual({
      scope: '620000',
      year: YEAR,
      needsReceived: 1,
      needsMatched: 1,
      needsConfirmed: 1,
      needsCompleted: 1,
      expertsEngaged: 2,
      serviceHours: 24,
      averageRating: 5,
      ratings: 1,
      // Jiangsu (east) serving Gansu (west); Henan is central.
      eastToWest: { services: 1, hours: 16 },
    });
    expect(await json(call('GET', `/experts/${id('GREENHOUSE')}`, admin))).toMatchObject({ load: 0, reliability: { completed: 1, ratingCount: 1, ratingSum: 5 } });
  });

  it('names the constraint that empties the pool when nobody is feasible', async () => {
    const res = await call('POST', '/needs', unit, {
      title: '决策咨询',
      description: '园艺产业规划决策咨询',
      fields: ['21040'],
      region: '620100',
      serviceForm: 'DECISION_CONSULTING',
      expertsWanted: 1,
      window: { from, to },
    });
    const need = await needOnceMatched(unit, (await json<{ needId: string }>(res)).needId);
    expect(need).toMatchObject({ status: 'NO_MATCH', proposals: [], shortfall: { cause: 'FORM_NOT_OFFERED' } });
  });

  it('answers bad input with problem+json and field paths', async () => {
    const res = await call('POST', '/needs', unit, { title: 'x', description: 'y', fields: ['99999'], region: '620100', serviceForm: 'NOPE', expertsWanted: 9, window: { from: to, to: from } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = (await json<{ errors: { path: string }[] }>(res)).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.fields[0]', 'body.serviceForm', 'body.expertsWanted']));
  });

  it('declines a proposal sent with no body at all: a body of optional fields is optional', async () => {
    // Its own discipline and region (Qinghai), so the needs and statistics above are untouched.
    expect((await call('POST', '/experts', admin, expert('FORESTER', { fields: ['22045'], keywords: ['经济林', '核桃'], region: '630100' }))).status).toBe(201);
    const res = await call('POST', '/needs', unit, {
      title: '核桃经济林栽培技术指导',
      description: '合作社种植核桃经济林，需要整形修剪和病虫害防治技术指导。',
      fields: ['22045'],
      keywords: ['经济林', '核桃'],
      region: '630100',
      serviceForm: 'TECH_GUIDANCE',
      expertsWanted: 1,
      window: { from, to },
    });
    expect(res.status).toBe(202);
    const { needId: forestNeed } = await json<{ needId: string }>(res);
    const need = await needOnceMatched(unit, forestNeed);
    expect(need.status).toBe('PROPOSED');
    const proposed = need.proposals[0]!.expertId;
    const expertBearer = await tokenFor({ group: 'expert', tenant: proposed });
    // No body and no content-type, as `curl -X POST` sends it.
    const declined = await fetch(api(`/needs/${forestNeed}/proposals/${proposed}/decline`), { method: 'POST', headers: { authorization: `Bearer ${expertBearer}` } });
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({ proposal: { expertId: proposed, status: 'DECLINED' } });
  });
});

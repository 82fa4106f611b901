import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

/*
 * Issue 13 item 2: an HR lookup compares the full name (张四 does not open 张三's record though
 * both mask to 张*), a wrong name answers exactly like an unknown ID number, and every lookup
 * that matched shows in the professional's own view: who, when, for which years.
 */
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const seq = () => String(Math.floor(Math.random() * 1000)).padStart(3, '0');
const PERSON = idNumber(`32050119770707${seq()}`);
const UNKNOWN = idNumber(`32050119770708${seq()}`);
const INST = `E2E-LK-${Date.now().toString(36).toUpperCase()}`;

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

interface Lookup {
  at: string;
  by: string;
  region?: string;
  years: number[];
}

let admin: string;
let issuer: string;
let startedAt: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  issuer = await tokenFor({ group: 'issuer', tenant: '320000' });
  const inst = await tokenFor({ group: 'institution', tenant: INST });
  expect((await call('POST', '/institutions', admin, { id: INST, name: '查询测试培训基地', level: 'ACCREDITED', region: '320000' })).status).toBe(201);
  const record = (recordId: string, hours: number, completedOn: string) => ({
    recordId,
    person: { idNumber: PERSON, name: '张三' },
    course: { code: 'LK-1', title: '专业课程', category: 'PROFESSIONAL' },
    hours,
    completedOn,
  });
  const res = await call('POST', `/institutions/${INST}/hour-records`, inst, { records: [record('LK1', 8, '2025-03-01'), record('LK2', 6, '2025-04-01'), record('LK3', 4, '2024-05-01')] });
  expect(((await res.json()) as { summary: { created: number } }).summary.created).toBe(3);
  startedAt = new Date().toISOString();
});

describe('HR lookups compare the full name (npm start)', () => {
  it('answers a name that only masks the same (张四 for 张三) exactly like an unknown ID number', async () => {
    const wrong = await call('POST', '/learning-hours/lookup', issuer, { idNumber: PERSON, name: '张四', year: 2025 });
    const unknown = await call('POST', '/learning-hours/lookup', issuer, { idNumber: UNKNOWN, name: '张三', year: 2025 });
    expect([wrong.status, unknown.status]).toEqual([200, 200]);
    const [wrongBody, unknownBody] = [await wrong.text(), await unknown.text()];
    expect(wrongBody).toBe(unknownBody);
    expect(JSON.parse(wrongBody)).toMatchObject({ year: 2025, totalHours: 0, records: [], voidedRecords: [] });
    expect(wrong.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  });

  it('shows the hours for the full name, normalised as certificates compare names', async () => {
    const right = await call('POST', '/learning-hours/lookup', issuer, { idNumber: PERSON, name: '张三', year: 2025 });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ year: 2025, totalHours: 14, professionalHours: 14, records: [{ recordId: 'LK1' }, { recordId: 'LK2' }] });
    const spaced = (await (await call('POST', '/learning-hours/lookup', admin, { idNumber: PERSON, name: ' 张 三 ', fromYear: 2024, toYear: 2025 })).json()) as { years: { totalHours: number }[] };
    expect(spaced.years.map((y) => y.totalHours)).toEqual([4, 14]);
  });

  it("lists each lookup that matched in the professional's own view: who, when, which years — never a token", async () => {
    const me = await tokenFor({ group: 'professional', tenant: PERSON });
    const res = await call('GET', '/me/learning-hours?year=2025', me);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { totalHours: number; lookups: Lookup[] };
    expect(body.totalHours).toBe(14);
    // Newest first: the admin's window lookup, then the issuer's; the wrong-name lookup named nobody and is not logged.
    expect(body.lookups.map(({ by, region, years }) => ({ by, region, years }))).toEqual([
      { by: expect.stringMatching(/^admin:/), region: undefined, years: [2024, 2025] },
      { by: 'issuer:320000', region: '320000', years: [2025] },
    ]);
    for (const l of body.lookups) {
      expect(l.at >= startedAt && l.at <= new Date().toISOString()).toBe(true);
    }
    for (const token of [issuer, admin]) expect(text).not.toContain(token.split('.')[2]!);
    // The window view carries the same log.
    const window = (await (await call('GET', '/me/learning-hours?fromYear=2024&toYear=2025', me)).json()) as { lookups: Lookup[] };
    expect(window.lookups).toHaveLength(2);
  });

  it('logs nothing for a person nobody matched', async () => {
    const stranger = await tokenFor({ group: 'professional', tenant: UNKNOWN });
    const body = (await (await call('GET', '/me/learning-hours?year=2025', stranger)).json()) as { lookups: Lookup[] };
    expect(body.lookups).toEqual([]);
  });
});

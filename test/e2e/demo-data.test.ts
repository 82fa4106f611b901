import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDemoData, type DemoResult } from '../../infra/local/demo/load';
import { api, tokenFor } from '../support/tokens';

/*
 * The demo data loader (npm run demo / npm start -- --demo) at a twentieth of its size, against
 * the e2e runtime: the README's three walk-throughs work on what it loaded, and loading again
 * adds nothing. Its own prefix, provinces (no other e2e file uses 22, 33, 35, 36, 43, 46, 52) and
 * disciplines (none of the groups other files' experts are in) keep it apart from the other files.
 */
const options = {
  scale: 0.05,
  seed: 77,
  prefix: 'DT-',
  provinces: ['33', '35', '36', '43', '52', '22', '46'],
  nationwideMatching: false,
  avoidDisciplineGroups: ['160', '210', '230', '240', '790'],
  token: tokenFor,
  log: () => {},
  concurrency: 4,
};

let first: DemoResult;

async function json(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(api(path), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('demo data', () => {
  beforeAll(async () => {
    first = await loadDemoData({ ...options, baseUrl: inject('baseUrl'), ledgerPath: join(inject('localDir'), 'demo-ledger-test.json') });
  }, 240_000);

  it('loads every part of the data set at a small scale', () => {
    expect(first.learningHours.institutions.length).toBe(2 + 2 * options.provinces.length);
    expect(first.learningHours.people.length).toBe(25);
    expect(new Set(first.learningHours.people.map((p) => p.profile))).toEqual(new Set(['COMPLIANT', 'SHORT_TOTAL', 'SHORT_PROFESSIONAL', 'VOIDED_SHORT']));
    expect(first.certificates.certificates.length).toBe(150);
    expect(new Set(first.certificates.certificates.map((c) => c.body.type))).toEqual(new Set(['ZC', 'ZY', 'JD', 'JX', 'PX']));
    expect(first.certificates.numbers.size).toBe(150);
    expect(first.expertMatching.experts).toBe(15);
    expect(new Set(first.expertMatching.needs.map((n) => n.status)).size).toBeGreaterThanOrEqual(2);
    expect(first.cases.cases.map((c) => c.status)).toContain('PUBLISHED');
    expect(first.cases.cases.map((c) => c.status)).toContain('DRAFT');
    expect(first.created).toBeGreaterThan(0);
  });

  it('walk-through 1: a loaded certificate verifies publicly by number and name; the revoked, suspended and expired ones say so', async () => {
    const { number, holderName, verifyUrl } = first.tryThis.certificate;
    const byName = await json('GET', `/public/certificates/${number}?name=${encodeURIComponent(holderName)}`, undefined);
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ number, status: 'VALID' });
    const token = new URL(verifyUrl).pathname.split('/').pop()!;
    expect((await json('GET', `/public/verify/${token}`, undefined)).body).toMatchObject({ number, status: 'VALID' });

    const items = [5, 6, 7].map((key) => ({ number: first.certificates.numbers.get(key)!.number, name: first.certificates.certificates[key]!.body.holder.name }));
    const batch = await json('POST', '/public/certificates:verify-batch', undefined, { items });
    const statuses = (batch.body.results as { certificate?: { status: string } }[]).map((r) => r.certificate?.status);
    expect(statuses).toEqual(['REVOKED', 'SUSPENDED', 'EXPIRED']);
  });

  it("walk-through 2: an admin looks up people's hours: one compliant, others short (one after a void)", async () => {
    const admin = await tokenFor({ group: 'admin' });
    const lookup = (p: { idNumber: string; name: string; region: string }) => json('POST', '/learning-hours/lookup', admin, { idNumber: p.idNumber, name: p.name, year: first.learningHours.year, region: p.region });
    const compliant = await lookup(first.tryThis.compliant);
    expect(compliant.status).toBe(200);
    expect(compliant.body).toMatchObject({ compliant: true });
    const short = await lookup(first.tryThis.short);
    expect(short.body).toMatchObject({ compliant: false });
    expect((short.body.shortfall as { total: number }).total).toBeGreaterThan(0);
    const voided = first.learningHours.people.find((p) => p.profile === 'VOIDED_SHORT')!;
    expect((await lookup(voided.person)).body).toMatchObject({ compliant: false });
  });

  it('walk-through 3: the suggested need gets proposals within seconds', async () => {
    const need = first.tryThis.need!;
    expect(need).toBeDefined();
    const unit = await tokenFor({ group: 'unit', tenant: need.unitId });
    const submitted = await json('POST', '/needs', unit, need.body);
    expect(submitted.status).toBe(202);
    const needId = submitted.body.needId as string;
    let view: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      view = (await json('GET', `/needs/${needId}`, unit)).body;
      if (view.status !== 'SUBMITTED') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(view.status).toBe('PROPOSED');
    const proposals = view.proposals as { expertId: string; reasons: string[] }[];
    expect(proposals.length).toBeGreaterThanOrEqual(1);
    expect(proposals[0]!.expertId.startsWith(options.prefix)).toBe(true);
    expect(proposals[0]!.reasons.length).toBeGreaterThan(0);
  });

  it('loading again adds nothing', async () => {
    const again = await loadDemoData({ ...options, baseUrl: inject('baseUrl'), ledgerPath: join(inject('localDir'), 'demo-ledger-test.json') });
    expect(again.created).toBe(0);
    expect(again.learningHours.duplicate).toBe(first.learningHours.created);
    expect(again.certificates.issued).toBe(0);
    expect(again.expertMatching.newNeeds).toBe(0);
    expect(again.cases.created).toBe(0);
    const numbers = (r: DemoResult) => [...r.certificates.numbers].sort(([a], [b]) => a - b).map(([, n]) => n.number);
    expect(numbers(again)).toEqual(numbers(first));
    expect(again.tryThis.certificate.number).toBe(first.tryThis.certificate.number);
  }, 240_000);
});

import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCertificateNumber } from '../../functions/certificates/core/number';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

const HOLDER_ID = '11010519491231002X';
const certificateBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'ZC',
  region: '310000',
  holder: { name: '张三', idNumber: HOLDER_ID },
  title: '高级工程师',
  level: '高级',
  specialty: '计算机应用技术',
  issuerName: '上海市人力资源和社会保障局',
  issueDate: '2026-03-01',
  ...overrides,
});

let issuer: string;
const post = (path: string, body: unknown, token?: string, headers: Record<string, string> = {}) =>
  fetch(api(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path: string, token?: string) => fetch(api(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
const name = encodeURIComponent('张三');

// Generous: under a full parallel test run on 2 cores, background work (PDFs, audit writes) queues up.
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  issuer = await tokenFor({ group: 'issuer', tenant: '310000' });
});

describe('certificates end to end (npm start)', () => {
  it('issue → verify by number and name → verify by QR → revoke → REVOKED', async () => {
    const issued = await post('/certificates', certificateBody(), issuer);
    expect(issued.status).toBe(201);
    const { number, verifyToken, verifyUrl } = (await issued.json()) as { number: string; verifyToken: string; verifyUrl: string };
    expect(verifyUrl).toMatch(/\/v\/[\w-]+\.[\w-]+\.[\w-]+$/);

    const byNumber = await get(`/public/certificates/${number}?name=${name}`);
    expect(byNumber.status).toBe(200);
    const answer = (await byNumber.json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ number, status: 'VALID', holderName: '张*', title: '高级工程师' });
    expect(JSON.stringify(answer)).not.toContain(HOLDER_ID.slice(6, 14));

    const byToken = await get(`/public/verify/${verifyToken}`);
    expect(((await byToken.json()) as { number: string }).number).toBe(number);

    const revoked = await post(`/certificates/${number}/revocation`, { reason: '申报材料弄虚作假' }, issuer);
    expect(revoked.status).toBe(200);
    const after = (await (await get(`/public/certificates/${number}?name=${name}`)).json()) as { status: string; revocation: { reason: string } };
    expect(after.status).toBe('REVOKED');
    expect(after.revocation.reason).toBe('申报材料弄虚作假');

    const again = await post(`/certificates/${number}/revocation`, { reason: 'twice' }, issuer);
    expect([again.status, again.headers.get('content-type')]).toEqual([409, 'application/problem+json']);
    const reinstated = await fetch(api(`/certificates/${number}/revocation`), { method: 'DELETE', headers: { authorization: `Bearer ${issuer}` } });
    expect(((await reinstated.json()) as { status: string }).status).toBe('VALID');
  });

  it('answers a wrong name and an unknown number with byte-identical 404 bodies', async () => {
    const issued = (await (await post('/certificates', certificateBody(), issuer)).json()) as { number: string };
    const unknown = formatCertificateNumber({ type: 'ZC', region: '310000', year: 2026, serial: 9_999_990 });
    const wrongName = await get(`/public/certificates/${issued.number}?name=${encodeURIComponent('李四')}`);
    const missing = await get(`/public/certificates/${unknown}?name=${name}`);
    expect([wrongName.status, missing.status]).toEqual([404, 404]);
    expect(await wrongName.text()).toBe(await missing.text());
  });

  it('rejects a malformed number or a wrong check character with 400 before any lookup', async () => {
    const typo = await get(`/public/certificates/ZC310000202600012345?name=${name}`);
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('checkCharacter');
    expect((await get(`/public/certificates/NOT-A-NUMBER?name=${name}`)).status).toBe(400);
    expect((await get('/public/certificates/ZC310000202600012346')).status).toBe(400); // name is required
  });

  it('lets only issuers of the region and admins issue', async () => {
    for (const token of [await tokenFor({ group: 'unit', tenant: 'U-001' }), await tokenFor({ group: 'institution', tenant: 'INST-01' })]) {
      expect((await post('/certificates', certificateBody(), token)).status).toBe(403);
    }
    const otherRegion = await post('/certificates', certificateBody({ region: '440100' }), issuer);
    expect(otherRegion.status).toBe(403);
    const city = await post('/certificates', certificateBody({ region: '310100' }), issuer);
    expect(city.status).toBe(201); // a provincial issuer covers its cities
    expect((await post('/certificates', certificateBody())).status).toBe(401);
    const admin = await tokenFor({ group: 'admin' });
    expect((await post('/certificates', certificateBody({ region: '440100' }), admin)).status).toBe(201);
  });

  it('answers bad input with problem+json 4xx: field paths, malformed JSON, oversize bodies', async () => {
    const invalid = await post('/certificates', certificateBody({ holder: { name: '张三', idNumber: '110105194912310021' }, extra: 1 }), issuer);
    expect([invalid.status, invalid.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    const paths = ((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['body.extra', 'body.holder.idNumber']);
    const malformed = await post('/certificates', '{"type": "ZC",', issuer);
    expect([malformed.status, malformed.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    const huge = await post('/certificates', { ...certificateBody(), title: 'x'.repeat(1_200_000) }, issuer);
    expect([huge.status, huge.headers.get('content-type')]).toEqual([413, 'application/problem+json']);
  });

  it('replays a retried POST with the same Idempotency-Key instead of issuing twice', async () => {
    const headers = { 'idempotency-key': `e2e-${Date.now()}` };
    const first = (await (await post('/certificates', certificateBody(), issuer, headers)).json()) as { number: string };
    const retry = (await (await post('/certificates', certificateBody(), issuer, headers)).json()) as { number: string };
    expect(retry.number).toBe(first.number);
  });

  it('issues a batch with per-item results in input order', async () => {
    const res = await post('/certificates:batch', { items: [certificateBody({ type: 'JD' }), { type: 'JD' }, certificateBody({ type: 'JD', region: '440100' }), certificateBody({ type: 'JD' })] }, issuer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: Record<string, number>; results: { index: number; status: string; number?: string }[] };
    expect(body.summary).toEqual({ created: 2, rejected: 2, failed: 0 });
    expect(body.results.map((r) => r.status)).toEqual(['created', 'rejected', 'rejected', 'created']);
    const serials = [body.results[0]!.number!, body.results[3]!.number!].map((n) => Number(n.slice(12, 19)));
    expect(serials[1]).toBe(serials[0]! + 1);
  });

  it('verifies a batch of pairs for employers, one answer per pair in order', async () => {
    const issued = (await (await post('/certificates', certificateBody({ type: 'ZY' }), issuer)).json()) as { number: string };
    const res = await post('/public/certificates:verify-batch', {
      items: [
        { number: issued.number, name: '张三' },
        { number: issued.number, name: '王五' },
        { number: 'ZY310000202600012345', name: '张三' },
      ],
    });
    const { results } = (await res.json()) as { results: { result: string; certificate?: { holderName: string } }[] };
    expect(results.map((r) => r.result)).toEqual(['FOUND', 'NOT_FOUND', 'INVALID_NUMBER']);
    expect(results[0]!.certificate!.holderName).toBe('张*');
  });

  it('publishes a JWKS with which a printed QR token checks offline', async () => {
    const issued = (await (await post('/certificates', certificateBody(), issuer)).json()) as { number: string; verifyToken: string };
    const jwks = (await (await get('/public/keys')).json()) as JSONWebKeySet;
    expect(jwks.keys.every((k) => !('d' in k))).toBe(true);
    const { payload } = await compactVerify(issued.verifyToken, createLocalJWKSet(jwks));
    expect(JSON.parse(new TextDecoder().decode(payload)).n).toBe(issued.number);
    expect((await get(`/public/verify/${issued.verifyToken.slice(0, -4)}AAAA`)).status).toBe(404);
  });

  it('serves the PDF through a short-lived link once rendered', async () => {
    const issued = (await (await post('/certificates', certificateBody(), issuer)).json()) as { number: string };
    const link = await eventually(async () => {
      const res = await get(`/certificates/${issued.number}/document`, issuer);
      return res.status === 200 ? ((await res.json()) as { url: string }) : undefined;
    });
    const pdf = await fetch(link.url);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/certificates/${issued.number}/document`, await tokenFor({ group: 'issuer', tenant: '440000' }))).status).toBe(404);
  });

  it('shows holders their certificates and who verified them, when and how', async () => {
    const holderId = `44030519800101001${mod11_2CheckCharacter('44030519800101001')}`;
    const issued = (await (await post('/certificates', certificateBody({ holder: { name: '李四', idNumber: holderId } }), issuer)).json()) as {
      number: string;
      verifyToken: string;
    };
    const employer = await tokenFor({ group: 'unit', tenant: 'EMPLOYER-9' });
    await get(`/public/certificates/${issued.number}?name=${encodeURIComponent('李四')}`, employer);
    await get(`/public/verify/${issued.verifyToken}`);
    const holder = await tokenFor({ group: 'professional', tenant: holderId });
    const mine = await eventually(async () => {
      const body = (await (await get('/me/certificates', holder)).json()) as { certificates: { number: string; verifications: { method: string; verifier: string }[] }[] };
      const cert = body.certificates.find((c) => c.number === issued.number);
      return cert && cert.verifications.length >= 2 ? cert : undefined;
    });
    expect(mine.verifications.map((v) => `${v.method}:${v.verifier}`).sort()).toEqual(['number:unit:EMPLOYER-9', 'qr:anonymous']);
    expect((await get('/me/certificates', issuer)).status).toBe(403);
    // The holder may fetch their own PDF; another professional may not even learn it exists.
    const own = await eventually(async () => {
      const res = await get(`/certificates/${issued.number}/document`, holder);
      return res.status === 200 ? res : undefined;
    });
    expect(own.status).toBe(200);
    const stranger = await tokenFor({ group: 'professional', tenant: HOLDER_ID });
    expect((await get(`/certificates/${issued.number}/document`, stranger)).status).toBe(404);
  });
});

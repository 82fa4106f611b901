import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCertificateNumber } from '../../functions/certificates/core/number';
import { freePort } from '../../infra/local/free-port';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { tokenFor } from '../support/tokens';

/*
 * The lookup budget (issue 13, item 1) against a platform started as a developer starts it,
 * `npm start` with nothing configured: an anonymous client may look up 600 certificates per 5
 * minutes, each number + name pair of a batch counting as one, single and QR lookups drawing from
 * the same budget; a signed-in organisation has a budget of its own (10,000 by default).
 *
 * The shared e2e runtime raises the anonymous budget (test/support/local-runtime.global.ts: the
 * whole suite calls it from 127.0.0.1), so this file starts a runtime of its own with the
 * defaults. All its requests come from 127.0.0.1: one anonymous client, used in order below.
 */

const HOLDER_ID = `31010519800101002${mod11_2CheckCharacter('31010519800101002')}`;
const HOLDER_NAME = '王小明';
const CHINESE = /[\u4e00-\u9fff]/;

let child: ChildProcess;
let base: string;
let issuerToken: string;
let issued: { number: string; verifyToken: string };

async function startDefaultRuntime(): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), TSP_LOCAL_DIR: inject('localDir') };
  // Nothing configured: the budgets npm start enforces by default.
  delete env.LOOKUPS_PER_5_MIN_ANONYMOUS;
  delete env.LOOKUPS_PER_5_MIN_ORGANISATION;
  child = spawn('npm', ['start', '--', '--in-memory'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 80_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const healthy = await fetch(`${base}/public/health`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) return;
    if (Date.now() > deadline) throw new Error(`npm start was not healthy in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopRuntime(): Promise<void> {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 10_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
  });
}

const call = (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });

let nextSerial = 5_000_000;
/** `size` well-formed pairs naming no certificate (answered NOT_FOUND, so never logged). */
const guesses = (size: number) =>
  Array.from({ length: size }, () => ({ number: formatCertificateNumber({ type: 'ZC', region: '310000', year: 2026, serial: nextSerial++ }), name: '张三' }));

const batch = (items: { number: string; name: string }[], options: { token?: string; headers?: Record<string, string> } = {}) =>
  call('POST', '/public/certificates:verify-batch', { ...options, body: { items } });

async function expectRefused(res: Response): Promise<{ detail: string; retryAfter: number }> {
  const body = (await res.json()) as { type?: string; status?: number; detail?: string; title?: string };
  expect(res.status, JSON.stringify(body)).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(res.headers.get('retry-after'));
  // Whole seconds until the pairs fit again: within the two windows the budget can still count.
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  expect(body).toMatchObject({ type: '/problems/rate-limited', status: 429 });
  return { detail: body.detail ?? '', retryAfter };
}

beforeAll(async () => {
  await startDefaultRuntime();
  issuerToken = await tokenFor({ group: 'issuer', tenant: '310000' });
  const res = await call('POST', '/certificates', {
    token: issuerToken,
    body: {
      type: 'ZC',
      region: '310000',
      holder: { name: HOLDER_NAME, idNumber: HOLDER_ID },
      title: '高级工程师',
      level: '高级',
      issuerName: '上海市人力资源和社会保障局',
      issueDate: '2026-03-01',
    },
  });
  expect(res.status).toBe(201);
  issued = (await res.json()) as { number: string; verifyToken: string };
}, 120_000);

afterAll(stopRuntime, 30_000);

describe('lookup budget (default npm start: 600 pairs per 5 minutes for an anonymous client)', () => {
  it('counts each pair of a batch, and single and QR lookups against the same budget', async () => {
    // Two single lookups first: by number and name, and by QR code. 598 pairs are left.
    expect((await call('GET', `/public/certificates/${issued.number}?name=${encodeURIComponent(HOLDER_NAME)}`)).status).toBe(200);
    expect((await call('GET', `/public/verify/${issued.verifyToken}`)).status).toBe(200);

    // 11 batches of 50 pairs pass: 552 used.
    for (let i = 1; i <= 11; i++) {
      const res = await batch(guesses(50));
      expect(res.status, `batch ${i}`).toBe(200);
      const { results } = (await res.json()) as { results: { result: string }[] };
      expect(results).toHaveLength(50);
    }
    // 49 more pairs would have fitted had the two single lookups been free: they were not.
    await expectRefused(await batch(guesses(49)));
    // The 12th batch takes the last 48 pairs (600 in all)…
    expect((await batch(guesses(48))).status).toBe(200);

    // …and the 13th is refused whole, with the real pair in it: in Chinese by default…
    const refused = await expectRefused(await batch([{ number: issued.number, name: HOLDER_NAME }, ...guesses(49)]));
    expect(refused.detail).toMatch(CHINESE);
    expect(refused.detail).toContain('600');
    // …and in English when asked.
    const english = await expectRefused(await batch(guesses(50), { headers: { 'accept-language': 'en' } }));
    expect(english.detail).not.toMatch(CHINESE);
    expect(english.detail).toMatch(/600 certificates per 5 minutes/);

    // The batches spent what single lookups draw from too: a single pair and a QR code are refused now.
    await expectRefused(await call('GET', `/public/certificates/${issued.number}?name=${encodeURIComponent(HOLDER_NAME)}`));
    await expectRefused(await call('GET', `/public/verify/${issued.verifyToken}`));
  });

  it('gives a signed-in organisation a budget of its own, beyond 600', async () => {
    // The anonymous client above has spent its budget; an issuer (same address) has not.
    for (let i = 1; i <= 14; i++) {
      const items = i === 14 ? [{ number: issued.number, name: HOLDER_NAME }, ...guesses(49)] : guesses(50);
      const res = await batch(items, { token: issuerToken });
      expect(res.status, `issuer batch ${i}`).toBe(200);
      if (i === 14) {
        const { results } = (await res.json()) as { results: { number: string; result: string }[] };
        expect(results[0]).toMatchObject({ number: issued.number, result: 'FOUND' });
      }
    }
    // 700 pairs by the issuer, and an anonymous caller is still refused.
    await expectRefused(await batch(guesses(1)));
  });

  it('logs none of the refused pairs: the holder sees the lookups that were answered, and only those', async () => {
    const holder = await tokenFor({ group: 'professional', tenant: HOLDER_ID });
    const deadline = Date.now() + 60_000;
    let log: string[] = [];
    // The issuer's batch (the test above) is the last lookup of the certificate: once it is logged, every earlier one is.
    while (!log.includes('batch:issuer:310000')) {
      if (Date.now() > deadline) throw new Error(`the issuer's lookup was not logged in time: ${JSON.stringify(log)}`);
      await new Promise((r) => setTimeout(r, 250));
      const res = await call('GET', '/me/certificates', { token: holder });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { certificates: { number: string; verifications: { method: string; verifier: string }[] }[] };
      log = (body.certificates.find((c) => c.number === issued.number)?.verifications ?? []).map((v) => `${v.method}:${v.verifier}`);
    }
    expect(log.sort()).toEqual(['batch:issuer:310000', 'number:anonymous', 'qr:anonymous']);
  });
});

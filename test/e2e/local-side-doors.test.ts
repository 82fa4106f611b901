import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from '../support/tokens';

/*
 * Item 12 of issue 13: the local runtime's own pages /_local/events and /_local/failures show
 * names and masked ID numbers, so they need an admin token, checked as the gateway checks a
 * bearer token for a protected route: 401 without a valid one, 403 without the admin group.
 * `npm run events` signs its own admin token and keeps working.
 */

const PAGES = ['/_local/events', '/_local/failures'];
let admin: string;
let issuer: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  issuer = await tokenFor({ group: 'issuer', tenant: '310000' });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(api(path), { headers });

describe('the local runtime’s admin pages', () => {
  it.each(PAGES)('%s answers 401 without a valid bearer token, like a protected route', async (path) => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }, { authorization: `Basic ${admin}` }];
    for (const headers of attempts) {
      const res = await get(path, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.stringify(await res.json())).not.toMatch(/"(events|failures)"/);
    }
    // The same answer a protected API route gives.
    const route = await get('/me/certificates');
    expect(route.status).toBe(401);
  });

  it.each(PAGES)('%s answers 403 problem+json to a valid token without the admin group', async (path) => {
    for (const token of [issuer, await tokenFor({ group: 'professional', tenant: '11010519491231002X' })]) {
      const res = await get(path, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 403, title: '禁止访问' });
      expect(body).not.toHaveProperty('events');
      expect(body).not.toHaveProperty('failures');
    }
    const en = await get(path, { authorization: `Bearer ${issuer}`, 'accept-language': 'en' });
    expect(((await en.json()) as { title: string }).title).toBe('Forbidden');
  });

  it('serves the event log and the failures to an admin', async () => {
    const events = await get('/_local/events', { authorization: `Bearer ${admin}` });
    expect(events.status).toBe(200);
    expect(Array.isArray(((await events.json()) as { events: unknown }).events)).toBe(true);
    const failures = await get('/_local/failures', { authorization: `Bearer ${admin}` });
    expect(failures.status).toBe(200);
    expect(Array.isArray(((await failures.json()) as { failures: unknown }).failures)).toBe(true);
  });

  it('`npm run events` signs an admin token and follows the bus', async () => {
    // An event to follow: a certificate issued puts CertificateIssued on the bus.
    const issued = await fetch(api('/certificates'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer}` },
      body: JSON.stringify({
        type: 'ZC',
        region: '310000',
        // A holder of this file's own, so no other test's counts move.
        holder: { name: '李四', idNumber: '310104198003074516' },
        title: '工程师',
        level: '中级',
        issuerName: '上海市人力资源和社会保障局',
        issueDate: '2026-03-01',
      }),
    });
    expect(issued.status).toBe(201);
    const { number } = (await issued.json()) as { number: string };

    const child = spawn('npm', ['run', '-s', 'events'], {
      env: { ...process.env, TSP_URL: inject('baseUrl'), TSP_LOCAL_DIR: inject('localDir') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!/CertificateIssued/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 250));
      expect(err).not.toMatch(/refused|No runtime answers/);
      expect(out, `stdout: ${out}\nstderr: ${err}\n(certificate ${number})`).toMatch(/CertificateIssued/);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }, 90_000);
});

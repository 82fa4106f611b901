import { execFileSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/tokens';

describe('the local runtime (npm start) answers like the deployed API', () => {
  it('reports DynamoDB and S3 reachable on /public/health', async () => {
    const res = await fetch(api('/public/health'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ok');
    expect(body.checks.dynamodb!.ok && body.checks.s3!.ok).toBe(true);
  });

  it('serves the OpenAPI 3.1 document and a readable docs page', async () => {
    const doc = (await (await fetch(api('/openapi.json'))).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/public/health');
    const page = await fetch(api('/docs'));
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/public/health');
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await fetch(api('/no/such/route'), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'about:blank', status: 404, title: '未找到' });
  });

  it('answers CORS preflights like API Gateway', async () => {
    const res = await fetch(api('/public/health'), { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('npm run token', () => {
  it('prints a bearer token that the local API accepts, with the claims of its group and tenant', async () => {
    const token = execFileSync('npm', ['run', '-s', 'token', '--', 'issuer', '310000'], {
      encoding: 'utf8',
      env: { ...process.env, TSP_LOCAL_DIR: inject('localDir') },
    }).trim();
    expect(token.split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ 'cognito:groups': ['issuer'], 'custom:region': '310000' });
    const res = await fetch(api('/certificates/ZC310000202600012346'), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404); // authorised, and no such certificate
    const unauthorised = await fetch(api('/certificates/ZC310000202600012346'), { headers: { authorization: `Bearer ${token}x` } });
    expect(unauthorised.status).toBe(401);
  });
});

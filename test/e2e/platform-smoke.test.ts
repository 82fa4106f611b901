import { describe, expect, it } from 'vitest';
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
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('answers CORS preflights like API Gateway', async () => {
    const res = await fetch(api('/public/health'), { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

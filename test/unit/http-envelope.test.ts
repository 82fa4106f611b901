import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpHandler } from '../../shared/http/handler';
import { problemResponse, problems } from '../../shared/http/problem';
import { created } from '../../shared/http/responses';
import { defineRoute } from '../../shared/service/definitions';
import { invoke } from '../support/http-events';


const route = defineRoute({
  service: 'test',
  operationId: 'createThing',
  method: 'POST',
  path: '/things/{id}',
  summary: 'test',
  access: ['admin', 'issuer'],
  handler: '/dev/null',
  request: {
    params: z.object({ id: z.string().regex(/^[A-Z]{2}$/) }),
    query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.strictObject({ name: z.string().min(1), items: z.array(z.strictObject({ hours: z.number().positive() })).max(3) }),
  },
  responses: { 201: { description: 'created' } },
  grants: [],
  maxBodyBytes: 2048,
});

const admin = { sub: 'u1', 'cognito:groups': '[admin]' };
let behaviour: () => Promise<never> | undefined;
const handler = httpHandler(route, async ({ params, body, principal }) => {
  const fault = behaviour?.();
  if (fault) await fault;
  return created({ id: params.id, name: body.name, by: principal?.label }, `/things/${params.id}`);
});

const post = (body: unknown, extra: Partial<Parameters<typeof invoke>[1]> = {}) =>
  invoke(handler, { method: 'POST', path: '/things/AB', pathParameters: { id: 'AB' }, body: typeof body === 'string' ? body : JSON.stringify(body), claims: admin, ...extra });

describe('the shared HTTP envelope', () => {
  it('passes typed, validated input to the business function', async () => {
    behaviour = () => undefined;
    const res = await post({ name: 'x', items: [{ hours: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'AB', name: 'x', by: 'admin:u1' });
    expect(res.headers.location).toBe('/things/AB');
    expect(res.headers['x-request-id']).toBe('req-1');
  });

  it('answers validation failures with problem+json and a field path per problem, unknown fields included', async () => {
    const res = await post({ name: '', items: [{ hours: -1 }], extra: true }, { pathParameters: { id: 'abc' }, query: { dryRun: 'maybe', other: '1' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const paths = (res.body!.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.extra', 'body.items[0].hours', 'body.name', 'path.id', 'query.dryRun', 'query.other']);
  });

  it('refuses malformed JSON, prototype keys, oversize bodies and non-JSON media types', async () => {
    const malformed = await post('{"name": ');
    expect([malformed.status, malformed.body!.type]).toEqual([400, '/problems/malformed-json']);
    const proto = await post('{"name":"x","items":[],"__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    const big = await post({ name: 'x'.repeat(5000), items: [] });
    expect([big.status, big.headers['content-type']]).toEqual([413, 'application/problem+json']);
    const text = await post('name=x', { headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('needs a principal in an allowed group', async () => {
    expect((await post({ name: 'x', items: [] }, { claims: undefined })).status).toBe(401);
    const forbidden = await post({ name: 'x', items: [] }, { claims: { sub: 'u2', 'cognito:groups': '[unit]' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body!.detail).toContain('admin, issuer');
  });

  it('maps HttpProblems, storage faults and defects without leaking internals', async () => {
    behaviour = () => Promise.reject(problems.conflict('Already revoked', { allowedMoves: [] }));
    const conflict = await post({ name: 'x', items: [] });
    expect([conflict.status, conflict.body!.detail, conflict.body!.allowedMoves]).toEqual([409, 'Already revoked', []]);

    behaviour = () => Promise.reject(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    const throttled = await post({ name: 'x', items: [] });
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([503, '1']);

    behaviour = () => Promise.reject(new TypeError('secret internal detail at /var/task/index.mjs:1'));
    const defect = await post({ name: 'x', items: [] });
    expect(defect.status).toBe(500);
    expect(defect.raw).not.toContain('secret internal detail');
    expect(defect.raw).not.toContain('index.mjs');
  });

  it('adds security and CORS headers to answers and errors alike', async () => {
    behaviour = () => undefined;
    for (const res of [await post({ name: 'x', items: [] }), await post('{')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });
});

describe('problem extensions', () => {
  it('never replace the members RFC 9457 defines: a state sent as `status` cannot turn the status into text', () => {
    const response = problemResponse(problems.conflict('Already confirmed.', { status: 'CONFIRMED', type: '/elsewhere', allowedMoves: ['withdraw'] }), 'req-1', 'en');
    expect(JSON.parse(response.body as string)).toEqual({
      type: '/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Already confirmed.',
      allowedMoves: ['withdraw'],
      requestId: 'req-1',
    });
  });
});

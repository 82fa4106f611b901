import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { httpHandler } from '../../shared/http/handler';
import { problems } from '../../shared/http/problem';
import { checkResponse, problemWith, recordedResponseMismatches } from '../../shared/http/response-check';
import { ok, textResult } from '../../shared/http/responses';
import { defineRoute } from '../../shared/service/definitions';
import { buildOpenApiDocument } from '../../shared/openapi/generate';
import { lambdaContext } from '../../infra/local/lambda-context';
import { httpEvent, invoke } from '../support/http-events';

// Test mode, as the e2e runtime runs (read once, at the first answer checked).
process.env.TSP_VALIDATE_RESPONSES = 'true';

const certificate = z.object({ number: z.string(), level: z.string().optional(), history: z.array(z.object({ at: z.string() })) });
const route = defineRoute({
  service: 'test',
  operationId: 'getThing',
  method: 'GET',
  path: '/things/{kind}',
  summary: 'test',
  access: 'public',
  handler: '/dev/null',
  request: { params: z.object({ kind: z.string() }) },
  responses: {
    200: { description: 'The thing', schema: certificate, alternatives: [{ contentType: 'text/csv' }] },
    409: { description: 'Conflict', schema: problemWith({ thingStatus: z.string() }) },
  },
  grants: [],
});

let answer: () => unknown;
const handler = httpHandler(route, async () => answer() as never);
const get = () => invoke(handler, { pathParameters: { kind: 'x' } });
/** The status alone: for answers that are not JSON. */
const status = async () => (await handler(httpEvent({ pathParameters: { kind: 'x' } }), lambdaContext('unit', 10))).statusCode;

describe('the test-mode response check (issue 13 item 11)', () => {
  it('passes an answer that is what the route documents', async () => {
    answer = () => ok({ number: 'N1', level: '高级', history: [{ at: '2026-01-01' }] });
    expect((await get()).status).toBe(200);
    answer = () => textResult('a,b\n', 'text/csv; charset=utf-8');
    expect(await status()).toBe(200);
    answer = () => {
      throw problems.conflict('no', { thingStatus: 'DONE' });
    };
    expect((await get()).status).toBe(409);
    answer = () => {
      throw problems.notFound();
    };
    // Any error may be problem details: the OpenAPI `default`.
    expect((await get()).status).toBe(404);
  });

  it('fails an undocumented member, even nested, with a 500 and records it', async () => {
    const before = recordedResponseMismatches().length;
    answer = () => ok({ number: 'N1', history: [{ at: '2026-01-01', by: 'someone' }], revocation: { reason: 'x' } });
    const res = await get();
    expect(res.status).toBe(500);
    expect(res.body!.type).toBe('/problems/undocumented-response');
    const recorded = recordedResponseMismatches().slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ operationId: 'getThing', path: '/things/{kind}', status: 200 });
    expect(recorded[0]!.issues.join('\n')).toMatch(/revocation/);
    expect(recorded[0]!.issues.join('\n')).toMatch(/history\.0.*by/);
  });

  it('fails a missing member, an undocumented status, content type or problem extension', async () => {
    const cases: (() => unknown)[] = [
      () => ok({ history: [] }),
      () => ({ status: 201, body: { number: 'N1', history: [] } }),
      () => textResult('<p>hi</p>', 'text/html'),
      () => {
        throw problems.conflict('no', { thingStatus: 'DONE', other: 1 });
      },
      () => {
        throw problems.conflict('no', { somethingElse: 'DONE' });
      },
      () => {
        throw problems.forbidden(); // fine by itself…
      },
    ];
    const statuses = [];
    for (const next of cases) {
      answer = next;
      statuses.push(await status());
    }
    expect(statuses).toEqual([500, 500, 500, 500, 500, 403]);
  });

  it('checks a problem at an undocumented status against the strict problem schema', () => {
    const response = (body: unknown) => ({ statusCode: 422, headers: { 'Content-Type': 'application/problem+json' }, body: JSON.stringify(body) });
    expect(checkResponse(route, response({ type: 'about:blank', title: 'x', status: 422 }))).toEqual([]);
    expect(checkResponse(route, response({ type: 'about:blank', title: 'x', status: 422, allowedMoves: [] })).join()).toMatch(/allowedMoves/);
    // A non-problem answer at an undocumented status is not covered by `default`.
    expect(checkResponse(route, { statusCode: 422, headers: { 'content-type': 'application/json' }, body: '{}' })[0]).toMatch(/422 is not documented/);
  });

  it('documents what it checks: problem extensions and alternative content types in the OpenAPI document', () => {
    const doc = buildOpenApiDocument([{ name: 'test', tables: [], buckets: [], routes: [route], streamConsumers: [], s3Triggers: [] }]);
    const responses = doc.paths['/things/{kind}']!.get as { responses: Record<string, { content: Record<string, { schema?: Record<string, unknown> }> }> };
    expect(Object.keys(responses.responses['200']!.content)).toEqual(['application/json', 'text/csv']);
    expect(responses.responses['200']!.content['application/json']!.schema!.additionalProperties).toBe(false);
    expect(responses.responses['409']!.content['application/problem+json']!.schema!.properties).toHaveProperty('thingStatus');
    expect(doc.components.schemas.Problem).toMatchObject({ additionalProperties: false, required: ['type', 'title', 'status'] });
  });
});

import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { httpHandler } from '../../shared/http/handler';
import { DEFAULT_MAX_BODY_BYTES, parseRequestBody } from '../../shared/http/request';
import { ok } from '../../shared/http/responses';
import { buildOpenApiDocument } from '../../shared/openapi/generate';
import { defineRoute } from '../../shared/service/definitions';
import { httpEvent, invoke } from '../support/http-events';

/*
 * Issue 13 item 7: a body whose fields are all optional is itself optional. A request with no
 * body at all means the same as `{}` wherever the route's body schema accepts `{}`.
 */

const ROUTES = SERVICES.flatMap((service) => service.routes).filter((route) => route.request.body);
const acceptsEmpty = ROUTES.filter((route) => route.request.body!.safeParse({}).success);
const needsBody = ROUTES.filter((route) => !acceptsEmpty.includes(route));

/** The route's own request schemas behind the shared envelope; the business function just answers. */
function envelopeOf(route: (typeof ROUTES)[number]) {
  return httpHandler(defineRoute({ ...route, access: 'public' }), async ({ body }) => ok({ body: body ?? null }));
}
const withoutBody = (route: (typeof ROUTES)[number], body?: string) =>
  invoke(envelopeOf(route), { method: route.method, path: route.path, pathParameters: {}, body, headers: { 'content-type': 'application/json' } });
const bodyErrors = (answer: Awaited<ReturnType<typeof invoke>>) =>
  ((answer.body?.errors ?? []) as { path: string }[]).filter((error) => error.path === 'body' || error.path.startsWith('body.'));

describe('a body of optional fields is optional', () => {
  it('covers the routes the issue names, and leaves real bodies required', () => {
    expect(acceptsEmpty.map((route) => route.operationId)).toEqual(expect.arrayContaining(['declineProposal', 'runMatchingRound', 'submitCase']));
    expect(needsBody.map((route) => route.operationId)).toEqual(expect.arrayContaining(['issueCertificate', 'withdrawService', 'revokeCertificate']));
  });

  it.each(acceptsEmpty.map((route) => [route.operationId, route] as const))('%s: no body is read as {} and passes the body check', async (_id, route) => {
    const parsed = parseRequestBody(httpEvent({ method: route.method, path: route.path }), route.request.body!, DEFAULT_MAX_BODY_BYTES);
    expect(route.request.body!.safeParse(parsed).success).toBe(true);
    // The whole envelope: params may be missing here (400 for them), but never a body error.
    const answer = await withoutBody(route);
    expect(bodyErrors(answer), JSON.stringify(answer.body)).toEqual([]);
    if (!route.request.params) {
      expect(answer.status).toBe(200);
      // What `{}` parses to, defaults included.
      expect(answer.body).toEqual({ body: route.request.body!.parse({}) });
    }
  });

  it.each(needsBody.map((route) => [route.operationId, route] as const))('%s: a required body is still required', async (_id, route) => {
    const answer = await withoutBody(route);
    expect(answer.status).toBe(400);
    expect(bodyErrors(answer).length, JSON.stringify(answer.body)).toBeGreaterThan(0);
  });

  it('treats an empty body like no body, and still refuses malformed or unknown content', async () => {
    const decline = acceptsEmpty.find((route) => route.operationId === 'declineProposal')!;
    const params = { id: '00000000-0000-4000-8000-000000000000', expertId: 'E-1' };
    const call = (body: string | undefined) => invoke(envelopeOf(decline), { method: 'POST', path: decline.path, pathParameters: params, body });
    expect(bodyErrors(await call(''))).toEqual([]);
    expect(bodyErrors(await call(undefined))).toEqual([]);
    expect((await call('{"reason":')).status).toBe(400);
    expect(bodyErrors(await call('{"unknown":1}')).map((e) => e.path)).toEqual(['body.unknown']);
  });

  it('documents such bodies as not required in OpenAPI, and the others as required', () => {
    const doc = buildOpenApiDocument(SERVICES) as { paths: Record<string, Record<string, { requestBody?: { required: boolean } }>> };
    const documented = (route: (typeof ROUTES)[number]) => doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody;
    for (const route of acceptsEmpty.filter((r) => !r.hiddenFromDocs)) expect(documented(route)?.required, route.operationId).toBe(false);
    for (const route of needsBody.filter((r) => !r.hiddenFromDocs)) expect(documented(route)?.required, route.operationId).toBe(true);
    expect(doc.paths['/needs/{id}/proposals/{expertId}/decline']!.post!.requestBody!.required).toBe(false);
  });
});

import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { principalFromEvent, hasGroup, type Principal } from '../auth/principal';
import type { RouteDefinition, RouteRequest } from '../service/definitions';
import { loggerFor, metricsFor, powertools } from './observability';
import { HttpProblem, problemResponse, problems } from './problem';
import { DEFAULT_MAX_BODY_BYTES, parseRequestBody, validateParts } from './request';
import type { HttpResult } from './responses';
import { isTransientStorageFault } from './storage-faults';
import { preferredLanguage, text, type Language } from './messages';
import { runIdempotently } from './idempotency';
import { verifyOrigin } from './origin-verification';
import { documentedOrFailed, responseValidationEnabled } from './response-check';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HttpRequest<Req extends RouteRequest> {
  params: Infer<Req['params']>;
  query: Infer<Req['query']>;
  body: Infer<Req['body']>;
  /** Present on every non-public route; on public routes only when a token was sent. */
  principal: Principal | undefined;
  headers: Record<string, string | undefined>;
  /** The caller's language (Accept-Language): messages inside a 2xx answer are rendered in it. */
  language: Language;
  requestId: string;
  event: APIGatewayProxyEventV2;
  context: Context;
  logger: Logger;
}

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

/** JSON answers need no active content; HTML routes (docs) set their own policy. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

function toResponse(result: HttpResult, requestId: string): HttpResponse {
  const headers: Record<string, string> = { 'x-request-id': requestId, 'content-security-policy': API_CSP, ...result.headers };
  if (result.binary !== undefined) {
    const type = result.contentType ?? 'application/octet-stream';
    return { statusCode: result.status, headers: { 'content-type': type, ...headers }, body: result.binary.toString('base64'), isBase64Encoded: true };
  }
  if (result.text !== undefined) {
    return { statusCode: result.status, headers: { 'content-type': result.contentType ?? 'text/plain; charset=utf-8', ...headers }, body: result.text };
  }
  if (result.body === undefined) return { statusCode: result.status, headers };
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(result.body),
  };
}

/** Maps anything thrown to problem+json: callers never see a stack trace or a raw SDK message. */
function errorToProblem(error: unknown, logger: Logger): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof IdempotencyValidationError) {
    return problems.unprocessable(
      text('该 Idempotency-Key 已用于另一个不同的请求体。', 'This Idempotency-Key was already used with a different request body.'),
      '/problems/idempotency-key-reused',
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new HttpProblem(409, text('请求处理中', 'Request in progress'), text('使用该 Idempotency-Key 的请求仍在处理中，请稍后重试。', 'A request with this Idempotency-Key is still being processed; retry shortly.'), {
      type: '/problems/idempotency-in-progress',
      headers: { 'retry-after': '1' },
    });
  }
  if (isTransientStorageFault(error)) {
    logger.warn('Storage fault; answering 503', { errorName: (error as Error).name });
    return problems.unavailable();
  }
  logger.error('Unhandled error', error as Error);
  return new HttpProblem(500, text('内部错误', 'Internal error'), text('服务端发生错误，已记录在案。', 'Something went wrong on our side; it has been logged.'));
}

/**
 * Builds a Lambda handler for one route: the same envelope for every HTTP function of the
 * platform (DESIGN §1, §7). The business function receives validated, typed input and the
 * caller's principal, and returns an HttpResult.
 */
export function httpHandler<Req extends RouteRequest>(
  route: RouteDefinition<Req>,
  fn: (request: HttpRequest<Req>) => Promise<HttpResult>,
) {
  const logger = loggerFor(route.service);
  const metrics = metricsFor(route.service);
  const maxBodyBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const base = async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    logger.appendKeys({ operation: route.operationId, requestId });
    // Before anything else: a request that skipped the edge (CloudFront + WAF) gets 403.
    await verifyOrigin(event.headers ?? {});
    const principal = principalFromEvent(event);
    if (route.access !== 'public') {
      if (!principal) throw problems.unauthorized();
      if (!hasGroup(principal, ...route.access)) {
        const groups = route.access.join(', ');
        throw problems.forbidden(text(`此操作仅限以下角色：${groups}。`, `This operation is for: ${groups}.`));
      }
    }
    // No body where every field is optional reads as `{}` (issue 13 item 7), for validation and the idempotency check alike.
    const body = route.request.body ? parseRequestBody(event, route.request.body, maxBodyBytes) : undefined;
    const language = preferredLanguage(event.headers?.['accept-language']);
    const [params, query, parsedBody] = validateParts([
      { prefix: 'path', schema: route.request.params, value: event.pathParameters ?? {} },
      { prefix: 'query', schema: route.request.query, value: event.queryStringParameters ?? {} },
      { prefix: 'body', schema: route.request.body, value: body },
    ], language);
    const request = {
      params,
      query,
      body: parsedBody,
      principal,
      headers: event.headers ?? {},
      language,
      requestId,
      event,
      context,
      logger,
    } as HttpRequest<Req>;

    const idempotencyKey = route.idempotent ? event.headers?.['idempotency-key'] : undefined;
    const result = idempotencyKey
      ? await runIdempotently(route.operationId, idempotencyKey, principal?.subject ?? 'anonymous', params, body, context, () => fn(request))
      : await fn(request);
    metrics.addMetric(`${route.operationId}.status.${Math.floor(result.status / 100)}xx`, 'Count', 1);
    return toResponse(result, requestId);
  };

  // Test mode (TSP_VALIDATE_RESPONSES): registered first, so it sees the final answer, after every other middleware and the problem mapping.
  const documented = async (request: { event: HttpEvent; response?: HttpResponse | undefined }) => {
    if (request.response && responseValidationEnabled()) {
      request.response = documentedOrFailed(route, request.response, preferredLanguage(request.event.headers?.['accept-language']));
    }
  };

  return middy<HttpEvent, HttpResponse>(base)
    .use({ after: documented, onError: documented })
    .use(powertools(route.service))
    .use(httpCors({ origins: (process.env.CORS_ALLOWED_ORIGINS ?? '*').split(','), exposeHeaders: 'x-request-id,location,retry-after', maxAge: 600 }))
    // CSP is set per response (see toResponse) because HTML routes need their own policy.
    .use(httpSecurityHeaders({ contentSecurityPolicy: false }))
    .use({
      onError: async (request) => {
        const problem = errorToProblem(request.error, logger);
        const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
        if (problem.status >= 500) metrics.addMetric(`${route.operationId}.status.5xx`, 'Count', 1);
        request.response = problemResponse(problem, requestId, preferredLanguage(request.event.headers?.['accept-language']));
        request.response.headers = { ...request.response.headers, 'x-request-id': requestId, 'content-security-policy': API_CSP };
      },
    });
}

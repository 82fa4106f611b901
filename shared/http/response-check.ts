import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
// clone from zod's core module itself: reaching it through `z.core` pulls core's `locales` (every zod locale) into the bundle.
import { clone, type $ZodTypeDef } from 'zod/v4/core';
import { lazyConfig } from '../config/env';
import type { ResponseDefinition, RouteDefinition } from '../service/definitions';
import { text, type Language } from './messages';
import { HttpProblem, problemResponse } from './problem';

/*
 * Responses as documented (issue 13 item 11). A route's `responses` feed the OpenAPI document,
 * whose response schemas say `additionalProperties: false` for every object (zod's output JSON
 * Schema). In test mode (TSP_VALIDATE_RESPONSES=true: the end-to-end suite's runtime) the HTTP
 * envelope checks every answer against them: the status must be documented (any error status may
 * be a problem+json, the document's `default`), a JSON body must match the documented schema with
 * every object strict (an undocumented member is drift), a problem+json body the problem schema,
 * and a non-JSON body (HTML, CSV, XLSX) its documented content type. A mismatch is recorded and
 * the caller gets a 500 /problems/undocumented-response, so the test that made the call fails.
 */

/** RFC 9457 problem details as this API writes them (shared/http/problem.ts): the OpenAPI `Problem`. */
export const problemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` lists field paths for validation failures.' });

/** A problem with extension members (RFC 9457 §3.2), documented on the route that answers it, e.g. `{ certificateStatus }` on a 409. */
export function problemWith<T extends z.ZodRawShape>(extensions: T) {
  return problemDetails.extend(extensions);
}

const PROBLEM_JSON = 'application/problem+json';
const JSON_TYPE = 'application/json';

const responseCheckConfig = lazyConfig({
  TSP_VALIDATE_RESPONSES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/** True in test mode: the envelope checks each answer against its route's documented responses. */
export function responseValidationEnabled(): boolean {
  return responseCheckConfig().TSP_VALIDATE_RESPONSES;
}

export interface ResponseMismatch {
  operationId: string;
  method: string;
  /** The route's path template, e.g. /me/certificates (never the request's path: no identifiers). */
  path: string;
  status: number;
  contentType: string | undefined;
  issues: string[];
  at: string;
}

const strictCache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The same schema with every object strict (unless it declares its own catchall, like a loose
 * object or a record): what the OpenAPI document promises for an answer.
 */
export function strictDeep(schema: z.ZodType): z.ZodType {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  const def = schema._zod.def as $ZodTypeDef & Record<string, unknown>;
  const map = (inner: unknown) => strictDeep(inner as z.ZodType);
  let next: Record<string, unknown> | undefined;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, map(value)]));
      next = { ...def, shape, catchall: def.catchall ?? z.never() };
      break;
    }
    case 'array':
      next = { ...def, element: map(def.element) };
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      next = { ...def, innerType: map(def.innerType) };
      break;
    case 'union':
      next = { ...def, options: (def.options as z.ZodType[]).map(map) };
      break;
    case 'record':
      next = { ...def, valueType: map(def.valueType) };
      break;
    case 'tuple':
      next = { ...def, items: (def.items as z.ZodType[]).map(map), rest: def.rest ? map(def.rest) : def.rest };
      break;
    case 'pipe':
      next = { ...def, in: map(def.in) };
      break;
    default:
      // Leaves, transforms, lazies, intersections (two strict halves would refuse each other's members).
      next = undefined;
  }
  const strict = next ? (clone(schema, next as never) as z.ZodType) : schema;
  strictCache.set(schema, strict);
  return strict;
}

function header(headers: APIGatewayProxyStructuredResultV2['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return String(value);
  return undefined;
}

const mediaType = (contentType: string | undefined) => contentType?.split(';')[0]!.trim().toLowerCase();
const isJson = (media: string | undefined) => media === JSON_TYPE || (media?.endsWith('+json') ?? false);

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    const keys = issue.code === 'unrecognized_keys' ? ` [${issue.keys.join(', ')}]` : '';
    return `${path}: ${issue.message}${keys}`;
  });
}

function documentedContent(status: number, documented: ResponseDefinition): { contentType: string; schema?: z.ZodType }[] {
  const main = { contentType: documented.contentType ?? (status >= 400 ? PROBLEM_JSON : JSON_TYPE), schema: documented.schema };
  return [main, ...(documented.alternatives ?? [])];
}

/** What is wrong with this answer by the route's documented responses (empty: documented). */
export function checkResponse(route: Pick<RouteDefinition, 'responses'>, response: APIGatewayProxyStructuredResultV2): string[] {
  const status = response.statusCode ?? 200;
  const contentType = header(response.headers, 'content-type');
  const media = mediaType(contentType);
  const hasBody = response.body !== undefined && response.body !== '';
  const documented = route.responses[status];
  if (!documented) {
    // The document's `default`: any error may be answered as problem details.
    if (status >= 400 && media === PROBLEM_JSON) return checkJson(problemDetails, response);
    return [`status ${status} is not documented (documented: ${Object.keys(route.responses).join(', ') || 'none'})`];
  }
  const options = documentedContent(status, documented);
  if (!hasBody) {
    return options.some((option) => option.schema) && !options.some((option) => !option.schema)
      ? [`status ${status} documents a body, none was sent`]
      : [];
  }
  const matching = options.filter((option) => mediaType(option.contentType) === media);
  if (!matching.length) {
    return [`content type ${contentType ?? '(none)'} is not documented for ${status} (documented: ${options.map((o) => o.contentType).join(', ')})`];
  }
  if (!isJson(media)) return [];
  let lastIssues: string[] = [];
  for (const option of matching) {
    const schema = option.schema ?? (media === PROBLEM_JSON ? problemDetails : undefined);
    if (!schema) return [`status ${status} answers a ${media} body its documentation does not describe (no schema)`];
    lastIssues = checkJson(schema, response);
    if (!lastIssues.length) return [];
  }
  return lastIssues;
}

function checkJson(schema: z.ZodType, response: APIGatewayProxyStructuredResultV2): string[] {
  let body: unknown;
  try {
    const raw = response.isBase64Encoded ? Buffer.from(response.body ?? '', 'base64').toString('utf8') : (response.body ?? '');
    body = JSON.parse(raw);
  } catch {
    return ['the body is not JSON'];
  }
  const result = strictDeep(schema).safeParse(body);
  return result.success ? [] : describeIssues(result.error);
}

// On globalThis: one list per process even if the module were loaded twice (the local runtime imports handlers dynamically).
const REGISTRY = Symbol.for('tsp.responseMismatches');
type Registry = { [REGISTRY]?: ResponseMismatch[] };

export function recordResponseMismatch(mismatch: ResponseMismatch): void {
  const registry = ((globalThis as Registry)[REGISTRY] ??= []);
  registry.push(mismatch);
  console.error(`[responses] ${mismatch.method} ${mismatch.path} answered ${mismatch.status} ${mismatch.contentType ?? ''} not as documented:\n  ${mismatch.issues.join('\n  ')}`);
}

/** Every mismatch recorded in this process (the local runtime serves them at /_local/response-mismatches). */
export function recordedResponseMismatches(): readonly ResponseMismatch[] {
  return (globalThis as Registry)[REGISTRY] ?? [];
}

/**
 * In test mode: the answer if it is documented, else the mismatch recorded and a 500
 * /problems/undocumented-response naming the issues, so the calling test fails at once.
 */
export function documentedOrFailed(route: RouteDefinition, response: APIGatewayProxyStructuredResultV2, language: Language = 'zh-CN'): APIGatewayProxyStructuredResultV2 {
  const issues = checkResponse(route, response);
  if (!issues.length) return response;
  const status = response.statusCode ?? 200;
  const contentType = header(response.headers, 'content-type');
  recordResponseMismatch({ operationId: route.operationId, method: route.method, path: route.path, status, contentType, issues, at: new Date().toISOString() });
  const answered = `${route.operationId} → ${status} ${contentType ?? ''}: ${issues.join('; ')}`;
  const problem = new HttpProblem(
    500,
    text('应答与文档不符', 'Undocumented response'),
    text(`（测试模式）应答与该接口的文档不符：${answered}`, `(test mode) The answer is not what this route documents: ${answered}`),
    { type: '/problems/undocumented-response' },
  );
  const requestId = header(response.headers, 'x-request-id');
  const failed = problemResponse(problem, requestId, language);
  return requestId ? { ...failed, headers: { ...failed.headers, 'x-request-id': requestId } } : failed;
}

import * as z from 'zod';
import { isBodyOptional } from '../http/request';
import { problemDetails } from '../http/response-check';
import { describeRow, rowByAudience, type RouteAccessRow } from '../service/access-matrix';
import type { RouteDefinition, ServiceDefinition } from '../service/definitions';

type JsonSchema = Record<string, unknown>;

interface Components {
  schemas: Record<string, JsonSchema>;
}

/**
 * Converts a zod schema to JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Named schemas
 * (`.meta({ id })`) are hoisted into components and referenced, so each is written once.
 */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  delete json.$schema;
  for (const [id, def] of Object.entries(defs)) components.schemas[id] = rewriteRefs(def) as JsonSchema;
  const rewritten = rewriteRefs(json) as JsonSchema;
  const id = (rewritten as { id?: string }).id;
  if (typeof id === 'string') {
    delete (rewritten as { id?: string }).id;
    components.schemas[id] = rewritten;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewritten;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key === '$ref' && typeof inner === 'string' ? inner.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(inner);
    }
    return out;
  }
  return value;
}

function parameters(route: RouteDefinition, components: Components) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', route.request.params],
    ['query', route.request.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const optional = field.safeParse(undefined).success;
      out.push({
        name,
        in: where,
        required: where === 'path' || !optional,
        description: field.description,
        schema: toSchema(field, 'input', components),
      });
    }
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Retrying with the same key and body returns the first answer instead of creating twice (kept 24 h).',
      schema: { type: 'string', maxLength: 255 },
    });
  }
  return out;
}

function operation(route: RouteDefinition, components: Components, matrixRow: RouteAccessRow | undefined) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
    // An error documented without a schema is plain problem details (what shared/http/response-check.ts holds it to).
    const schemaOf = (type: string, schema: z.ZodType | undefined) =>
      schema ? { schema: toSchema(schema, 'output', components) } : type === 'application/problem+json' ? { schema: { $ref: '#/components/schemas/Problem' } } : {};
    const content = Object.fromEntries(
      [{ contentType, schema: response.schema }, ...(response.alternatives ?? [])].map((option) => [option.contentType, schemaOf(option.contentType, option.schema)]),
    );
    responses[status] = {
      description: response.description,
      ...(response.schema || response.alternatives?.length || contentType !== 'application/json' ? { content } : {}),
    };
  }
  responses.default = {
    description: 'An error (RFC 9457 problem details)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  const access = route.access === 'public' ? 'Public: no token needed.' : `Groups allowed: ${route.access.join(', ')}.`;
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, access, matrixRow ? describeRow(matrixRow) : undefined].filter(Boolean).join('\n\n'),
    tags: [route.service],
    'x-access': route.access === 'public' ? 'public' : [...route.access],
    // The authorisation matrix (functions/<service>/access-matrix.ts): anonymous and each group → outcome.
    ...(matrixRow ? { 'x-access-matrix': rowByAudience(matrixRow) } : {}),
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: parameters(route, components),
    ...(route.request.body
      ? {
          requestBody: {
            // As the envelope reads it: no body is `{}` when every field is optional (shared/http/request.ts).
            required: !isBodyOptional(route.request.body),
            content: { 'application/json': { schema: toSchema(route.request.body, 'input', components) } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(services: ServiceDefinition[]) {
  const components: Components = { schemas: {} };
  // The problem details every operation may answer (its `default`), from the schema the test-mode response check uses.
  toSchema(problemDetails, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const service of services) {
    for (const route of service.routes) {
      if (route.hiddenFromDocs || route.path === '$default') continue;
      paths[route.path] ??= {};
      paths[route.path]![route.method.toLowerCase()] = operation(route, components, service.accessMatrix?.[route.operationId]);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Talent Services Platform API',
      version: '1.0.0',
      description:
        'Public services for professional and technical talent: certificate verification, continuing-education hours, expert matching and case publication. Errors are application/problem+json (RFC 9457). Bodies over 1 MiB get 413. ' +
        "Each operation's `x-access-matrix` says what an anonymous caller and each group get: `allow`; `deny` (401 without a token, 403 for another group); `tenant:403` / `tenant:404` (only for the caller's own region, institution, unit, expert id or person — another's is refused with that status); `tenant:item` (a batch whose items outside the caller's region are rejected one by one).",
    },
    servers: [{ url: '/' }],
    tags: services.map((s) => ({ name: s.name })),
    paths,
    components: {
      ...components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Cognito ID token (locally: `npm run token -- <group> [tenant] [region]`).' },
      },
    },
    security: [{ bearer: [] }],
  };
}

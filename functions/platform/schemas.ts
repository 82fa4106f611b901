import * as z from 'zod';

export const healthCheck = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  error: z.string().optional(),
});

export const healthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ dynamodb: healthCheck, s3: healthCheck }),
  })
  .meta({ id: 'Health' });

/** The problem details of the whole API (one definition: shared/http/response-check.ts). */
export { problemDetails as problemSchema } from '../../shared/http/response-check';

/** GET /openapi.json: an OpenAPI 3.1 document (members beyond these are the specification's own). */
export const openApiDocument = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
  })
  .describe('An OpenAPI 3.1 document');

/** GET /events.json: the domain event catalogue (shared/openapi/event-catalogue.ts). */
export const eventCatalogueResponse = z.object({
  events: z.array(
    z.object({
      type: z.string(),
      producer: z.string(),
      description: z.string(),
      consumers: z.array(z.string()),
      deliveredTo: z.array(z.string()).describe("What the bus's rules deliver it to"),
      schema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of the whole event as it travels'),
      sample: z.record(z.string(), z.unknown()),
    }),
  ),
});

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

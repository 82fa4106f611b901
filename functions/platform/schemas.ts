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

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

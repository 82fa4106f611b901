import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { platformService } from '../../functions/platform/service';
import { httpHandler } from '../../shared/http/handler';
import { created } from '../../shared/http/responses';
import { defineRoute } from '../../shared/service/definitions';
import { invoke } from '../support/http-events';
import { useLocalAws } from '../support/local-aws';

const route = defineRoute({
  service: 'test',
  operationId: 'createWidget',
  method: 'POST',
  path: '/widgets',
  summary: 'test',
  access: ['admin'],
  handler: '/dev/null',
  request: { body: z.strictObject({ name: z.string() }) },
  responses: { 201: { description: 'created' } },
  grants: [],
  idempotent: true,
});

let executions = 0;
const handler = httpHandler(route, async ({ body }) => created({ serial: ++executions, name: body.name }));
const post = (body: unknown, key: string | undefined, sub = 'caller-1') =>
  invoke(handler, {
    method: 'POST',
    path: '/widgets',
    body: JSON.stringify(body),
    headers: key ? { 'idempotency-key': key } : {},
    claims: { sub, 'cognito:groups': '[admin]' },
  });

describe('Idempotency-Key on creating POSTs (Powertools idempotency on DynamoDB Local)', () => {
  beforeAll(() => useLocalAws([platformService]));

  it('runs a retried request once and replays the first answer', async () => {
    const first = await post({ name: 'a' }, 'key-1');
    const retry = await post({ name: 'a' }, 'key-1');
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(executions).toBe(1);
  });

  it('refuses the same key with another body', async () => {
    const reused = await post({ name: 'b' }, 'key-1');
    expect(reused.status).toBe(422);
    expect(reused.body!.type).toBe('/problems/idempotency-key-reused');
  });

  it('keeps callers apart and runs every request without a key', async () => {
    const before = executions;
    await post({ name: 'a' }, 'key-1', 'caller-2');
    await post({ name: 'a' }, undefined);
    await post({ name: 'a' }, undefined);
    expect(executions).toBe(before + 3);
  });

  it('rejects keys that are not printable ASCII', async () => {
    const res = await post({ name: 'a' }, 'ключ');
    expect(res.status).toBe(400);
  });
});

import { createHash } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler as issueCertificate } from '../../functions/certificates/handlers/issue';
import { handler as issueCertificatesBatch } from '../../functions/certificates/handlers/issue-batch';
import { certSigningKeysSecret } from '../../functions/certificates/secrets';
import { certificatesService } from '../../functions/certificates/service';
import { handler as createExpert } from '../../functions/expert-matching/handlers/create-expert';
import { expertMatchingService } from '../../functions/expert-matching/service';
import { platformService } from '../../functions/platform/service';
import { generateSecretValues } from '../../infra/secret-values';
import { httpHandler } from '../../shared/http/handler';
import { created } from '../../shared/http/responses';
import { defineRoute } from '../../shared/service/definitions';
import { invoke } from '../support/http-events';
import { useLocalAws } from '../support/local-aws';
import { expertRequest } from '../support/expert-matching';

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

let aws: Awaited<ReturnType<typeof useLocalAws>>;
beforeAll(async () => {
  aws = await useLocalAws([platformService, certificatesService, expertMatchingService]);
  Object.assign(process.env, await generateSecretValues([certSigningKeysSecret]));
});

describe('Idempotency-Key on creating POSTs (Powertools idempotency on DynamoDB Local)', () => {

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

// The same key and body on another resource (path id) is another request, not a replay.
const partRoute = defineRoute({
  service: 'test',
  operationId: 'createWidgetPart',
  method: 'POST',
  path: '/widgets/{id}/parts',
  summary: 'test',
  access: ['admin'],
  handler: '/dev/null',
  request: { params: z.object({ id: z.string() }), body: z.strictObject({ name: z.string() }) },
  responses: { 201: { description: 'created' } },
  grants: [],
  idempotent: true,
});
let partRuns = 0;
const partHandler = httpHandler(partRoute, async ({ params, body }) => created({ run: ++partRuns, widget: params.id, name: body.name }));
const postPart = (widget: string, key: string) =>
  invoke(partHandler, {
    method: 'POST',
    path: `/widgets/${widget}/parts`,
    pathParameters: { id: widget },
    body: JSON.stringify({ name: 'bolt' }),
    headers: { 'idempotency-key': key },
    claims: { sub: 'caller-1', 'cognito:groups': '[admin]' },
  });

describe('the idempotency scope includes the path parameters', () => {
  it('runs the same key and body twice on two path ids, and replays on the same one', async () => {
    const onA = await postPart('A', 'part-key');
    const onB = await postPart('B', 'part-key');
    const againA = await postPart('A', 'part-key');
    const againB = await postPart('B', 'part-key');
    expect([onA.status, onB.status]).toEqual([201, 201]);
    expect(onA.body).toMatchObject({ widget: 'A' });
    expect(onB.body).toMatchObject({ widget: 'B' });
    expect(onB.body).not.toEqual(onA.body);
    expect(againA.body).toEqual(onA.body);
    expect(againB.body).toEqual(onB.body);
    expect(partRuns).toBe(2);
  });
});

/*
 * Issue 13 item 3: a stored idempotency record must not let anyone who reads the table test
 * candidate ID numbers without the PII key (an unkeyed hash of a body holding the number would).
 */
describe('idempotency records hold nothing computable from a plaintext ID number without the key', () => {
  const ID_NUMBER = '11010519491231002X';
  const ISSUER = { sub: 'idem-issuer', 'cognito:groups': '[issuer]', 'custom:region': '310000' };
  const ADMIN = { sub: 'idem-admin', 'cognito:groups': '[admin]' };
  const certificate = {
    type: 'ZC',
    region: '310000',
    holder: { name: '张三', idNumber: ID_NUMBER },
    title: '高级工程师',
    level: '高级',
    issuerName: '上海市人力资源和社会保障局',
    issueDate: '2026-03-01',
  };
  const expertBody = { ...expertRequest('IDEM-EXPERT-01', ['21040']), idNumber: ID_NUMBER };
  const batchBody = { items: [certificate, { ...certificate, holder: { name: '李四', idNumber: ID_NUMBER } }] };
  const calls = [
    { handler: issueCertificate, path: '/certificates', body: certificate, claims: ISSUER, status: 201 },
    { handler: issueCertificatesBatch, path: '/certificates:batch', body: batchBody, claims: ISSUER, status: 200 },
    { handler: createExpert, path: '/experts', body: expertBody, claims: ADMIN, status: 201 },
  ];

  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]))
        : value;
  /** Every text an attacker holding the candidate number could hash without the key. */
  function computable(body: unknown, raw: string): string[] {
    const texts = [
      raw,
      ID_NUMBER,
      ID_NUMBER.toLowerCase(),
      ID_NUMBER.slice(0, 17),
      JSON.stringify(ID_NUMBER),
      JSON.stringify(body),
      JSON.stringify(body, null, 2),
      JSON.stringify(sortKeys(body)),
      JSON.stringify({ body }),
      JSON.stringify(raw),
    ];
    const digests = texts.flatMap((text) =>
      ['md5', 'sha1', 'sha256'].flatMap((algorithm) => {
        const digest = createHash(algorithm).update(text).digest();
        return [digest.toString('hex'), digest.toString('hex').toUpperCase(), digest.toString('base64'), digest.toString('base64url')];
      }),
    );
    return [ID_NUMBER, ID_NUMBER.slice(0, 17), ...digests];
  }
  /** Every string, number and binary value anywhere in the scanned items (binary as base64 and hex). */
  function leaves(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (value instanceof Uint8Array) return [Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex')];
    if (Array.isArray(value)) return value.flatMap(leaves);
    if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
    return [];
  }

  it('stores neither the number, nor an unkeyed hash of it or of the body, for POST /certificates, /certificates:batch and /experts', async () => {
    const forbidden: string[] = [];
    for (const [i, call] of calls.entries()) {
      const raw = JSON.stringify(call.body);
      forbidden.push(...computable(call.body, raw));
      const request = { method: 'POST', path: call.path, body: raw, headers: { 'idempotency-key': `pii-key-${i}` }, claims: call.claims };
      const first = await invoke(call.handler, request);
      expect(first.status, JSON.stringify(first.body)).toBe(call.status);
      // The record works as before: the retry replays the first answer.
      expect((await invoke(call.handler, request)).body).toEqual(first.body);
    }
    const raw = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1' });
    const { Items } = await raw.send(new ScanCommand({ TableName: aws.tables.idempotency }));
    const stored = (Items ?? []).filter((item) => /^(issueCertificate|issueCertificatesBatch|createExpert)#/.test(item.id?.S ?? ''));
    expect(stored).toHaveLength(3);
    // The stored answers are there (the replays above came from them), with masked numbers only.
    expect(JSON.stringify(stored)).toContain('1101**********002X');
    const values = leaves(stored);
    for (const secret of forbidden) {
      const hit = values.find((value) => value.includes(secret));
      expect(hit, `stored value computable without the key: ${secret}`).toBeUndefined();
    }
  });
});

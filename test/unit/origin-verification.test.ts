import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpHandler } from '../../shared/http/handler';
import { acceptedOriginSecrets, forgetOriginSecrets, ORIGIN_VERIFY_HEADER, originSecretsClient } from '../../shared/http/origin-verification';
import { ok } from '../../shared/http/responses';
import { defineRoute } from '../../shared/service/definitions';
import { invoke } from '../support/http-events';

/*
 * Item 8 of issue 13: the execute-api endpoint (or the regional target of a custom domain) must
 * not be a way around CloudFront and its WAF. CloudFront adds a secret header; the envelope
 * answers 403 problem+json before anything else when it is missing or wrong.
 */

const CURRENT = 'current-origin-secret-0123456789abcdef';
const PREVIOUS = 'previous-origin-secret-0123456789abcdef';

const route = defineRoute({
  service: 'test',
  operationId: 'readThing',
  method: 'POST',
  path: '/things',
  summary: 'test',
  access: ['admin'],
  handler: '/dev/null',
  request: { body: z.strictObject({ name: z.string().min(1) }) },
  responses: { 200: { description: 'ok' } },
  grants: [],
});
let reached = 0;
const handler = httpHandler(route, async ({ body }) => {
  reached++;
  return ok({ name: body.name });
});
const admin = { sub: 'u1', 'cognito:groups': '[admin]' };
const call = (headers: Record<string, string> = {}, extra: Partial<Parameters<typeof invoke>[1]> = {}) =>
  invoke(handler, { method: 'POST', path: '/things', body: JSON.stringify({ name: 'x' }), claims: admin, headers, ...extra });

const saved = { ...process.env };
beforeEach(() => {
  reached = 0;
  forgetOriginSecrets();
});
afterEach(() => {
  for (const key of ['ORIGIN_VERIFICATION', 'ORIGIN_VERIFY_SECRETS', 'ORIGIN_VERIFY_SECRET_ARN', 'AWS_REGION']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('origin verification in the HTTP envelope (header mode)', () => {
  beforeEach(() => {
    process.env.ORIGIN_VERIFICATION = 'header';
    process.env.ORIGIN_VERIFY_SECRETS = JSON.stringify([CURRENT, PREVIOUS]);
  });

  it('answers 403 problem+json, in Chinese by default, when the header is missing or wrong, before auth or validation', async () => {
    for (const res of [
      await call(),
      await call({ [ORIGIN_VERIFY_HEADER]: 'wrong-value-wrong-value-wrong-value' }),
      await call({ [ORIGIN_VERIFY_HEADER]: CURRENT.slice(0, -1) }),
      // No token and an invalid body: the origin is judged first, so 403, not 401 or 400.
      await call({}, { claims: undefined, body: '{"nope":1}' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: '/problems/origin-not-verified', status: 403, title: '禁止访问' });
    }
    const en = await call({ 'accept-language': 'en' });
    expect([en.status, en.body!.title]).toEqual([403, 'Forbidden']);
    expect(reached).toBe(0);
  });

  it('accepts the current and the previous value, so a rotation drops no traffic', async () => {
    expect((await call({ [ORIGIN_VERIFY_HEADER]: CURRENT })).status).toBe(200);
    expect((await call({ [ORIGIN_VERIFY_HEADER]: PREVIOUS })).status).toBe(200);
    // Then the usual checks still apply.
    expect((await call({ [ORIGIN_VERIFY_HEADER]: CURRENT }, { claims: undefined })).status).toBe(401);
    expect(reached).toBe(2);
  });

  it('fails loudly (500, nothing served) when the mode names no secret, or no mode is configured', async () => {
    delete process.env.ORIGIN_VERIFY_SECRETS;
    expect((await call({ [ORIGIN_VERIFY_HEADER]: CURRENT })).status).toBe(500);
    process.env.ORIGIN_VERIFY_SECRETS = JSON.stringify([CURRENT]);
    delete process.env.ORIGIN_VERIFICATION;
    expect((await call({ [ORIGIN_VERIFY_HEADER]: CURRENT })).status).toBe(500);
    expect(reached).toBe(0);
  });
});

describe('origin verification off (the local runtime)', () => {
  it('serves without the header only when ORIGIN_VERIFICATION=none is set', async () => {
    process.env.ORIGIN_VERIFICATION = 'none';
    expect((await call()).status).toBe(200);
  });
});

describe('the accepted values in AWS: AWSCURRENT and AWSPREVIOUS of the Secrets Manager secret', () => {
  /*
   * No Secrets Manager here: an SDK middleware (the fault suite's mechanism) answers each
   * GetSecretValue by the version stage asked for, before anything is sent, and counts calls.
   */
  const ARN = 'arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:tsp/prod/origin-verify-AbCdEf';
  const stages = new Map<string, string>();
  const asked: string[] = [];
  beforeEach(async () => {
    process.env.AWS_REGION = 'ap-southeast-1';
    asked.length = 0;
    const client = await originSecretsClient();
    client.middlewareStack.remove('answer-by-stage');
    client.middlewareStack.add(
      () => async (args) => {
        const input = args.input as { SecretId: string; VersionStage: string };
        asked.push(input.VersionStage);
        const value = input.SecretId === ARN ? stages.get(input.VersionStage) : undefined;
        if (value === undefined) {
          throw Object.assign(new Error(`Secrets Manager can't find the specified secret value for staging label: ${input.VersionStage}`), { name: 'ResourceNotFoundException' });
        }
        return { output: { SecretString: value, VersionStages: [input.VersionStage], $metadata: {} }, response: {} };
      },
      { step: 'initialize', name: 'answer-by-stage' },
    );
  });

  it('reads both stages, caches them, and copes with no previous value before the first rotation', async () => {
    stages.clear();
    stages.set('AWSCURRENT', CURRENT);
    expect(await acceptedOriginSecrets(ARN, 0)).toEqual([CURRENT]);
    expect(asked.sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);

    stages.set('AWSCURRENT', 'rotated-origin-secret-0123456789abcdef');
    stages.set('AWSPREVIOUS', CURRENT);
    // Within the cache time the container keeps what it read…
    expect(await acceptedOriginSecrets(ARN, 60_000)).toEqual([CURRENT]);
    expect(asked).toHaveLength(2);
    // …then takes both sides of the rotation.
    expect(await acceptedOriginSecrets(ARN, 301_000)).toEqual(['rotated-origin-secret-0123456789abcdef', CURRENT]);
  });

  it('lets a request through with either stage through the envelope, and refuses anything else', async () => {
    stages.clear();
    stages.set('AWSCURRENT', CURRENT);
    stages.set('AWSPREVIOUS', PREVIOUS);
    process.env.ORIGIN_VERIFICATION = 'header';
    process.env.ORIGIN_VERIFY_SECRET_ARN = ARN;
    expect((await call({ [ORIGIN_VERIFY_HEADER]: CURRENT })).status).toBe(200);
    expect((await call({ [ORIGIN_VERIFY_HEADER]: PREVIOUS })).status).toBe(200);
    expect((await call({ [ORIGIN_VERIFY_HEADER]: 'older-origin-secret-0123456789abcdef' })).status).toBe(403);
    expect((await call()).status).toBe(403);
  });
});

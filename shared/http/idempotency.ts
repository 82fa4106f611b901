import { createHmac } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import * as z from 'zod';
import { lazyConfig } from '../config/env';
import { dynamoClient } from '../ddb/client';
import { piiHashKey } from '../pii/keyed-hash';
import { text } from './messages';
import { problems } from './problem';
import type { HttpResult } from './responses';

const config = lazyConfig({ IDEMPOTENCY_TABLE: z.string().min(1) });

/** Keys are client-chosen; keep them printable and bounded (Stripe-style). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

let persistence: DynamoDBPersistenceLayer | undefined;
function persistenceStore(): DynamoDBPersistenceLayer {
  persistence ??= new DynamoDBPersistenceLayer({
    tableName: config().IDEMPOTENCY_TABLE,
    awsSdkV3Client: dynamoClient(),
  });
  return persistence;
}

interface IdempotentCall {
  /**
   * Caller, path parameters and client key (the operation is the key prefix): the same key from
   * another caller, or on another resource (`/needs/{id}`), is another request.
   */
  scope: string;
  /** A keyed digest of the body, never the body: see bodyDigest. */
  body: string;
}

type Runner = (call: IdempotentCall, run: () => Promise<HttpResult>) => Promise<HttpResult>;
const runners = new Map<string, { runner: Runner; config: IdempotencyConfig }>();

function runnerFor(operationId: string) {
  let entry = runners.get(operationId);
  if (!entry) {
    const idempotencyConfig = new IdempotencyConfig({
      eventKeyJmesPath: 'scope',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 60 * 60,
      throwOnNoIdempotencyKey: true,
    });
    const runner: Runner = makeIdempotent(async (_call: IdempotentCall, run: () => Promise<HttpResult>) => run(), {
      persistenceStore: persistenceStore(),
      config: idempotencyConfig,
      dataIndexArgument: 0,
      keyPrefix: operationId,
    });
    entry = { runner, config: idempotencyConfig };
    runners.set(operationId, entry);
  }
  return entry;
}

/** JSON with object keys sorted at every level: one text per value, whatever order the client sent. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * What the record keeps to tell a retry from a reuse of the key with another body: an HMAC of the
 * canonical body under the platform's PII hash key. Powertools would otherwise store an unkeyed
 * hash of the body, and a body holding an ID number (POST /certificates, /experts…) could then be
 * confirmed by hashing candidate numbers: nothing stored is computable without the key.
 */
async function bodyDigest(body: unknown): Promise<string> {
  const key = await piiHashKey();
  if (key.length < 32) throw new Error('The PII hash key must be at least 32 characters');
  return createHmac('sha256', key).update(`idempotency-body:${canonicalJson(body ?? null)}`).digest('base64url');
}

/**
 * Runs a creating request at most once per (operation, caller, path parameters, Idempotency-Key):
 * a retry with the same key and body gets the first answer back; the same key with another body
 * is refused. The stored answer is the route's response, which never holds a plaintext ID number.
 */
export async function runIdempotently(
  operationId: string,
  key: string,
  callerId: string,
  params: unknown,
  body: unknown,
  context: Context,
  run: () => Promise<HttpResult>,
): Promise<HttpResult> {
  if (!KEY_PATTERN.test(key)) {
    throw problems.validation([{ path: 'headers.idempotency-key', message: text('应为 1–255 个可打印 ASCII 字符', 'Must be 1–255 printable ASCII characters') }]);
  }
  const { runner, config: idempotencyConfig } = runnerFor(operationId);
  idempotencyConfig.registerLambdaContext(context);
  // The stored answer must be plain JSON (no undefined members) to be saved and replayed.
  const scope = canonicalJson([callerId, params ?? {}, key]);
  return runner({ scope, body: await bodyDigest(body) }, async () => JSON.parse(JSON.stringify(await run())) as HttpResult);
}

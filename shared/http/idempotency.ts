import type { Context } from 'aws-lambda';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { z } from 'zod';
import { lazyConfig } from '../config/env';
import { dynamoClient } from '../ddb/client';
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
  /** Operation, caller and client key: the same key from another caller is another request. */
  scope: string;
  body: unknown;
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

/**
 * Runs a creating request at most once per (operation, caller, Idempotency-Key): a retry with
 * the same key and body gets the first answer back; the same key with another body is refused.
 */
export async function runIdempotently(
  operationId: string,
  key: string,
  callerId: string,
  body: unknown,
  context: Context,
  run: () => Promise<HttpResult>,
): Promise<HttpResult> {
  if (!KEY_PATTERN.test(key)) {
    throw problems.validation([{ path: 'headers.idempotency-key', message: 'Must be 1–255 printable ASCII characters' }]);
  }
  const { runner, config: idempotencyConfig } = runnerFor(operationId);
  idempotencyConfig.registerLambdaContext(context);
  // The stored answer must be plain JSON (no undefined members) to be saved and replayed.
  return runner({ scope: `${callerId}|${key}`, body: body ?? null }, async () => JSON.parse(JSON.stringify(await run())) as HttpResult);
}

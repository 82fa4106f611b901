import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { contractOf, type DomainEvent } from '../../events/registry';
import { lazyConfig } from '../config/env';
import { dynamoClient } from '../ddb/client';
import { observed } from '../http/observability';

const config = lazyConfig({ IDEMPOTENCY_TABLE: z.string().min(1) });

/** Long enough to cover EventBridge's retries (24 h) and a replay from the failure queue. */
const REMEMBER_EVENTS_SECONDS = 7 * 24 * 60 * 60;

/**
 * An EventBridge target for domain events. The detail is checked against the event's contract
 * (a malformed event fails loudly and ends in the failure queue), and the handler runs at most
 * once per event id and consumer: Powertools idempotency records the id, so a redelivered event
 * changes nothing — on top of handlers whose effects are conditional anyway.
 */
export function eventConsumer(service: string, consumerId: string, handle: (event: DomainEvent, context: Context) => Promise<void>) {
  let idempotent: ((event: DomainEvent, context: Context) => Promise<void>) | undefined;
  const run = () =>
    (idempotent ??= makeIdempotent(handle, {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: config().IDEMPOTENCY_TABLE, awsSdkV3Client: dynamoClient() }),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'id', expiresAfterSeconds: REMEMBER_EVENTS_SECONDS, throwOnNoIdempotencyKey: true }),
      keyPrefix: `event:${consumerId}`,
    }));
  return observed(service, async (event: EventBridgeEvent<string, unknown>, context: Context): Promise<void> => {
    const domainEvent = contractOf(event['detail-type']).schema.parse(event.detail) as DomainEvent;
    await run()(domainEvent, context);
  });
}

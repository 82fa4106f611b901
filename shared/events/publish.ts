import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamChange } from '../../events/envelope';
import { contractOf, type DomainEvent } from '../../events/registry';
import { observed } from '../http/observability';
import { eventBridgeClient, eventBusName } from './bus';

/** A stream record as the event derivations read it. */
export function streamChangeOf(record: DynamoDBRecord): StreamChange {
  const image = (i?: Record<string, AttributeValue>) => (i ? unmarshall(i) : undefined);
  return {
    streamArn: record.eventSourceARN ?? '',
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    at: new Date((record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString(),
    oldImage: image(record.dynamodb?.OldImage as Record<string, AttributeValue> | undefined),
    newImage: image(record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined),
  };
}

/** PutEvents allows 10 entries a call. */
const ENTRIES_PER_CALL = 10;

/**
 * Puts events on the bus, each validated against its contract first: a derivation that drifts
 * from the published schema fails here, loudly, instead of surprising a consumer. Source and
 * detail-type are what rules match on; the detail is the whole envelope, id included.
 */
export async function publishEvents(events: DomainEvent[]): Promise<void> {
  for (const event of events) contractOf(event.type).schema.parse(event);
  for (let i = 0; i < events.length; i += ENTRIES_PER_CALL) {
    const chunk = events.slice(i, i + ENTRIES_PER_CALL);
    const res = await eventBridgeClient().send(
      new PutEventsCommand({
        Entries: chunk.map((e) => ({ EventBusName: eventBusName(), Source: e.source, DetailType: e.type, Time: new Date(e.time), Detail: JSON.stringify(e) })),
      }),
    );
    // A partly failed put is retried whole with the stream record: consumers are idempotent on the event id.
    if (res.FailedEntryCount) {
      const failed = (res.Entries ?? []).filter((e) => e.ErrorCode).map((e) => e.ErrorCode);
      throw new Error(`EventBridge refused ${res.FailedEntryCount} of ${chunk.length} events: ${[...new Set(failed)].join(', ')}`);
    }
  }
}

/**
 * The stream consumer that turns a service's table changes into domain events on the bus. A
 * record whose events cannot be put is reported alone; the mapping retries it, and after that
 * its failure destination holds it (alarmed) — no event is dropped silently.
 */
export function streamPublisher(service: string, derive: (change: StreamChange) => DomainEvent[]) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const publishOne = async (record: DynamoDBRecord) => publishEvents(derive(streamChangeOf(record)));
  return observed(service, (event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, publishOne, processor, { context }));
}

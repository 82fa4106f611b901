import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { S3TriggerDefinition } from '../../shared/service/definitions';
import type { FailureDestination } from './failure-destination';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';

export interface S3Subscription {
  trigger: S3TriggerDefinition;
  bucketName: string;
}

/** Lambda's asynchronous invocation: the first try and two retries, then the failure destination. */
const ASYNC_ATTEMPTS = 3;

function matches(subscription: S3Subscription, record: S3EventRecord): boolean {
  const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
  const { trigger } = subscription;
  return (
    record.eventName.startsWith('ObjectCreated:') &&
    record.s3.bucket.name === subscription.bucketName &&
    (!trigger.prefix || key.startsWith(trigger.prefix)) &&
    (!trigger.suffix || key.endsWith(trigger.suffix))
  );
}

/** Delivers object-created notifications to the subscribed handlers, one record per event as S3 does. */
export function dispatchS3Event(event: S3Event, subscriptions: S3Subscription[], failures: FailureDestination): Promise<void>[] {
  const deliveries: Promise<void>[] = [];
  for (const record of event.Records ?? []) {
    for (const subscription of subscriptions.filter((s) => matches(s, record))) {
      deliveries.push(
        (async () => {
          let lastError = '';
          for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt++) {
            try {
              const handler = await loadHandler(subscription.trigger.handler);
              await handler({ Records: [record] }, lambdaContext(`tsp-local-${subscription.trigger.id}`, subscription.trigger.timeoutSeconds ?? 300));
              return;
            } catch (error) {
              lastError = (error as Error).message;
              await new Promise((r) => setTimeout(r, 200 * attempt));
            }
          }
          failures.put({
            at: new Date().toISOString(),
            source: 's3-notification',
            consumer: `${subscription.trigger.service}.${subscription.trigger.id}`,
            attempts: ASYNC_ATTEMPTS,
            error: lastError,
            payload: record,
          });
        })(),
      );
    }
  }
  return deliveries;
}

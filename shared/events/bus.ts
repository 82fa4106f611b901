import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import * as z from 'zod';
import { lazyConfig } from '../config/env';
import { traced } from '../http/observability';

/*
 * The platform's one event bus. Locally AWS_ENDPOINT_URL_EVENTBRIDGE points the SDK at the local
 * runtime, which speaks the PutEvents API and delivers by the same rules (infra/local/event-bus.ts).
 */
const config = lazyConfig({ EVENT_BUS_NAME: z.string().min(1) });

let client: EventBridgeClient | undefined;
export function eventBridgeClient(): EventBridgeClient {
  client ??= traced(new EventBridgeClient({}));
  return client;
}

export function setEventBridgeClient(next: EventBridgeClient | undefined): void {
  client = next;
}

export const eventBusName = () => config().EVENT_BUS_NAME;

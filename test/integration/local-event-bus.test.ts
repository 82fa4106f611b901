import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../infra/local/event-bus';
import { FailureDestination } from '../../infra/local/failure-destination';

const consumer = (id: string, events: string[]) => ({ service: 'test', id, handler: new URL('../fixtures/recording-event-consumer.ts', import.meta.url).pathname, events, grants: [] });
const received = () => (globalThis as { __eventsReceived?: EventBridgeEvent<string, { id: string }>[] }).__eventsReceived ?? [];

describe('the local event bus (PutEvents emulation and rules)', () => {
  const failures = new FailureDestination(undefined);
  const bus = new LocalEventBus([consumer('hours', ['HoursRecorded']), consumer('all', ['HoursRecorded', 'CertificateIssued'])], failures);
  let client: EventBridgeClient;

  beforeAll(async () => {
    client = new EventBridgeClient({ endpoint: await bus.start(), region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterAll(() => bus.stop());

  it('takes PutEvents from the real SDK and delivers each event to the consumers whose rule matches its type', async () => {
    const put = (type: string, id: string) => ({ EventBusName: 'tsp-local', Source: 'tsp.test', DetailType: type, Detail: JSON.stringify({ id, type }) });
    const res = await client.send(new PutEventsCommand({ Entries: [put('HoursRecorded', 'evt-1'), put('CertificateIssued', 'evt-2'), put('Unrouted', 'evt-3')] }));
    expect(res.FailedEntryCount).toBe(0);
    await bus.drain();
    const byEvent = (id: string) => received().filter((e) => e.detail.id === id).length;
    expect([byEvent('evt-1'), byEvent('evt-2'), byEvent('evt-3')]).toEqual([2, 1, 0]);
    expect(received()[0]).toMatchObject({ 'detail-type': 'HoursRecorded', source: 'tsp.test', detail: { id: 'evt-1' } });
    expect(bus.log.map((l) => [l.id, l.deliveries])).toEqual([
      ['evt-1', { 'test.hours': 'delivered', 'test.all': 'delivered' }],
      ['evt-2', { 'test.all': 'delivered' }],
      ['evt-3', {}],
    ]);
  });

  it('retries a failing delivery, then puts the event in the failure destination', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ Source: 'tsp.test', DetailType: 'CertificateIssued', Detail: JSON.stringify({ id: 'poison-1' }) }] }));
    await bus.drain();
    expect(received().filter((e) => e.detail.id === 'poison-1')).toHaveLength(3);
    expect(failures.records).toEqual([expect.objectContaining({ source: 'eventbridge', consumer: 'test.all', attempts: 3, error: 'cannot take this event' })]);
    expect(bus.log.at(-1)!.deliveries).toEqual({ 'test.all': 'failed' });
  });
});

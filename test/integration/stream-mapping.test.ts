import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FailureDestination } from '../../infra/local/failure-destination';
import { Checkpoints, StreamPoller } from '../../infra/local/stream-poller';
import type { ServiceDefinition, StreamConsumerDefinition, TableDefinition } from '../../shared/service/definitions';
import { useLocalAws } from '../support/local-aws';

const table: TableDefinition = { id: 'stream-test', envVar: 'STREAM_TEST_TABLE', partitionKey: { name: 'id', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' };
const consumer: StreamConsumerDefinition = {
  service: 'test',
  id: 'recorder',
  handler: new URL('../fixtures/recording-consumer.ts', import.meta.url).pathname,
  table,
  filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['Need'] } } } }],
  batchSize: 4,
  maxRetries: 2,
  bisectOnError: true,
  grants: [],
};
const service: ServiceDefinition = { name: 'test', tables: [table], buckets: [], routes: [], streamConsumers: [consumer], s3Triggers: [] };

const recorder = () => (globalThis as unknown as { __streamRecorder: { batches: string[][] } }).__streamRecorder;
const delivered = () => recorder()?.batches.flat() ?? [];

async function eventually(check: () => void, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('the local event source mapping (DynamoDB Local streams)', () => {
  let poller: StreamPoller;
  let put: (item: Record<string, unknown>) => Promise<unknown>;
  const failures = new FailureDestination(undefined);

  beforeAll(async () => {
    const aws = await useLocalAws([service]);
    const tableName = aws.tables[table.id]!;
    put = (item) =>
      aws.clients.ddb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, typeof v === 'boolean' ? { BOOL: v } : { S: String(v) }])),
        }),
      );
    const streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    poller = new StreamPoller({ consumer, tableName, ddb: aws.clients.ddb, streams, failures, checkpoints: new Checkpoints(), pollIntervalMs: 50 });
    poller.start();
  });

  afterAll(() => poller.stop());

  it('delivers matching records in order and drops what the filter excludes', async () => {
    for (const id of ['n1', 'n2', 'n3']) await put({ id, kind: 'Need' });
    await put({ id: 'x1', kind: 'Expert' });
    await put({ id: 'n1', kind: 'Need', note: 'modified' }); // a MODIFY: filtered out
    await eventually(() => expect(delivered()).toEqual(['n1', 'n2', 'n3']));
  });

  it('isolates a poison record by bisecting, retries it, sends it to the failure destination, and still delivers the rest', async () => {
    for (const id of ['p1', 'p2']) await put({ id, kind: 'Need' });
    await put({ id: 'poison', kind: 'Need', poison: true });
    await put({ id: 'p3', kind: 'Need' });
    await eventually(() => expect(failures.records.map((f) => (f.payload as { dynamodb: { NewImage: { id: { S: string } } } }).dynamodb.NewImage.id.S)).toEqual(['poison']));
    expect(failures.records[0]!.attempts).toBe(consumer.maxRetries + 1);
    // Records after the poison one may come in the next batch: wait for them too.
    await eventually(() => expect(delivered()).toEqual(expect.arrayContaining(['p1', 'p2', 'p3'])));
  });

  it('resumes from the first record a partial batch response reports as failed', async () => {
    const before = recorder().batches.length;
    await put({ id: 'f1', kind: 'Need' });
    await put({ id: 'flaky', kind: 'Need', flaky: true });
    await put({ id: 'f2', kind: 'Need' });
    await eventually(() => {
      const later = recorder().batches.slice(before).flat();
      expect(later.filter((id) => id === 'flaky')).toHaveLength(2);
      expect(later.filter((id) => id === 'f1')).toHaveLength(1);
      expect(later).toContain('f2');
    });
  });
});

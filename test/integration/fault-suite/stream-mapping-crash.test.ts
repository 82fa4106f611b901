import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerExpert } from '../../../functions/expert-matching/app/experts';
import { yearOf } from '../../../functions/expert-matching/app/matching';
import { submitNeed } from '../../../functions/expert-matching/app/needs';
import { provinceScope, type StoredNeed } from '../../../functions/expert-matching/core/need-state';
import { expertMatchingService } from '../../../functions/expert-matching/service';
import { needItem, table } from '../../../functions/expert-matching/store/items';
import { needRecords } from '../../../functions/expert-matching/store/needs';
import { countersOf } from '../../../functions/expert-matching/store/stats';
import { platformService } from '../../../functions/platform/service';
import { FailureDestination } from '../../../infra/local/failure-destination';
import { Checkpoints, StreamPoller } from '../../../infra/local/stream-poller';
import type { Principal } from '../../../shared/auth/principal';
import { documentClient } from '../../../shared/ddb/client';
import type { StreamConsumerDefinition } from '../../../shared/service/definitions';
import { expertRequest, needRequest } from '../../support/expert-matching';
import { useLocalAws } from '../../support/local-aws';
import type { CrashOnce } from './fixtures/crash-once-match-needs';

/*
 * Fault (issue 7, item 6): a stream handler crash, end to end through the local event source
 * mapping (infra/local/stream-poller.ts) on DynamoDB Local's real stream — the same mapping
 * definition as expertMatchingService's matchNeeds (filter, batch size, bisect-on-error), with
 * the real handler in a container that dies once AFTER committing its writes (the worst moment:
 * effects done, the mapping never told). In the same batch, a poison need (a stored window that
 * is not a date) fails on every delivery. Expected:
 *  - the mapping retries: bisects the crashed batch and delivers every record again;
 *  - each good need is matched exactly once (its proposals, the region's matched counter);
 *  - the poison record ends in the failure destination, alone, after the mapping's retries;
 *  - the need submitted after the poison still proceeds.
 *
 * Not repeated: test/integration/stream-mapping.test.ts (the mapping with a recording fixture),
 * expert-matching/matching.test.ts (redelivery, partial failure, handler called directly).
 */

const UNIT: Principal = { subject: 'unit-faults-stream', groups: ['unit'], unitId: 'FAULTS-STREAM-UNIT', label: 'unit:FAULTS-STREAM-UNIT' };
const FIELD = '23020';
const EXPERTS = ['EXP-FSTREAM-A', 'EXP-FSTREAM-B'];

const expert = (id: string) => expertRequest(id, [FIELD], { name: '赵六', serviceForms: ['TECH_GUIDANCE'], capacity: 20 });
// A province no other expert-matching integration file counts in (its counters are checked).
const need = (title: string) => needRequest([FIELD], { title, region: '640100', expertsWanted: 2, window: { from: '2031-03-01', to: '2031-06-30' } });

const crashState = () => (globalThis as { __crashOnceMatchNeeds?: CrashOnce }).__crashOnceMatchNeeds;

async function proposals(needId: string): Promise<string[]> {
  const res = await documentClient().send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `NEED#${needId}`, ':p': 'PROPOSAL#' }, ConsistentRead: true }),
  );
  return (res.Items ?? []).map((p) => String(p.expertId)).sort();
}
const matchedIn = async (n: StoredNeed) => (await countersOf(provinceScope(n.region), yearOf(n))).needsMatched ?? 0;

async function eventually(check: () => Promise<void> | void, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let poller: StreamPoller | undefined;
let streams: DynamoDBStreamsClient | undefined;
let ddb: DynamoDBClient | undefined;
let consumer: StreamConsumerDefinition;
let tableName: string;
const failures = new FailureDestination(undefined);

beforeAll(async () => {
  const aws = await useLocalAws([platformService, expertMatchingService]);
  tableName = aws.tables['expert-matching']!;
  const real = expertMatchingService.streamConsumers.find((c) => c.id === 'matchNeeds')!;
  // The real mapping, with the crashing container, and fewer retries to keep the test short.
  consumer = { ...real, handler: new URL('./fixtures/crash-once-match-needs.ts', import.meta.url).pathname, maxRetries: 2 };
  for (const id of EXPERTS) await registerExpert(expert(id), process.env.PII_HASH_KEY!);
});

afterAll(async () => {
  await poller?.stop();
  streams?.destroy();
  ddb?.destroy();
});

describe('matchNeeds crashing under the local event source mapping (DynamoDB Local stream)', () => {
  it('retried after a crash: every good need matched exactly once; the poison record ends in the failure destination; the rest proceeds', { timeout: 90_000 }, async () => {
    const first = await submitNeed(need('需求一'), UNIT);
    const second = await submitNeed(need('需求二'), UNIT);
    // A stored need whose window is not a real date: matching it throws on every delivery.
    const poison: StoredNeed = { ...(await needRecords(first.id))!.need, id: randomUUID(), title: '需求（损坏）', window: { from: '2031-02-30', to: '2031-06-30' } };
    await documentClient().send(new PutCommand({ TableName: table(), Item: needItem(poison) }));
    const after = await submitNeed(need('需求三（在损坏记录之后）'), UNIT);
    const good = [first, second, after];
    const before = await matchedIn(first);

    // Start the mapping only now, so the four INSERTs come in as few batches as the stream pages allow.
    streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    ddb = new DynamoDBClient({});
    poller = new StreamPoller({ consumer, tableName, ddb, streams, failures, checkpoints: new Checkpoints(), pollIntervalMs: 50 });
    poller.start();

    const failedIds = () => failures.records.map((f) => (f.payload as { dynamodb: { NewImage: { id: { S: string } } } }).dynamodb.NewImage.id.S);
    await eventually(() => expect(failedIds()).toContain(poison.id));
    for (const failure of failures.records) {
      expect(failure.source).toBe('dynamodb-stream');
      expect(failure.attempts).toBe(consumer.maxRetries + 1);
    }
    await eventually(async () => {
      for (const n of good) expect((await needRecords(n.id))!.need.status, n.title).toBe('PROPOSED');
    });

    const state = crashState()!;
    // The crash happened on the first delivery (DynamoDB Local pages the stream as it likes, so
    // it held some of the needs); the mapping delivered each of its records again.
    expect(state.crashes).toBe(0);
    expect(state.batches[0]!.length).toBeGreaterThan(0);
    expect(state.invocations).toBeGreaterThan(2);
    for (const id of state.batches[0]!) expect(state.batches.flat().filter((x) => x === id).length, id).toBeGreaterThanOrEqual(2);
    // …and its effects are there exactly once.
    for (const n of good) expect(await proposals(n.id), n.title).toEqual(EXPERTS);
    expect((await matchedIn(first)) - before).toBe(good.length);
    // The poison need is left as it was, visibly unmatched.
    expect((await needRecords(poison.id))!.need.status).toBe('SUBMITTED');
    expect(await proposals(poison.id)).toEqual([]);
    // The failure destination holds the failing sub-batch from the poison record on, as Lambda's
    // on-failure record names a batch's sequence range: the poison first, then at most the needs
    // delivered after it in that sub-batch, which was nonetheless matched (above) on every try.
    await new Promise((r) => setTimeout(r, 500));
    const destination = failedIds();
    expect(destination[0]).toBe(poison.id);
    expect(destination.slice(1).every((id) => good.some((n) => n.id === id))).toBe(true);
    expect(new Set(destination).size).toBe(destination.length);
    console.log(`faults: ${state.invocations} invocations (${state.batches.map((b) => b.length).join(', ')} records), failure destination: ${destination.map((id) => (id === poison.id ? 'poison' : 'a good need after it')).join(', ')}`);
  });
});

import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExpert } from '../../../functions/expert-matching/app/experts';
import { yearOf } from '../../../functions/expert-matching/app/matching';
import { submitNeed } from '../../../functions/expert-matching/app/needs';
import { provinceScope, type StoredNeed } from '../../../functions/expert-matching/core/need-state';
import { handler as matchNeeds } from '../../../functions/expert-matching/handlers/match-needs';
import type { CreateExpertRequest } from '../../../functions/expert-matching/schemas';
import { expertMatchingService } from '../../../functions/expert-matching/service';
import { expertKey, needItem, needKey, table } from '../../../functions/expert-matching/store/items';
import { needRecords } from '../../../functions/expert-matching/store/needs';
import { countersOf } from '../../../functions/expert-matching/store/stats';
import { platformService } from '../../../functions/platform/service';
import { lambdaContext } from '../../../infra/local/lambda-context';
import type { Principal } from '../../../shared/auth/principal';
import { documentClient, setDynamoClient } from '../../../shared/ddb/client';
import { expertRequest, needRequest, streamInserts } from '../../support/expert-matching';
import { useLocalAws } from '../../support/local-aws';
import { FaultInjector } from './faults';

/*
 * Fault suite (issue 7, item 6), part 2: the stream consumer that matches needs
 * (expert-matching matchNeeds, fed by the table's DynamoDB stream) crashing in the middle of a
 * batch. When a Lambda's runtime dies, its answer never reaches the event source mapping, which
 * then delivers the WHOLE batch again — records whose effects were already committed included.
 * Here the crash is injected in the transaction of the batch's second need, AFTER DynamoDB
 * applied it (the worst moment: effect done, nobody told), the response of that first
 * invocation is discarded as the mapping would never have received it, and the same records
 * are delivered again. Every need must then be matched exactly once (its proposals and the
 * matched counter counted once). A poison record among them is reported as the only batch item
 * failure on every delivery, while the rest proceed.
 *
 * Not repeated: expert-matching/matching.test.ts already covers a plain redelivery of one record,
 * two concurrent deliveries, and one failing record in an otherwise healthy batch;
 * stream-mapping-crash.test.ts (beside this file) drives the local stream mapping itself.
 */

const UNIT: Principal = { subject: 'unit-fault', groups: ['unit'], unitId: 'FAULT-UNIT-02', label: 'unit:FAULT-UNIT-02' };
const FIELD = '23020';

const expert = (id: string, overrides: Partial<CreateExpertRequest> = {}) => expertRequest(id, [FIELD], { name: '李四', serviceForms: ['TECH_GUIDANCE'], capacity: 20, ...overrides });
const need = (title: string) => needRequest([FIELD], { title, expertsWanted: 2 });

const insertRecord = streamInserts();
const deliver = (records: DynamoDBRecord[]) => matchNeeds({ Records: records } satisfies DynamoDBStreamEvent, lambdaContext('matchNeeds', 60));

async function storedNeedItem(needId: string): Promise<Record<string, unknown>> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: needKey(needId), ConsistentRead: true }));
  return Item!;
}
async function proposals(needId: string) {
  const res = await documentClient().send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NEED#${needId}` }, ConsistentRead: true }),
  );
  return (res.Items ?? []).filter((i) => i.entity === 'Proposal').map((p) => String(p.expertId));
}
const matched = async (n: StoredNeed) => (await countersOf(provinceScope(n.region), yearOf(n))).needsMatched;
const loads = async () => Promise.all(['EXP-CRASH-A', 'EXP-CRASH-B'].map(async (id) => (await documentClient().send(new GetCommand({ TableName: table(), Key: expertKey(id), ConsistentRead: true }))).Item));

const faults = new FaultInjector();

beforeAll(async () => {
  await useLocalAws([platformService, expertMatchingService]);
  setDynamoClient(faults.dynamo());
  await registerExpert(expert('EXP-CRASH-A', { keywords: ['牛羊养殖'] }), process.env.PII_HASH_KEY!);
  await registerExpert(expert('EXP-CRASH-B'), process.env.PII_HASH_KEY!);
});
afterAll(() => setDynamoClient(undefined));

describe('matchNeeds crashing mid-batch (DynamoDB Local)', () => {
  it('a crash after the 2nd need was committed, then the whole batch redelivered: every need matched exactly once', async () => {
    const needs = [await submitNeed(need('需求一'), UNIT), await submitNeed(need('需求二'), UNIT), await submitNeed(need('需求三'), UNIT)];
    const before = await matched(needs[0]!);
    const profilesBefore = await loads();
    const batch = await Promise.all(needs.map(async (n) => insertRecord(await storedNeedItem(n.id))));

    // First delivery: the runtime dies right after DynamoDB applied need 2's transaction. Its
    // answer is never delivered to the mapping, so it is ignored here.
    await faults.during(
      { kind: 'crash', commands: ['TransactWriteItemsCommand'], resource: table(), afterSend: true, when: (input) => JSON.stringify(input).includes(`NEED#${needs[1]!.id}`) },
      () => deliver(batch),
    );
    expect(faults.attempts).toBe(1);
    expect((await needRecords(needs[1]!.id))!.need.status).toBe('PROPOSED');

    // The mapping delivers the same batch again: nothing fails, nothing is applied twice.
    expect(await deliver(batch)).toEqual({ batchItemFailures: [] });
    for (const n of needs) {
      expect((await proposals(n.id)).sort(), n.title).toEqual(['EXP-CRASH-A', 'EXP-CRASH-B']);
      expect((await needRecords(n.id))!.need.status).toBe('PROPOSED');
    }
    expect((await matched(needs[0]!)) - before).toBe(3);
    // Proposals do not take capacity; whatever matching keeps on the profiles did not move twice.
    expect(await loads()).toEqual(profilesBefore);

    // And once more for good measure (a third delivery after a second crash elsewhere).
    expect(await deliver(batch)).toEqual({ batchItemFailures: [] });
    expect((await matched(needs[0]!)) - before).toBe(3);
  });

  it('a crash before the write, with a poison record in the batch: the poison alone is reported on every delivery, the rest are matched once', async () => {
    const good = [await submitNeed(need('需求甲'), UNIT), await submitNeed(need('需求乙'), UNIT)];
    const poison = await submitNeed(need('需求丙（损坏）'), UNIT);
    // A stored need whose window is not a real date: matching it always throws (RangeError).
    await documentClient().send(new PutCommand({ TableName: table(), Item: needItem({ ...(await needRecords(poison.id))!.need, window: { from: '2030-02-30', to: '2030-06-30' } }) }));
    const before = await matched(good[0]!);
    const [first, bad, last] = [insertRecord(await storedNeedItem(good[0]!.id)), insertRecord(await storedNeedItem(poison.id)), insertRecord(await storedNeedItem(good[1]!.id))];

    // First delivery: the runtime dies before the second good need's transaction is sent.
    await faults.during(
      { kind: 'crash', commands: ['TransactWriteItemsCommand'], resource: table(), when: (input) => JSON.stringify(input).includes(`NEED#${good[1]!.id}`) },
      () => deliver([first, bad, last]),
    );
    expect(await proposals(good[1]!.id)).toEqual([]);

    // Whole batch again: only the poison fails.
    const poisonOnly = { batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] };
    expect(await deliver([first, bad, last])).toEqual(poisonOnly);
    // The mapping retries from the failed record on (ReportBatchItemFailures): still only the poison.
    expect(await deliver([bad, last])).toEqual(poisonOnly);

    for (const n of good) expect((await proposals(n.id)).sort()).toEqual(['EXP-CRASH-A', 'EXP-CRASH-B']);
    expect((await matched(good[0]!)) - before).toBe(2);
    expect((await needRecords(poison.id))!.need.status).toBe('SUBMITTED');
    expect(await proposals(poison.id)).toEqual([]);
  });
});

import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptProposal, declineProposal } from '../../../functions/expert-matching/app/answers';
import { registerExpert } from '../../../functions/expert-matching/app/experts';
import { matchSubmittedNeed, yearOf } from '../../../functions/expert-matching/app/matching';
import { submitNeed } from '../../../functions/expert-matching/app/needs';
import { provinceScope, type ProposalRecord, type StoredNeed } from '../../../functions/expert-matching/core/need-state';
import { handler as matchNeeds } from '../../../functions/expert-matching/handlers/match-needs';
import type { CreateExpertRequest } from '../../../functions/expert-matching/schemas';
import { expertMatchingService } from '../../../functions/expert-matching/service';
import { candidatesFor, getExpert } from '../../../functions/expert-matching/store/experts';
import { needItem, needKey, table } from '../../../functions/expert-matching/store/items';
import { needRecords } from '../../../functions/expert-matching/store/needs';
import { countersOf } from '../../../functions/expert-matching/store/stats';
import { platformService } from '../../../functions/platform/service';
import type { Principal } from '../../../shared/auth/principal';
import { documentClient, setDynamoClient } from '../../../shared/ddb/client';
import { HttpProblem } from '../../../shared/http/problem';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { expertRequest, needRequest, streamInserts } from '../../support/expert-matching';
import { useLocalAws } from '../../support/local-aws';

/*
 * Expert matching against DynamoDB Local: atomic capacity under concurrent confirmations, the
 * stream-triggered matching under redelivery and partial batch failure, and declines.
 * Each scenario works in a first-level discipline group of its own, so the experts of one
 * scenario are never candidates in another (candidates are read per discipline group).
 */

const UNIT: Principal = { subject: 'unit-gs-coop', groups: ['unit'], unitId: 'GS-COOP-01', label: 'unit:GS-COOP-01' };

const register = (id: string, fields: string[], overrides: Partial<CreateExpertRequest> = {}) =>
  registerExpert(expertRequest(id, fields, overrides), process.env.PII_HASH_KEY!);

/** Every item of a need's partition, as stored. */
async function needPartition(needId: string): Promise<Record<string, unknown>[]> {
  const res = await documentClient().send(
    new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NEED#${needId}` }, ConsistentRead: true }),
  );
  return res.Items ?? [];
}
const proposalsIn = async (needId: string) => (await needPartition(needId)).filter((i) => i.entity === 'Proposal') as unknown as ProposalRecord[];

async function storedNeedItem(needId: string): Promise<Record<string, unknown>> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: needKey(needId), ConsistentRead: true }));
  if (!Item) throw new Error(`need ${needId} not stored`);
  return Item;
}

/** The stream record of a need's INSERT (same sequence number when redelivered). */
const insertRecord = streamInserts();
const deliver = (records: DynamoDBRecord[]) => matchNeeds({ Records: records } satisfies DynamoDBStreamEvent, lambdaContext('matchNeeds', 60));

/**
 * A client for DynamoDB Local whose first `conflicts` TransactWriteItems are cancelled the way
 * real DynamoDB cancels a transaction that overlaps another on the same item (reason
 * TransactionConflict) — DynamoDB Local serialises transactions and never does. Thrown in the
 * 'initialize' step, before sending: a cancelled transaction has certainly written nothing.
 */
function conflictingClient(conflicts: number) {
  const client = new DynamoDBClient({ maxAttempts: 1 });
  const injected = { count: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && injected.count < conflicts) {
        injected.count += 1;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTransactionConflicts' },
  );
  return { client, injected };
}

async function withConflicts<T>(conflicts: number, work: () => Promise<T>): Promise<{ result: T; injected: number }> {
  const { client, injected } = conflictingClient(conflicts);
  setDynamoClient(client);
  try {
    return { result: await work(), injected: injected.count };
  } finally {
    setDynamoClient(undefined);
  }
}

const countersFor = (need: StoredNeed) => countersOf(provinceScope(need.region), yearOf(need));

beforeAll(async () => {
  await useLocalAws([platformService, expertMatchingService]);
});

describe.each([
  { capacity: 1, needs: 5, group: '210', field: '21040' },
  { capacity: 2, needs: 6, group: '220', field: '22045' },
])('concurrent confirmations of an expert with capacity $capacity (DynamoDB Local)', ({ capacity, needs: needCount, group, field }) => {
  const expertId = `EXP-CAP${capacity}`;
  let needs: StoredNeed[];

  beforeAll(async () => {
    await register(expertId, [field], { capacity });
    needs = [];
    for (let i = 0; i < needCount; i++) needs.push(await submitNeed(needRequest([field], { title: `需求 ${i}` }), UNIT));
    // Matching runs while the expert is still free: every need gets them proposed.
    for (const need of needs) expect(await matchSubmittedNeed(need.id)).toBe('proposed');
    for (const need of needs) expect((await proposalsIn(need.id)).map((p) => [p.expertId, p.status])).toEqual([[expertId, 'PROPOSED']]);
  });

  it(`lets exactly ${capacity} of ${needCount} simultaneous acceptances through; the rest are 409 at capacity`, async () => {
    const before = await countersFor(needs[0]!);
    const results = await Promise.allSettled(needs.map((n) => acceptProposal(n.id, expertId)));

    const accepted = results.flatMap((r, i) => (r.status === 'fulfilled' ? [needs[i]!.id] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(accepted).toHaveLength(capacity);
    expect(refused).toHaveLength(needCount - capacity);
    for (const error of refused) {
      expect(error).toBeInstanceOf(HttpProblem);
      expect(error).toMatchObject({ status: 409, extensions: { load: capacity, capacity } });
    }

    const expert = (await getExpert(expertId))!;
    expect(expert.load).toBe(capacity);
    expect(expert.version).toBe(1 + capacity);

    // Each needs wanted one expert: the accepted needs are CONFIRMED, the others still wait.
    for (const need of needs) {
      const records = (await needRecords(need.id))!;
      const won = accepted.includes(need.id);
      expect(records.need).toMatchObject(won ? { status: 'CONFIRMED', acceptedCount: 1, acceptedExperts: [expertId] } : { status: 'PROPOSED', acceptedCount: 0, acceptedExperts: [] });
      expect(records.proposals[0]!.status).toBe(won ? 'ACCEPTED' : 'PROPOSED');
    }
    const after = await countersFor(needs[0]!);
    expect(after.needsConfirmed - before.needsConfirmed).toBe(capacity);
  });

  it('keeps the discipline copies in step with the profile', async () => {
    const profile = (await getExpert(expertId))!;
    const copies = (await candidatesFor(needs[0]!, false)).filter((e) => e.id === expertId);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ load: profile.load, version: profile.version, capacity });
    // The feasible-only query no longer finds a full expert.
    expect((await candidatesFor(needs[0]!, true)).map((e) => e.id)).not.toContain(expertId);
    expect(await documentClient().send(new GetCommand({ TableName: table(), Key: { pk: `EXPERT#${expertId}`, sk: `GROUP#${group}` } }))).toMatchObject({ Item: { load: capacity } });
  });

  it('refuses a later acceptance too, once the expert is full', async () => {
    const waiting: StoredNeed[] = [];
    for (const need of needs) if ((await needRecords(need.id))!.need.status === 'PROPOSED') waiting.push(need);
    expect(waiting).toHaveLength(needCount - capacity);
    await expect(acceptProposal(waiting[0]!.id, expertId)).rejects.toMatchObject({ status: 409 });
    expect((await getExpert(expertId))!.load).toBe(capacity);
  });
});

describe('stream-triggered matching (handler on DynamoDB Local)', () => {
  const field = '23020';

  beforeAll(async () => {
    await register('EXP-HERD-A', [field], { keywords: ['牛羊养殖'], capacity: 5 });
    await register('EXP-HERD-B', [field], { capacity: 5 });
    await register('EXP-HERD-C', ['23030'], { capacity: 5 });
  });

  const wantTwo = () => submitNeed(needRequest([field], { title: '牛羊养殖技术指导', description: '合作社牛羊养殖规模扩大，需要养殖技术指导。', expertsWanted: 2 }), UNIT);

  async function expectMatchedOnce(need: StoredNeed, matchedBefore: number) {
    const proposals = await proposalsIn(need.id);
    // The two best of the group: A shares a keyword; B shares the exact discipline, C only its group.
    expect(proposals.map((p) => p.expertId).sort()).toEqual(['EXP-HERD-A', 'EXP-HERD-B']);
    expect(proposals.every((p) => p.proposedBy === 'matching' && p.status === 'PROPOSED')).toBe(true);
    const stored = (await needRecords(need.id))!.need;
    expect(stored.status).toBe('PROPOSED');
    expect((await countersFor(need)).needsMatched - matchedBefore).toBe(1);
    return stored;
  }

  it('proposes once when the same record is delivered twice, one after the other', async () => {
    const need = await wantTwo();
    const before = (await countersFor(need)).needsMatched;
    const record = insertRecord(await storedNeedItem(need.id));

    expect(await deliver([record])).toEqual({ batchItemFailures: [] });
    const first = await expectMatchedOnce(need, before);
    expect(await deliver([record])).toEqual({ batchItemFailures: [] });
    const second = await expectMatchedOnce(need, before);
    expect(second.matchedAt).toBe(first.matchedAt);
  });

  it('proposes once when the same record is delivered twice at the same time', async () => {
    const need = await wantTwo();
    const before = (await countersFor(need)).needsMatched;
    const record = insertRecord(await storedNeedItem(need.id));

    // Both invocations share the module's BatchProcessor here (one process), as they never do in
    // Lambda; with every record succeeding that does not change the answers.
    const responses = await Promise.all([deliver([record]), deliver([record])]);
    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    await expectMatchedOnce(need, before);
  });

  it('proposes once when the app function runs concurrently for the same need (two Lambda instances)', async () => {
    const need = await wantTwo();
    const before = (await countersFor(need)).needsMatched;
    const outcomes = await Promise.all([matchSubmittedNeed(need.id), matchSubmittedNeed(need.id), matchSubmittedNeed(need.id)]);
    expect(outcomes.filter((o) => o === 'proposed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(2);
    await expectMatchedOnce(need, before);
  });

  it('reports only the failing record of a batch; the rest are matched', async () => {
    const good = await wantTwo();
    const before = (await countersFor(good)).needsMatched;
    // A need whose stored window is not a real date: ranking refuses it (RangeError), a genuine failure.
    const broken = await wantTwo();
    const brokenItem = needItem({ ...(await needRecords(broken.id))!.need, window: { from: '2030-02-30', to: '2030-06-30' } });
    await documentClient().send(new PutCommand({ TableName: table(), Item: brokenItem }));
    // A record for a need that is not (or no longer) stored is nothing to do, not a failure.
    const gone = insertRecord({ ...brokenItem, pk: 'NEED#00000000-0000-4000-8000-000000000000', id: '00000000-0000-4000-8000-000000000000' });

    const badRecord = insertRecord(await storedNeedItem(broken.id));
    const response = await deliver([insertRecord(await storedNeedItem(good.id)), badRecord, gone]);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: badRecord.dynamodb!.SequenceNumber }] });
    await expectMatchedOnce(good, before);
    expect((await needRecords(broken.id))!.need.status).toBe('SUBMITTED');
    expect(await proposalsIn(broken.id)).toEqual([]);
  });
});

describe('transactions cancelled by a concurrent one (TransactionConflict, as real DynamoDB reports it)', () => {
  const field = '24020';

  beforeAll(async () => {
    await register('EXP-FISH-A', [field], { capacity: 2 });
  });

  it('matching retries the cancelled transaction instead of failing the stream record', async () => {
    const need = await submitNeed(needRequest([field], { title: '水产养殖技术指导' }), UNIT);
    const before = (await countersFor(need)).needsMatched;
    const { result, injected } = await withConflicts(1, () => matchSubmittedNeed(need.id));
    expect(injected).toBe(1);
    expect(result).toBe('proposed');
    expect((await proposalsIn(need.id)).map((p) => p.expertId)).toEqual(['EXP-FISH-A']);
    expect((await countersFor(need)).needsMatched - before).toBe(1);
  });

  it('an acceptance retries the cancelled transaction: the expert is confirmed, not answered with a 500', async () => {
    const need = await submitNeed(needRequest([field], { title: '水产养殖病害防治' }), UNIT);
    expect(await matchSubmittedNeed(need.id)).toBe('proposed');
    const loadBefore = (await getExpert('EXP-FISH-A'))!.load;
    const { result, injected } = await withConflicts(2, () => acceptProposal(need.id, 'EXP-FISH-A'));
    expect(injected).toBe(2);
    expect(result.need.status).toBe('CONFIRMED');
    expect((await getExpert('EXP-FISH-A'))!.load).toBe(loadBefore + 1);
  });
});

describe('declines (DynamoDB Local)', () => {
  const field = '32024';
  const ids = ['EXP-MED-A', 'EXP-MED-B', 'EXP-MED-C', 'EXP-MED-D'];

  beforeAll(async () => {
    // Different keyword fit, so the ranking is strict: A, B, C, D.
    await register(ids[0]!, [field], { keywords: ['慢性病', '高血压', '糖尿病'], categories: ['ACADEMICIAN'] });
    await register(ids[1]!, [field], { keywords: ['慢性病', '高血压'] });
    await register(ids[2]!, [field], { keywords: ['慢性病'] });
    await register(ids[3]!, [field]);
    // Never eligible: inactive, and one who does not offer the form.
    await register('EXP-MED-OFF', [field], { keywords: ['慢性病', '高血压', '糖尿病'], status: 'INACTIVE' });
    await register('EXP-MED-LEC', [field], { keywords: ['慢性病', '高血压', '糖尿病'], serviceForms: ['LECTURE'] });
  });

  it('proposes the next best after each decline, never an expert twice, and ends NO_MATCH with a cause', async () => {
    const need = await submitNeed(
      needRequest([field], { title: '乡镇卫生院慢性病管理', description: '乡镇卫生院需要专家指导慢性病（高血压、糖尿病）规范管理。', keywords: ['慢性病', '高血压', '糖尿病'] }),
      UNIT,
    );
    expect(await matchSubmittedNeed(need.id)).toBe('proposed');

    const proposedInOrder: string[] = [];
    const scores: number[] = [];
    for (let round = 0; round < 10; round++) {
      const records = (await needRecords(need.id))!;
      if (records.need.status === 'NO_MATCH') break;
      const pending = records.proposals.filter((p) => p.status === 'PROPOSED');
      expect(pending).toHaveLength(1);
      const current = pending[0]!;
      proposedInOrder.push(current.expertId);
      scores.push(current.score);
      expect(current.proposedBy).toBe(round === 0 ? 'matching' : 'decline');
      const { declined, replacement } = await declineProposal(need.id, current.expertId, '档期冲突');
      expect(declined.status).toBe('DECLINED');
      if (replacement) expect(proposedInOrder).not.toContain(replacement.expertId);
    }

    expect(proposedInOrder).toEqual(ids);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const { need: final, proposals } = (await needRecords(need.id))!;
    expect(final.status).toBe('NO_MATCH');
    expect(proposals.map((p) => p.expertId).sort()).toEqual([...ids].sort());
    expect(proposals.every((p) => p.status === 'DECLINED' && p.declineReason === '档期冲突')).toBe(true);
    expect(final.shortfall).toMatchObject({ cause: 'ALREADY_PROPOSED', reason: expect.stringContaining('No expert could be proposed'), reasonZh: expect.any(String) });
    expect(final.shortfall!.summary).toMatch(/0 of 6 experts eligible/);

    // A decline of an answered proposal is a conflict; a further match of the need changes nothing.
    await expect(declineProposal(need.id, ids[0]!, undefined)).rejects.toMatchObject({ status: 409 });
    expect(await matchSubmittedNeed(need.id)).toBe('skipped');
    expect(await proposalsIn(need.id)).toHaveLength(ids.length);
  });
});

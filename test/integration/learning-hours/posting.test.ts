import { DynamoDBClient, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { postRecords, type RecordResult } from '../../../functions/learning-hours/app/post-records';
import { learningHoursService } from '../../../functions/learning-hours/service';
import type { Principal } from '../../../shared/auth/principal';
import { documentClient, setDynamoClient } from '../../../shared/ddb/client';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { useLocalAws } from '../../support/local-aws';

const PII_KEY = 'posting-test-pii-hash-key-0123456789abcdef';
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
/** Distinct valid resident ID numbers, so a batch spreads over many person-years. */
const person = (n: number) => ({ idNumber: idNumber(`32050119850101${String(n % 1000).padStart(3, '0')}`), name: '王小明' });

const record = (recordId: string, n: number, overrides: Record<string, unknown> = {}) => ({
  recordId,
  person: person(n),
  course: { code: 'AI-101', title: '人工智能应用', category: 'PROFESSIONAL' },
  hours: 1 + (n % 8),
  completedOn: '2025-05-10',
  ...overrides,
});
const batch = (prefix: string, size: number) => Array.from({ length: size }, (_, n) => record(`${prefix}${n}`, n));

/** Each test posts for an institution of its own, so its records are exactly one partition. */
const principalFor = (institutionId: string): Principal => ({ subject: 'posting-test', groups: ['institution'], institutionId, label: `institution:${institutionId}` });
const post = (institutionId: string, records: unknown[]) => postRecords(institutionId, records, principalFor(institutionId), PII_KEY);

let table: string;

/** The recordIds stored for an institution, read back with strongly consistent Query pages. */
async function storedRecordIds(institutionId: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': `INST#${institutionId}`, ':rec': 'REC#' },
        ProjectionExpression: 'recordId',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.recordId)));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

const storedItem = async (institutionId: string, recordId: string) =>
  (await documentClient().send(new GetCommand({ TableName: table, Key: { pk: `INST#${institutionId}`, sk: `REC#${recordId}` }, ConsistentRead: true }))).Item;

const idsWith = (results: RecordResult[], status: RecordResult['status']) => results.filter((r) => r.status === status).map((r) => r.recordId!);

/**
 * A real client for DynamoDB Local that fails every 3rd record write (a TransactWriteItems: the
 * record and its person-year's counter) after the first `healthy` ones,
 * alternating throttling and a 500. The fault is thrown in the 'initialize' step, before the
 * SDK's retry middleware (finalizeRequest), so no retry hides it (maxAttempts 1 keeps real
 * errors unretried too), and before the request is sent, so a failed put has certainly not
 * been stored.
 */
function faultyClient(healthy: number) {
  const client = new DynamoDBClient({ maxAttempts: 1 });
  const faults = { puts: 0, injected: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && ++faults.puts > healthy && (faults.puts - healthy) % 3 === 0) {
        throw ++faults.injected % 2
          ? new ProvisionedThroughputExceededException({ message: 'Injected: throughput exceeded', $metadata: { httpStatusCode: 400 } })
          : new InternalServerError({ message: 'Injected: internal server error', $metadata: { httpStatusCode: 500 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectPutFaults' },
  );
  return { client, faults };
}

describe('posting hour records (postRecords on DynamoDB Local)', () => {
  beforeAll(async () => {
    table = (await useLocalAws([learningHoursService])).tables['learning-hours']!;
  });

  it('reports a re-post of the same content as duplicate and other content as conflict, changing nothing', async () => {
    const inst = 'IT-POST-SEMANTICS';
    const first = await post(inst, [record('A', 1), record('B', 2)]);
    expect(first).toEqual([
      { recordId: 'A', status: 'created' },
      { recordId: 'B', status: 'created' },
    ]);
    const [a, b] = [await storedItem(inst, 'A'), await storedItem(inst, 'B')];
    expect(b).toMatchObject({ hours: 3, status: 'ACTIVE' });

    // postedAt of this call is later than the first one's: an overwrite would show even for A.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await post(inst, [record('A', 1), record('B', 2, { hours: 7.5 }), record('C', 3)]);
    expect(second).toEqual([
      { recordId: 'A', status: 'duplicate' },
      { recordId: 'B', status: 'conflict' },
      { recordId: 'C', status: 'created' },
    ]);
    expect(await storedItem(inst, 'A')).toEqual(a);
    expect(await storedItem(inst, 'B')).toEqual(b);
    expect((await storedRecordIds(inst)).sort()).toEqual(['A', 'B', 'C']);
  });

  it('stores each record exactly once when the same batch of 200 is posted twice at once', async () => {
    const inst = 'IT-POST-CONCURRENT';
    const records = batch('R', 200);
    const [one, two] = await Promise.all([post(inst, records), post(inst, records)]);

    records.forEach(({ recordId }, i) => {
      expect(one[i]!.recordId).toBe(recordId);
      expect(two[i]!.recordId).toBe(recordId);
      expect([one[i]!.status, two[i]!.status].sort()).toEqual(['created', 'duplicate']);
    });

    const stored = await storedRecordIds(inst);
    expect(stored).toHaveLength(200);
    expect(new Set(stored)).toEqual(new Set(records.map((r) => r.recordId)));
  });

  it('leaves every record stored or reported failed under storage faults, and a re-post completes the batch', async () => {
    const inst = 'IT-POST-FAULTS';
    const records = batch('F', 120);
    const all = records.map((r) => r.recordId);
    const { client, faults } = faultyClient(20);
    setDynamoClient(client);
    let results: RecordResult[];
    try {
      results = await post(inst, records);
    } finally {
      setDynamoClient(undefined);
      client.destroy();
    }

    expect(faults.injected).toBe(Math.floor((120 - 20) / 3));
    expect(results.map((r) => r.recordId)).toEqual(all);
    const created = idsWith(results, 'created');
    const failed = idsWith(results, 'failed');
    expect(created.length + failed.length).toBe(all.length); // nothing else: no duplicate, no conflict
    expect(failed).toHaveLength(faults.injected);
    for (const r of results.filter((x) => x.status === 'failed')) expect(r).toMatchObject({ errors: [{ path: `records[${all.indexOf(r.recordId!)}]` }] });

    const stored = await storedRecordIds(inst);
    expect(stored).toHaveLength(new Set(stored).size); // no record stored twice
    expect(new Set(stored)).toEqual(new Set(created));
    expect(failed.filter((id) => stored.includes(id))).toEqual([]);
    expect(new Set([...stored, ...failed])).toEqual(new Set(all));

    // Re-posting the whole batch on a healthy client completes it, without duplicates.
    const again = await post(inst, records);
    expect(idsWith(again, 'duplicate').sort()).toEqual([...created].sort());
    expect(idsWith(again, 'created').sort()).toEqual([...failed].sort());
    const complete = await storedRecordIds(inst);
    expect(complete).toHaveLength(records.length);
    expect(new Set(complete)).toEqual(new Set(all));
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { postRecords, type RecordResult } from '../../../functions/learning-hours/app/post-records';
import { contentHash, MAX_RECORDS_PER_PERSON_YEAR, type HourRecord } from '../../../functions/learning-hours/core/records';
import { handler as lookup } from '../../../functions/learning-hours/handlers/lookup';
import { handler as myHours } from '../../../functions/learning-hours/handlers/my-hours';
import { handler as track } from '../../../functions/learning-hours/handlers/track-requirements';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { putRecord, voidRecord } from '../../../functions/learning-hours/store/records';
import { platformService } from '../../../functions/platform/service';
import { lambdaContext } from '../../../infra/local/lambda-context';
import type { Principal } from '../../../shared/auth/principal';
import { documentClient, setDynamoClient } from '../../../shared/ddb/client';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { personIdFor } from '../../../shared/pii/keyed-hash';
import { invoke } from '../../support/http-events';
import { useLocalAws } from '../../support/local-aws';

/*
 * Issue 13 item 9: a person-year holds at most MAX_RECORDS_PER_PERSON_YEAR records, also under
 * concurrent batches; record lists come in pages whose figures cover every record; the
 * requirement tracker reads each person-year once per stream batch.
 */
let table: string;
const piiKey = () => process.env.PII_HASH_KEY!;
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const NAME = '李晓华';

const principalFor = (institutionId: string): Principal => ({ subject: 'bounds-test', groups: ['institution'], institutionId, label: `institution:${institutionId}` });
const post = (institutionId: string, records: unknown[]) => postRecords(institutionId, records, principalFor(institutionId), piiKey());

/** `count` records for one person in 2025, spread over the year's days, both categories. */
const recordsFor = (id: string, prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      recordId: `${prefix}-${n}`,
      person: { idNumber: id, name: NAME },
      course: { code: `C${n % 7}`, title: '专业课程', category: n % 3 === 0 ? 'PUBLIC' : 'PROFESSIONAL' },
      hours: 0.5 + (n % 4) * 0.5,
      completedOn: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    };
  });

const statuses = (results: RecordResult[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

/** What the table holds for a person-year, read with strongly consistent queries of each poster's partition. */
async function storedCount(institutions: string[], personId: string): Promise<number> {
  let count = 0;
  for (const institutionId of institutions) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documentClient().send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
          FilterExpression: 'personId = :person AND #year = :year',
          ExpressionAttributeNames: { '#year': 'year' },
          ExpressionAttributeValues: { ':pk': `INST#${institutionId}`, ':rec': 'REC#', ':person': personId, ':year': 2025 },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      count += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return count;
}

const counter = async (personId: string) =>
  (await documentClient().send(new GetCommand({ TableName: table, Key: { pk: `PERSON#${personId}`, sk: 'RECORDS#2025' }, ConsistentRead: true }))).Item?.records;

beforeAll(async () => {
  table = (await useLocalAws([platformService, learningHoursService])).tables['learning-hours']!;
});

describe('the cap on records per person-year', () => {
  it('stores exactly the cap, rejects the excess with the reason, and still answers re-posts as duplicates', { timeout: 180_000 }, async () => {
    const id = idNumber('11010519800101001');
    const personId = personIdFor(id, piiKey());
    const records = recordsFor(id, 'CAP', MAX_RECORDS_PER_PERSON_YEAR + 20);
    const first = await post('IT-CAP-ONE', records.slice(0, 300));
    const second = await post('IT-CAP-ONE', records.slice(300));
    expect(statuses(first)).toEqual({ created: 300 });
    expect(statuses(second)).toEqual({ created: MAX_RECORDS_PER_PERSON_YEAR - 300, rejected: 20 });
    const rejected = second.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => r.recordId)).toEqual(records.slice(MAX_RECORDS_PER_PERSON_YEAR).map((r) => r.recordId));
    const errors = rejected[0]!.status === 'rejected' ? rejected[0]!.errors : [];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(`records[${MAX_RECORDS_PER_PERSON_YEAR - 300}]`);
    expect(JSON.stringify(errors[0]!.message)).toContain(String(MAX_RECORDS_PER_PERSON_YEAR));
    expect(await storedCount(['IT-CAP-ONE'], personId)).toBe(MAX_RECORDS_PER_PERSON_YEAR);
    expect(await counter(personId)).toBe(MAX_RECORDS_PER_PERSON_YEAR);

    // The whole roster again: what is stored is a duplicate, the rest is still rejected, nothing moves.
    const again = await post('IT-CAP-ONE', records.slice(MAX_RECORDS_PER_PERSON_YEAR - 10, MAX_RECORDS_PER_PERSON_YEAR + 10));
    expect(again.map((r) => r.status)).toEqual([...Array<string>(10).fill('duplicate'), ...Array<string>(10).fill('rejected')]);
    // Another person, same institution and year, is not affected.
    const other = await post('IT-CAP-ONE', recordsFor(idNumber('11010519800101002'), 'OTHER', 3));
    expect(statuses(other)).toEqual({ created: 3 });
    expect(await storedCount(['IT-CAP-ONE'], personId)).toBe(MAX_RECORDS_PER_PERSON_YEAR);
  });

  it('holds under concurrent batches: two institutions posting 2 × 300 records for one ID number store exactly the cap', { timeout: 180_000 }, async () => {
    const id = idNumber('11010519800101003');
    const personId = personIdFor(id, piiKey());
    const [a, b] = await Promise.all([post('IT-CAP-A', recordsFor(id, 'A', 300)), post('IT-CAP-B', recordsFor(id, 'B', 300))]);
    const created = (statuses(a).created ?? 0) + (statuses(b).created ?? 0);
    const rejected = (statuses(a).rejected ?? 0) + (statuses(b).rejected ?? 0);
    expect({ created, rejected }).toEqual({ created: MAX_RECORDS_PER_PERSON_YEAR, rejected: 600 - MAX_RECORDS_PER_PERSON_YEAR });
    expect(await storedCount(['IT-CAP-A', 'IT-CAP-B'], personId)).toBe(MAX_RECORDS_PER_PERSON_YEAR);
    expect(await counter(personId)).toBe(MAX_RECORDS_PER_PERSON_YEAR);
  });
});

describe('record lists in pages', () => {
  const id = idNumber('32010219850505004');
  const personId = () => personIdFor(id, piiKey());
  const ME = () => ({ sub: 'bounds-professional', 'cognito:groups': '[professional]', 'custom:personId': personId() });
  const ISSUER = { sub: 'bounds-issuer', 'cognito:groups': '[issuer]', 'custom:region': '320000' };
  let stored: string[] = [];

  beforeAll(async () => {
    // 2024 and 2025, 230 + 40 records, 25 of 2025 voided.
    const posted = [...recordsFor(id, 'PG', 230), ...recordsFor(id, 'PG24', 40).map((r) => ({ ...r, completedOn: r.completedOn.replace('2025', '2024') }))];
    for (let i = 0; i < posted.length; i += 100) expect(statuses(await post('IT-PAGES', posted.slice(i, i + 100)))).toEqual({ created: Math.min(100, posted.length - i) });
    for (let n = 0; n < 230; n += 9) expect((await voidRecord('IT-PAGES', `PG-${n}`, { at: '2025-12-01T00:00:00Z', by: 'institution:IT-PAGES', reason: '重复登记' })).outcome).toBe('done');
    stored = posted.map((r) => r.recordId);
  });

  type Listed = { recordId: string; status: string };
  type Year = { year: number; totalHours: number; professionalHours: number; publicHours: number; compliant: boolean; records: Listed[]; voidedRecords: Listed[] };
  const figures = (y: Year) => ({ year: y.year, totalHours: y.totalHours, professionalHours: y.professionalHours, publicHours: y.publicHours, compliant: y.compliant });

  /** Every page of an answer, following nextCursor. */
  async function allPages(ask: (cursor?: string) => Promise<{ status: number; body?: Record<string, unknown> }>) {
    const pages: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const res = await ask(cursor);
      expect(res.status).toBe(200);
      pages.push(res.body!);
      cursor = res.body!.nextCursor as string | undefined;
      expect(pages.length).toBeLessThan(50);
    } while (cursor);
    return pages;
  }

  it('GET /me/learning-hours: every record once across pages of `limit`, the figures those of all records', async () => {
    const ask = (limit: number) => (cursor?: string) => invoke(myHours, { path: '/me/learning-hours', claims: ME(), query: { year: '2025', limit: String(limit), ...(cursor ? { cursor } : {}) } });
    const whole = (await ask(500)()).body as unknown as Year;
    expect(whole.records.length + whole.voidedRecords.length).toBe(230);
    expect(whole.voidedRecords).toHaveLength(26);
    const pages = (await allPages(ask(37))) as unknown as Year[];
    expect(pages).toHaveLength(Math.ceil(230 / 37));
    for (const page of pages) {
      expect(figures(page)).toEqual(figures(whole));
      expect(page.records.length + page.voidedRecords.length).toBeLessThanOrEqual(37);
    }
    const listed = pages.flatMap((p) => [...p.records, ...p.voidedRecords]);
    expect(listed.map((r) => r.recordId)).toEqual([...whole.records, ...whole.voidedRecords].map((r) => r.recordId));
    expect(new Set(listed.map((r) => r.recordId))).toEqual(new Set(stored.filter((r) => r.startsWith('PG-'))));
    expect(listed.filter((r) => r.status === 'VOIDED')).toHaveLength(26);

    // Without a limit, a page is bounded too; a cursor from another year is refused.
    const first = (await invoke(myHours, { path: '/me/learning-hours', claims: ME(), query: { year: '2025' } })).body as unknown as Year & { nextCursor: string };
    expect(first.records.length + first.voidedRecords.length).toBe(100);
    const wrong = await invoke(myHours, { path: '/me/learning-hours', claims: ME(), query: { year: '2024', cursor: first.nextCursor } });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('query.cursor');
  });

  it('POST /learning-hours/lookup over a window: every record once, each year with its own figures on every page', async () => {
    const ask = (limit: number) => (cursor?: string) =>
      invoke(lookup, { method: 'POST', path: '/learning-hours/lookup', claims: ISSUER, body: JSON.stringify({ idNumber: id, name: NAME, fromYear: 2024, toYear: 2025, limit, ...(cursor ? { cursor } : {}) }) });
    const whole = (await ask(500)()).body as unknown as { years: Year[]; allMet: boolean; nextCursor?: string };
    expect(whole.nextCursor).toBeUndefined();
    expect(whole.years.map((y) => y.records.length + y.voidedRecords.length)).toEqual([40, 230]);
    const pages = (await allPages(ask(64))) as unknown as { years: Year[]; allMet: boolean }[];
    expect(pages).toHaveLength(Math.ceil(270 / 64));
    for (const page of pages) {
      expect(page.allMet).toBe(whole.allMet);
      expect(page.years.map(figures)).toEqual(whole.years.map(figures));
    }
    const listed = pages.flatMap((p) => p.years.flatMap((y) => [...y.records, ...y.voidedRecords])).map((r) => r.recordId);
    expect(listed).toHaveLength(270);
    expect(new Set(listed)).toEqual(new Set(stored));
  });
});

describe('the requirement tracker', () => {
  const PEOPLE = ['tracker-person-a-0123456789', 'tracker-person-b-0123456789'];

  function hourRecord(personId: string, recordId: string, day: number): HourRecord {
    const content = { personId, course: { code: 'C', title: 't', category: 'PROFESSIONAL' as const }, hours: 2, completedOn: `2026-03-${String(1 + (day % 28)).padStart(2, '0')}` };
    return { institutionId: 'IT-TRACK', recordId, ...content, personNameMasked: '张*', personName: '张三', idNumberMasked: '1101**********002X', year: 2026, status: 'ACTIVE', contentHash: contentHash(content), postedBy: 'x', postedAt: '' };
  }

  it('reads each person-year once per batch, however many of its records the batch carries', async () => {
    // 50 records of one person (100 hours: the year is met) and 10 of another, in one batch.
    const records = [...Array.from({ length: 50 }, (_, i) => hourRecord(PEOPLE[0]!, `T-A-${i}`, i)), ...Array.from({ length: 10 }, (_, i) => hourRecord(PEOPLE[1]!, `T-B-${i}`, i))];
    for (const r of records) expect(await putRecord(r)).toBe('created');
    const event: DynamoDBStreamEvent = {
      Records: records.map((r, i) => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(1000 + i), NewImage: marshall({ entity: 'HourRecord', ...r }, { removeUndefinedValues: true }) as never } })),
    };

    const calls: string[] = [];
    const client = new DynamoDBClient({});
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
    setDynamoClient(client);
    let response;
    try {
      response = await track(event, lambdaContext('track', 30) as Context);
    } finally {
      setDynamoClient(undefined);
      client.destroy();
    }
    expect(response).toEqual({ batchItemFailures: [] });
    const queries = calls.filter((c) => c === 'QueryCommand');
    expect(queries).toHaveLength(PEOPLE.length);
    // Per person-year: its records, the person's staff list entry, and the marker (put, maybe an update).
    expect(calls.length).toBeLessThanOrEqual(4 * PEOPLE.length);

    const marker = async (personId: string) => (await documentClient().send(new GetCommand({ TableName: table, Key: { pk: `PERSON#${personId}`, sk: 'MET#2026' }, ConsistentRead: true }))).Item;
    expect(await marker(PEOPLE[0]!)).toMatchObject({ state: 'MET', totalHours: 100, professionalHours: 100 });
    expect(await marker(PEOPLE[1]!)).toBeUndefined(); // 20 hours: never met, so no marker
  });
});

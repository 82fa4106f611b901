import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { toHourRecord } from '../../functions/learning-hours/app/post-records';
import { hourRecordInput } from '../../functions/learning-hours/schemas';
import { hourRecordItem } from '../../functions/learning-hours/store/records';
import { learningHoursTable } from '../../functions/learning-hours/table';
import { issueLocalToken } from '../../infra/local/tokens';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { piiHashKey } from '../../shared/pii/keyed-hash';
import { expectStatus } from '../fixtures/certificates';
import { DdbMeter } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import type { Scenario } from '../harness/types';
import { chunks } from './certificate-batch';

/** Records per request: the route's maximum. */
const BATCH = 500;
/** Items per BatchWriteItem: DynamoDB's maximum. */
const BATCH_WRITE_LIMIT = 25;
/** BatchWriteItem calls in flight, as many as app/post-records.ts keeps PutItems in flight. */
const WRITE_WIDTH = 8;
const DEFAULT_RECORDS = 20_000;
const MAX_RECORDS = 1_000_000;
/** Distinct trainees the records go round, about what a national base trains in a year. */
const TRAINEES = 1_000;
const REQUEST_TIMEOUT_MS = 120_000;
/** Same length, so the baseline's keys and items are as large as the route's, in partitions of their own. */
const POSTING_INSTITUTION = 'BENCH-HOURS-POST';
const BASELINE_INSTITUTION = 'BENCH-HOURS-BASE';
const INSTITUTION_REGION = '320000';
export const TRAINEE_NAME = '王小明';

/** BENCH_HOURS_RECORDS: how many records each side writes in the measured runs (whole requests of 500). */
export function recordsFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.BENCH_HOURS_RECORDS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RECORDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < BATCH || value > MAX_RECORDS || value % BATCH !== 0) {
    throw new Error(`BENCH_HOURS_RECORDS must be a multiple of ${BATCH} from ${BATCH} to ${MAX_RECORDS}, got "${raw}"`);
  }
  return value;
}

/** The n-th (0–999) of the valid resident ID numbers (GB 11643 check character) of people born on `birthDate`. */
export function traineeIdNumber(n: number, birthDate = '19850101'): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`trainee number must be 0–999, got ${n}`);
  const seventeen = `320501${birthDate}${String(n).padStart(3, '0')}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
}

/** One record as an institution posts it (DESIGN §4), a third of them public subjects. */
export function hourRecordRequest(recordId: string, idNumber: string, n: number) {
  return {
    recordId,
    person: { idNumber, name: TRAINEE_NAME },
    course: n % 3 === 0 ? { code: 'GX-2025', title: '专业技术人员公需科目', category: 'PUBLIC' } : { code: 'AI-101', title: '人工智能应用', category: 'PROFESSIONAL' },
    hours: 2 + (n % 7) * 0.5,
    completedOn: `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
  };
}

/** Registers an institution through the API (admin token) and returns its own token. */
export async function registerInstitution(url: string, id: string): Promise<string> {
  const response = await fetch(new URL('/institutions', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await issueLocalToken({ group: 'admin' })}` },
    body: JSON.stringify({ id, name: `基准测试培训基地 ${id}`, level: 'NATIONAL_BASE', region: INSTITUTION_REGION }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await expectStatus(response, 201, 'POST /institutions');
  return issueLocalToken({ group: 'institution', tenant: id });
}

/** The item the route stores for a posted record, built by the route's own functions. */
export function recordItem(raw: unknown, institutionId: string, piiKey: string, postedAt: string): Record<string, unknown> {
  return hourRecordItem(toHourRecord(institutionId, hourRecordInput.parse(raw), piiKey, { postedBy: `institution:${institutionId}`, postedAt }));
}

/** DynamoDB's item size rules: names and strings in UTF-8 bytes, about 1 byte per 2 digits + 1 for numbers, 3 bytes per map plus 1 per element. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-/, '').replace('.', '').replace(/^0+|0+$/g, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M) return 3 + Object.entries(value.M).reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + valueSize(v) + 1, 0);
  if (value.L) return 3 + value.L.reduce((sum, v) => sum + valueSize(v) + 1, 0);
  throw new Error(`itemSize: unexpected attribute ${JSON.stringify(value).slice(0, 80)}`);
}

/** Writes items with BatchWriteItem of 25, WRITE_WIDTH calls in flight, until DynamoDB has taken every one. */
async function batchWrite(client: DynamoDBClient, tableName: string, items: Record<string, AttributeValue>[]): Promise<void> {
  const calls = chunks(items, BATCH_WRITE_LIMIT);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      let requests: WriteRequest[] = calls[next++]!.map((Item) => ({ PutRequest: { Item } }));
      // Unprocessed items are what DynamoDB could not take under load; they are resent as a client must.
      while (requests.length) {
        const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }), { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        requests = UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_WIDTH, calls.length) }, worker));
}

/** Records stored under an institution (read with an unmetered client). */
async function countRecords(client: DynamoDBClient, tableName: string, institutionId: string): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': { S: `INST#${institutionId}` }, ':rec': { S: 'REC#' } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/**
 * POST /institutions/{id}/hour-records in requests of 500 (validation, keyed hash and one
 * conditional PutItem per record, 8 in flight) until BENCH_HOURS_RECORDS records are in, against
 * the same items written raw with BatchWriteItem of 25, 8 calls in flight, to the same table
 * under another institution. BatchWriteItem cannot tell a duplicate or a conflict from a new
 * record: the ratio is the price of answering record by record.
 */
export const hoursPostingScenario: Scenario = {
  name: 'hours-posting',
  description: `POST /institutions/{id}/hour-records in batches of ${BATCH} (BENCH_HOURS_RECORDS, default ${DEFAULT_RECORDS}) vs the same items written raw with BatchWriteItem of ${BATCH_WRITE_LIMIT}`,
  async run(ctx) {
    const tableName = process.env[learningHoursTable.envVar];
    if (!tableName) throw new Error(`${learningHoursTable.envVar} is not set: start the local runtime first`);
    const records = recordsFromEnv(process.env);
    // Every stored record would be re-judged by the requirement tracker in this process, in the middle of the measurement.
    await ctx.stopStreamConsumers();
    const settings = { iterations: records / BATCH, warmup: 1, concurrency: 1 };
    const batches = settings.warmup + settings.iterations;
    const token = await registerInstitution(ctx.url, POSTING_INSTITUTION);

    const requests = Array.from({ length: batches * BATCH }, (_, n) => hourRecordRequest(`H${String(n).padStart(7, '0')}`, traineeIdNumber(n % TRAINEES), n));
    const bodies = chunks(requests, BATCH).map((batch) => JSON.stringify({ records: batch }));
    // The baseline's items, built beforehand with the route's own functions, so only the writes are timed.
    const piiKey = await piiHashKey();
    const postedAt = new Date().toISOString();
    const prepared = chunks(
      requests.map((raw) => marshall(recordItem(raw, BASELINE_INSTITUTION, piiKey, postedAt), { removeUndefinedValues: true })),
      BATCH,
    );

    // Its own meter, so the baseline's calls and units can be reported per record too.
    const baselineMeter = new DdbMeter();
    const raw = baselineMeter.instrument(new DynamoDBClient({}));
    // Not metered: only checks what was stored.
    const plain = new DynamoDBClient({});
    let nextBody = 0;
    let nextItems = 0;
    let written = 0;
    try {
      const detail = await ctx.compareInDetail({
        settings,
        baseline: {
          name: `BatchWriteItem x${BATCH / BATCH_WRITE_LIMIT} of ${BATCH_WRITE_LIMIT} (raw SDK)`,
          async run() {
            const items = prepared[nextItems++];
            if (!items) throw new Error('more baseline runs than prepared batches');
            await batchWrite(raw, tableName, items);
            written += items.length;
          },
        },
        operation: {
          name: `POST /institutions/{id}/hour-records (${BATCH} records)`,
          async run() {
            const body = bodies[nextBody++];
            if (!body) throw new Error('more requests than prepared batches');
            const response = await fetch(new URL(`/institutions/${POSTING_INSTITUTION}/hour-records`, ctx.url), {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body,
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            const { summary } = JSON.parse(await expectStatus(response, 200, 'POST /institutions/{id}/hour-records')) as { summary: { created: number } };
            if (summary.created !== BATCH) throw new Error(`POST /institutions/{id}/hour-records created ${summary.created} of ${BATCH}: ${JSON.stringify(summary)}`);
          },
        },
      });

      // Every record of every request is in, once, on both sides.
      const stored = { route: await countRecords(plain, tableName, POSTING_INSTITUTION), baseline: await countRecords(plain, tableName, BASELINE_INSTITUTION) };
      if (stored.route !== batches * BATCH || stored.baseline !== batches * BATCH) {
        throw new Error(`expected ${batches * BATCH} records on each side, found ${JSON.stringify(stored)}`);
      }
      // The baseline must write what the route writes: same attributes, same size.
      const key = (institutionId: string) => ({ pk: { S: `INST#${institutionId}` }, sk: { S: `REC#${requests[0]!.recordId}` } });
      const routeItem = (await plain.send(new GetItemCommand({ TableName: tableName, Key: key(POSTING_INSTITUTION), ConsistentRead: true }))).Item!;
      const baseItem = (await plain.send(new GetItemCommand({ TableName: tableName, Key: key(BASELINE_INSTITUTION), ConsistentRead: true }))).Item!;
      const attributes = (item: Record<string, AttributeValue>) => Object.keys(item).sort().join(',');
      if (attributes(routeItem) !== attributes(baseItem)) throw new Error(`the baseline's item differs from the route's: ${attributes(baseItem)} vs ${attributes(routeItem)}`);

      const base = baselineMeter.snapshot();
      const baseUnitsKnown = base.reported === base.eligible;
      const perRecord = (perRequest: number | null) => (perRequest === null ? null : perRequest / BATCH);
      const scenario = 'hours-posting';
      const operation = detail.row.operation;
      const baseline = detail.row.baseline;
      const size = itemSize(routeItem);
      const indexes = learningHoursTable.indexes?.length ?? 0;
      // In AWS a put is charged per started KB for the table and again for each index the item lands in.
      const awsUnits = Math.ceil(size / 1024) * (1 + indexes);
      ctx.note(
        `${settings.iterations} measured + ${settings.warmup} warm-up request(s) of ${BATCH} per side, one at a time, alternating: ${settings.iterations * BATCH} measured records (${batches * BATCH} stored per side, all checked). Latency columns are per request of ${BATCH}, the figures below per record. The baseline writes the route's items under institution ${BASELINE_INSTITUTION}.`,
      );
      return [
        detail.row,
        figureRow({
          scenario,
          figure: 'records per second',
          operation,
          value: detail.operation.throughput * BATCH,
          unit: 'rec/s',
          baseline: { name: baseline, value: detail.baseline.throughput * BATCH },
        }),
        figureRow({
          scenario,
          figure: 'ddb calls per record',
          operation,
          value: perRecord(detail.ddb.ddbCallsPerOp),
          unit: 'calls',
          baseline: { name: baseline, value: written ? base.calls / written : null },
          note: `per request: ${detail.ddb.ddbCallsPerOp} (institution GetItem + one PutItem per record) vs ${written ? (base.calls * BATCH) / written : 'n/a'}`,
        }),
        figureRow({
          scenario,
          figure: 'WCU per record',
          operation,
          value: perRecord(detail.ddb.writeUnitsPerOp),
          unit: 'WCU',
          baseline: { name: baseline, value: baseUnitsKnown && written ? base.writeUnits / written : null },
          note: `ConsumedCapacity as DynamoDB Local returned it; AWS would charge ${awsUnits} per record either way (${size} B item: table + ${indexes} indexes)`,
        }),
        figureRow({
          scenario,
          figure: 'item size',
          operation,
          value: size,
          unit: 'B',
          baseline: { name: baseline, value: itemSize(baseItem) },
          note: "DynamoDB's size rules, first record of each side",
        }),
      ];
    } finally {
      raw.destroy();
      plain.destroy();
    }
  },
};

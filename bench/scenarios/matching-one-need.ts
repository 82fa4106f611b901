import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { matchSubmittedNeed } from '../../functions/expert-matching/app/matching';
import { submitNeed } from '../../functions/expert-matching/app/needs';
import type { StoredNeed } from '../../functions/expert-matching/core/need-state';
import { submitNeedRequest } from '../../functions/expert-matching/schemas';
import { expertWrites } from '../../functions/expert-matching/store/experts';
import { groupsOf } from '../../functions/expert-matching/store/items';
import { expertMatchingTable } from '../../functions/expert-matching/table';
import type { Principal } from '../../shared/auth/principal';
import { expertAt, needAt, DISCIPLINE_GROUPS } from '../fixtures/experts';
import { DdbMeter, type MeterSnapshot } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import { median } from '../harness/stats';
import type { Scenario } from '../harness/types';

/*
 * Matching one need against a large pool (DESIGN §5): the work the stream consumer does for a
 * newly submitted need — read the need, one Query per first-level discipline of the need on
 * byDiscipline with the hard rules as a filter, rank, write the proposals — against the pool
 * DynamoDB would have to read without that index: a full Scan of the table.
 *
 * The pool (BENCH_EXPERT_POOL experts, default 100,000, bench/fixtures/experts.ts) is written
 * straight into the table with BatchWriteItem, the items exactly those expertWrites() puts for a
 * new expert: the profile and one copy per first-level discipline.
 */

const SCENARIO = 'matching-one-need';
const DEFAULT_POOL = 100_000;
/**
 * Tried up to the default. The candidate Queries (app code, no Limit) read a whole discipline
 * partition, 31,000 items for the largest at 100,000 experts; much larger pools may exhaust
 * DynamoDB Local's 512 MB heap, which then answers InternalFailure.
 */
const MAX_POOL = 1_000_000;
const DEFAULT_MATCHES = 30;
const DEFAULT_SCANS = 2;
/** Items per BatchWriteItem: DynamoDB's maximum. */
const BATCH_WRITE_LIMIT = 25;
/** BatchWriteItem calls in flight while seeding. */
const WRITE_WIDTH = 8;
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * Items a Scan page may hold. DynamoDB ends a page at 1 MB anyway (about 2,300 of these items),
 * so this changes neither the pages nor the units; but without a Limit, DynamoDB Local (512 MB
 * heap, infra/local/dynamodb-local.ts) runs out of memory scanning a table of 250,000 items.
 */
const SCAN_PAGE_LIMIT = 5_000;
const EXPERT_SEED = 1;
const NEED_SEED = 2;
const UNIT: Principal = { subject: 'bench-unit', groups: ['unit'], unitId: 'BENCH-MATCH-UNIT', label: 'unit:BENCH-MATCH-UNIT' };

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

/** BENCH_EXPERT_POOL (experts seeded), BENCH_MATCH_ITERATIONS (measured matches), BENCH_SCAN_RUNS (full scans timed). */
export function oneNeedSettingsFromEnv(env: Record<string, string | undefined>) {
  return {
    pool: positiveInteger(env, 'BENCH_EXPERT_POOL', DEFAULT_POOL, MAX_POOL),
    matches: positiveInteger(env, 'BENCH_MATCH_ITERATIONS', DEFAULT_MATCHES, 10_000),
    scans: positiveInteger(env, 'BENCH_SCAN_RUNS', DEFAULT_SCANS, 100),
  };
}

/** The items expertWrites() puts for new expert `i`, marshalled for BatchWriteItem. */
function* poolItems(pool: number): Generator<Record<string, AttributeValue>> {
  for (let i = 0; i < pool; i++) {
    for (const write of expertWrites(expertAt(i, EXPERT_SEED))) {
      if (!write.Put?.Item) throw new Error(`expertWrites gave a write that is not a Put: ${JSON.stringify(write).slice(0, 200)}`);
      yield marshall(write.Put.Item, { removeUndefinedValues: true });
    }
  }
}

/** Writes the pool with BatchWriteItem of 25, WRITE_WIDTH calls in flight, resending what DynamoDB leaves unprocessed. */
async function seedPool(client: DynamoDBClient, tableName: string, pool: number): Promise<number> {
  const items = poolItems(pool);
  let written = 0;
  // Workers take the next 25 items from the one generator: JavaScript runs them one at a time.
  const nextBatch = (): WriteRequest[] => {
    const batch: WriteRequest[] = [];
    while (batch.length < BATCH_WRITE_LIMIT) {
      const next = items.next();
      if (next.done) break;
      batch.push({ PutRequest: { Item: next.value } });
    }
    return batch;
  };
  const worker = async () => {
    for (let requests = nextBatch(); requests.length; requests = nextBatch()) {
      written += requests.length;
      while (requests.length) {
        const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }), { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        requests = UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: WRITE_WIDTH }, worker));
  return written;
}

/** One full Scan of the table, page after page (1 MB each), one segment, eventually consistent. */
async function fullScan(client: DynamoDBClient, tableName: string): Promise<{ items: number; pages: number }> {
  let items = 0;
  let pages = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, Limit: SCAN_PAGE_LIMIT, ExclusiveStartKey: start }), { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    items += page.Count ?? 0;
    pages += 1;
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, pages };
}

const unitsKnown = (s: MeterSnapshot) => s.reported === s.eligible;

export const matchingOneNeedScenario: Scenario = {
  name: SCENARIO,
  description: `matching one submitted need (BENCH_EXPERT_POOL experts, default ${DEFAULT_POOL}) vs a full Scan of the pool`,
  async run(ctx) {
    const tableName = process.env[expertMatchingTable.envVar];
    if (!tableName) throw new Error(`${expertMatchingTable.envVar} is not set: start the local runtime first`);
    const { pool, matches, scans } = oneNeedSettingsFromEnv(process.env);
    // Every seeded item and every need would otherwise go through the stream consumers in this
    // process, and the consumer would match the needs before the measured calls could.
    await ctx.stopStreamConsumers();

    // Setup 1: the pool, written raw and timed on its own.
    const seedMeter = new DdbMeter();
    const seeder = seedMeter.instrument(new DynamoDBClient({}));
    const scanMeter = new DdbMeter();
    const scanner = scanMeter.instrument(new DynamoDBClient({}));
    const queryMeter = new DdbMeter();
    const querier = queryMeter.instrument(new DynamoDBClient({}));
    try {
      const seedStarted = performance.now();
      const items = await seedPool(seeder, tableName, pool);
      const seedMs = performance.now() - seedStarted;
      const seeded = seedMeter.snapshot();

      // The baseline, a few times: the whole pool read page by page.
      const scanMs: number[] = [];
      let pages = 0;
      for (let run = 0; run < scans; run++) {
        const started = performance.now();
        const scanned = await fullScan(scanner, tableName);
        scanMs.push(performance.now() - started);
        // Nothing else writes to this table before the needs below: the Scan must find exactly the pool.
        if (scanned.items !== items) throw new Error(`the Scan read ${scanned.items} items, ${items} were seeded`);
        pages = scanned.pages;
      }
      const scan = scanMeter.snapshot();
      const rcuPerScan = unitsKnown(scan) ? scan.readUnits / scans : null;

      // Setup 2: fresh needs, submitted as POST /needs does; each measured match takes the next.
      const settings = { iterations: matches, warmup: Math.max(1, Math.round(matches / 10)), concurrency: 1 };
      const total = settings.warmup + settings.iterations;
      const needs: StoredNeed[] = [];
      for (let i = 0; i < total; i++) {
        const { id: _id, ...request } = needAt(i, NEED_SEED);
        needs.push(await submitNeed(submitNeedRequest.parse(request), UNIT));
      }

      let nextMatch = 0;
      let nextQuery = 0;
      const outcomes = { proposed: 0, 'no-match': 0 };
      let groupsQueried = 0;
      let scannedByQueries = 0;
      const detail = await ctx.compareInDetail({
        settings,
        baseline: {
          // The reads candidatesFor makes for the need, sent raw: what is left without ranking, the need's own read and the writes.
          name: 'Query byDiscipline with the feasibility filter (raw SDK)',
          async run() {
            const need = needs[nextQuery++ % needs.length]!;
            for (const group of groupsOf(need.fields)) {
              groupsQueried += 1;
              let start: Record<string, AttributeValue> | undefined;
              do {
                const page = await querier.send(
                  new QueryCommand({
                    TableName: tableName,
                    IndexName: 'byDiscipline',
                    KeyConditionExpression: 'disciplineGroup = :g',
                    FilterExpression: '#status = :active AND availableFrom <= :from AND availableTo >= :to AND contains(serviceForms, :form) AND #load < #capacity',
                    ExpressionAttributeNames: { '#status': 'status', '#load': 'load', '#capacity': 'capacity' },
                    ExpressionAttributeValues: marshall({ ':g': group, ':active': 'ACTIVE', ':from': need.window.from, ':to': need.window.to, ':form': need.serviceForm }),
                    ExclusiveStartKey: start,
                  }),
                  { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
                );
                scannedByQueries += page.ScannedCount ?? 0;
                start = page.LastEvaluatedKey;
              } while (start);
            }
          },
        },
        operation: {
          name: 'matchSubmittedNeed (stream consumer path)',
          async run() {
            const need = needs[nextMatch++];
            if (!need) throw new Error('more matches than submitted needs');
            const outcome = await matchSubmittedNeed(need.id);
            if (outcome === 'skipped') throw new Error(`need ${need.id} was not SUBMITTED any more: something else matched it`);
            outcomes[outcome] += 1;
          },
        },
      });

      const baseRuns = detail.settings.warmup + detail.settings.iterations;
      const queried = queryMeter.snapshot();
      const operation = detail.row.operation;
      const scanName = `full Scan of the table (${pages} pages, one segment)`;
      const scanP50 = median(scanMs);
      const copies = items - pool;
      ctx.note(
        `${pool} experts (${copies} discipline copies, ${(copies / pool).toFixed(2)} per expert, over ${DISCIPLINE_GROUPS} first-level disciplines, Zipf-skewed) = ${items} items, seeded with BatchWriteItem of ${BATCH_WRITE_LIMIT}, ${WRITE_WIDTH} calls in flight. ` +
          `${settings.iterations} measured + ${settings.warmup} warm-up matches, one at a time, each on a freshly submitted need (${outcomes.proposed} proposed, ${outcomes['no-match']} no match); the baseline row is the same needs' byDiscipline Queries sent raw, ${(groupsQueried / baseRuns).toFixed(2)} groups per need, ${Math.round(scannedByQueries / baseRuns)} items read per need. ` +
          `The full Scan ran ${scans} time(s): ${scanMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s.`,
      );
      return [
        detail.row,
        figureRow({ scenario: SCENARIO, figure: 'seed time', operation: `BatchWriteItem of ${pool} experts`, value: seedMs / 1000, unit: 's', note: `${items} items, ${seeded.calls} calls` }),
        figureRow({ scenario: SCENARIO, figure: 'seed rate', operation: `BatchWriteItem of ${pool} experts`, value: items / (seedMs / 1000), unit: 'items/s' }),
        figureRow({
          scenario: SCENARIO,
          figure: 'WCU per expert',
          operation: `BatchWriteItem of ${pool} experts`,
          value: unitsKnown(seeded) ? seeded.writeUnits / pool : null,
          unit: 'WCU',
          note: 'ConsumedCapacity as DynamoDB Local returned it: the profile, and each discipline copy twice (table and byDiscipline)',
        }),
        figureRow({ scenario: SCENARIO, figure: 'latency p50', operation, value: detail.operation.p50Ms, unit: 'ms', baseline: { name: scanName, value: scanP50 }, note: 'scan: median of its runs' }),
        figureRow({ scenario: SCENARIO, figure: 'latency p99', operation, value: detail.operation.p99Ms, unit: 'ms', baseline: { name: scanName, value: Math.max(...scanMs) }, note: 'scan: slowest of its runs' }),
        figureRow({
          scenario: SCENARIO,
          figure: 'RCU per match',
          operation,
          value: detail.ddb.readUnitsPerOp,
          unit: 'RCU',
          baseline: { name: scanName, value: rcuPerScan },
          note: 'ConsumedCapacity as DynamoDB Local returned it (eventually consistent Query/Scan; the need is read strongly consistent)',
        }),
        figureRow({ scenario: SCENARIO, figure: 'ddb calls per match', operation, value: detail.ddb.ddbCallsPerOp, unit: 'calls', baseline: { name: scanName, value: scan.calls / scans } }),
        figureRow({ scenario: SCENARIO, figure: 'WCU per match', operation, value: detail.ddb.writeUnitsPerOp, unit: 'WCU', note: 'the need, its proposals and the statistics, in one transaction' }),
        figureRow({
          scenario: SCENARIO,
          figure: 'items read per match',
          operation: detail.row.baseline,
          value: scannedByQueries / baseRuns,
          unit: 'items',
          baseline: { name: scanName, value: items },
          note: 'DynamoDB reads (and charges) every item of the discipline partitions; the filter only drops them from the answer',
        }),
        figureRow({
          scenario: SCENARIO,
          figure: 'RCU per query set',
          operation: detail.row.baseline,
          value: unitsKnown(queried) ? queried.readUnits / baseRuns : null,
          unit: 'RCU',
          baseline: { name: scanName, value: rcuPerScan },
        }),
      ];
    } finally {
      seeder.destroy();
      scanner.destroy();
      querier.destroy();
    }
  },
};

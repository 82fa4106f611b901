import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { listPartition, listPartitionsOf, orderKey, termPartition } from '../../functions/case-publication/core/listing';
import type { CaseCard } from '../../functions/case-publication/core/model';
import { indexTerms } from '../../functions/case-publication/core/search-terms';
import { CASE_TOPICS } from '../../functions/case-publication/core/topics';
import { INVERTED_INDEX, listEntryItem, postingItem } from '../../functions/case-publication/store/listing';
import { casesTable } from '../../functions/case-publication/table';
import { expectStatus } from '../fixtures/certificates';
import { DdbMeter } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import type { BenchRow, FigureRow, Scenario, ScenarioContext } from '../harness/types';
import { chunks } from './certificate-batch';

/*
 * GET /public/cases over HTTP — a filtered list, a rare-word search and a common-words search
 * with a filter — over BENCH_CASES published cases (default 5,000), each next to one raw Query
 * of one page of the same list, in the same run. Cases are seeded through the store's own item
 * builders (listing entries and postings, what a publish writes), with BatchWriteItem.
 */
const DEFAULT_CASES = 5_000;
const MAX_CASES = 200_000;
const PAGE = 20;
const REQUEST_TIMEOUT_MS = 15_000;
const BATCH_WRITE_LIMIT = 25;
const WRITE_WIDTH = 8;
/** One case in this many mentions the rare word, in its summary. */
const RARE_EVERY = 250;
const RARE_WORD = '银龄人才';

const REGIONS = ['310000', '310115', '320000', '320102', '440300', '510100', '110105', '620100', '000000'];
const SUBJECTS = ['人才服务', '职称评审', '继续教育基地', '博士后工作站', '专家服务基层', '留学人才回国', '数字技术工程师', '技术经理人'];
const ACTIONS = ['创新机制', '优化流程', '扩大覆盖', '提升质量', '强化保障'];
const PLACES = ['县域', '园区', '高校', '企业', '乡村'];

/** BENCH_CASES: how many published cases the lists and postings hold. */
export function casesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.BENCH_CASES;
  if (raw === undefined || raw.trim() === '') return DEFAULT_CASES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < PAGE * 2 || value > MAX_CASES) throw new Error(`BENCH_CASES must be an integer from ${PAGE * 2} to ${MAX_CASES}, got "${raw}"`);
  return value;
}

/** The n-th seeded case: topics, regions and years go round, every case mentions 人才 and 服务. */
function seededCase(n: number, publishedAt: string): CaseCard & { body: string } {
  const subject = SUBJECTS[n % SUBJECTS.length]!;
  const action = ACTIONS[n % ACTIONS.length]!;
  const place = PLACES[n % PLACES.length]!;
  return {
    id: randomUUID(),
    version: 1,
    title: `${place}${subject}${action}典型案例`,
    summary: `围绕${subject}，${place}人才服务${action}${n % RARE_EVERY === 0 ? `，引进使用${RARE_WORD}` : ''}。`,
    topic: CASE_TOPICS[n % CASE_TOPICS.length]!,
    region: REGIONS[n % REGIONS.length]!,
    year: 2019 + (n % 8),
    tags: [subject, place],
    publishedAt,
    body: `## 主要做法\n\n${place}${subject}${action}，服务专业技术人才${(n % 90) + 10}人次。`,
  };
}

/** The items a publish of this case would write to the inverted index. */
function itemsOf(seeded: CaseCard & { body: string }): Record<string, unknown>[] {
  const { body, ...card } = seeded;
  const order = orderKey(card.publishedAt, card.id);
  return [
    ...listPartitionsOf(card).map((list) => listEntryItem(list, order, card)),
    ...indexTerms(card.title, card.summary, card.tags.join(' '), body).map((term) => postingItem(card.id, termPartition(term), order)),
  ];
}

/** `count` cases published a second apart, newest last, as the index items their publishes wrote. */
export function seedItems(count: number): Record<string, unknown>[] {
  const start = Date.now() - count * 1000;
  return Array.from({ length: count }, (_, n) => itemsOf(seededCase(n, new Date(start + n * 1000).toISOString()))).flat();
}

export async function batchWrite(client: DynamoDBClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const batches = chunks(items, BATCH_WRITE_LIMIT);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending: WriteRequest[] = batches[next++]!.map((item) => ({ PutRequest: { Item: marshall(item) } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error('BatchWriteItem left items unprocessed');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const res = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
        pending = res.UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: WRITE_WIDTH }, worker));
}

interface Measured {
  name: string;
  query: Record<string, string>;
  list: string;
  /** How many cases the first page must show. */
  expect: (seeded: number) => number;
}

async function measure(ctx: ScenarioContext, tableName: string, m: Measured): Promise<(BenchRow | FigureRow)[]> {
  const path = `/public/cases?${new URLSearchParams(m.query)}`;
  const baselineMeter = new DdbMeter();
  const raw = baselineMeter.instrument(new DynamoDBClient({}));
  try {
    const detail = await ctx.compareInDetail({
      baseline: {
        name: `Query ${INVERTED_INDEX} ${m.list}, one page (raw SDK)`,
        async run() {
          const { Items } = await raw.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: INVERTED_INDEX,
              KeyConditionExpression: 'ipk = :list',
              ExpressionAttributeValues: { ':list': { S: m.list } },
              ScanIndexForward: false,
              Limit: PAGE,
            }),
            { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
          );
          if (!Items?.length) throw new Error(`Query of ${m.list} found nothing`);
        },
      },
      operation: {
        name: `GET ${decodeURIComponent(path)}`,
        async run() {
          const response = await fetch(new URL(path, ctx.url), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          const body = JSON.parse(await expectStatus(response, 200, `GET ${path}`)) as { cases: unknown[] };
          if (body.cases.length !== m.expect(PAGE)) throw new Error(`GET ${path} showed ${body.cases.length} cases, expected ${m.expect(PAGE)}`);
        },
      },
    });
    const base = baselineMeter.snapshot();
    const queries = detail.settings.warmup + detail.settings.iterations;
    const baseline = { name: detail.row.baseline, value: base.reported === base.eligible ? base.readUnits / queries : null };
    return [
      detail.row,
      figureRow({ scenario: 'case-list', figure: 'ddb calls per page', operation: detail.row.operation, value: detail.ddb.ddbCallsPerOp, unit: 'calls', baseline: { name: detail.row.baseline, value: base.calls / queries } }),
      figureRow({ scenario: 'case-list', figure: 'RCU per page', operation: detail.row.operation, value: detail.ddb.readUnitsPerOp, unit: 'RCU', baseline, note: `${m.name}; ConsumedCapacity as DynamoDB Local returned it` }),
    ];
  } finally {
    raw.destroy();
  }
}

export const caseListScenario: Scenario = {
  name: 'case-list',
  description: `GET /public/cases (a topic list, a rare-word search, a common-words search with a filter) over BENCH_CASES published cases (default ${DEFAULT_CASES}) vs a raw Query of one page`,
  async run(ctx) {
    const tableName = process.env[casesTable.envVar];
    if (!tableName) throw new Error(`${casesTable.envVar} is not set: start the local runtime first`);
    const count = casesFromEnv(process.env);

    // Seeding writes ~44 items per case to a streamed table: polled in this process, the stream
    // consumers' backlog (which in AWS runs in its own containers) would swamp DynamoDB Local.
    await ctx.stopStreamConsumers();
    const started = performance.now();
    const items = seedItems(count);
    const seeder = new DynamoDBClient({});
    try {
      await batchWrite(seeder, tableName, items);
    } finally {
      seeder.destroy();
    }
    const seedSeconds = (performance.now() - started) / 1000;
    ctx.note(`seeded ${count} published cases as ${items.length} index items (listing entries and postings) in ${seedSeconds.toFixed(1)} s with BatchWriteItem`);

    const rare = Math.ceil(count / RARE_EVERY);
    const measured: Measured[] = [
      { name: 'one filter combination, one Query', query: { topic: 'EXPERTS' }, list: listPartition({ topic: 'EXPERTS' }), expect: (page) => page },
      { name: `a word in ${rare} of ${count} cases`, query: { q: RARE_WORD }, list: listPartition({}), expect: (page) => Math.min(page, rare) },
      { name: 'two words in every case, with a filter', query: { q: '人才 服务', region: '310000' }, list: listPartition({ region: '310000' }), expect: (page) => page },
    ];
    const rows: (BenchRow | FigureRow)[] = [figureRow({ scenario: 'case-list', figure: 'index items per case', operation: 'publish (seeded)', value: items.length / count, unit: 'items' })];
    for (const m of measured) rows.push(...(await measure(ctx, tableName, m)));
    return rows;
  },
};

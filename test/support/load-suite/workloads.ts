import { ListTablesCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import type { TokenRequest } from '../../../infra/local/tokens';
import { certificateKey } from '../../../functions/certificates/store/keys';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { runBursts, runSteady, type LoadResult } from './driver';

/*
 * Three bounded workloads against a running local runtime (loopback only), parameterised by
 * duration, concurrency and size, and a check that nothing accepted was lost. Used by the short
 * e2e suite (test/e2e/load-suite.test.ts) and the full bench scenario (bench/scenarios/load.ts).
 *
 * Tenants used by no other test or scenario: region 460000/460100 (Hainan), institution, unit and
 * expert ids LOAD-*, Hainan resident ID numbers, discipline 18031 (Genetics, group 180).
 */

export const LOAD_REGION = '460000';
export const LOAD_CITY = '460100';
export const LOAD_DISCIPLINE = '18031';
export const HOLDER_NAME = '李海南';
const REQUEST_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

export interface LoadTarget {
  /** Base URL of the runtime's HTTP API, e.g. http://127.0.0.1:3000. */
  url: string;
  /** A bearer token the runtime accepts. */
  token(request: TokenRequest): Promise<string>;
  /** A client of the runtime's DynamoDB (reads only). */
  dynamo: DynamoDBClient;
  tables: { certificates: string; learningHours: string; expertMatching: string };
  /** Distinguishes this run's ids from an earlier run's against the same tables. */
  runId: string;
}

/** The physical names of the three tables, as the runtime provisioned them (tsp-<stage>-<id>). */
export async function resolveTables(dynamo: DynamoDBClient): Promise<LoadTarget['tables']> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await dynamo.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  const find = (id: string) => {
    const name = names.find((n) => n.startsWith('tsp-') && n.endsWith(`-${id}`));
    if (!name) throw new Error(`no ${id} table among ${names.join(', ')}`);
    return name;
  };
  return { certificates: find('certificates'), learningHours: find('learning-hours'), expertMatching: find('expert-matching') };
}

/** A short id for this run: base 36 of the clock, upper case. */
export const newRunId = () => Date.now().toString(36).toUpperCase().slice(-6);

/** A valid Hainan resident ID number (GB 11643 check character), the n-th (0–999) born on 1980-01-01. */
export function hainanIdNumber(n: number): string {
  const seventeen = `46010019800101${String(n % 1000).padStart(3, '0')}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
}

async function send(target: LoadTarget, method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, target.url), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { status: response.status, json: text };
  }
}

async function expectOk(target: LoadTarget, method: string, path: string, token: string, body: unknown, expected: number): Promise<unknown> {
  const { status, json } = await send(target, method, path, token, body);
  if (status !== expected) throw new Error(`${method} ${path} answered ${status}, expected ${expected}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** Every item of a Query, all pages (strongly consistent on the table, eventually on an index). */
async function queryAll(dynamo: DynamoDBClient, input: QueryCommandInput): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

// ---------------------------------------------------------------------------------------------
// (1) Public verification of pre-issued certificates at steady concurrency

export interface VerificationSetup {
  numbers: string[];
}

/** Issues `count` (≤ 500) certificates for Hainan in one POST /certificates:batch, as its issuer. */
export async function issueCertificates(target: LoadTarget, count: number): Promise<VerificationSetup> {
  const token = await target.token({ group: 'issuer', tenant: LOAD_REGION });
  const items = Array.from({ length: count }, (_, i) => ({
    type: 'ZC',
    region: LOAD_REGION,
    holder: { name: HOLDER_NAME, idNumber: hainanIdNumber(i) },
    title: '高级工程师',
    level: '高级',
    specialty: '遗传育种',
    issuerName: '海南省人力资源和社会保障厅',
    issueDate: '2026-03-01',
  }));
  const body = (await expectOk(target, 'POST', '/certificates:batch', token, { items }, 200)) as { summary: { created: number }; results: { status: string; number?: string }[] };
  const numbers = body.results.filter((r) => r.status === 'created' && r.number).map((r) => r.number!);
  if (numbers.length !== count) throw new Error(`POST /certificates:batch created ${numbers.length} of ${count}: ${JSON.stringify(body.summary)}`);
  return { numbers };
}

/** GET /public/certificates/{number}?name= round the certificates; accepted = 200 naming the certificate VALID. Ids: the numbers looked up. */
export function verificationWorkload(target: LoadTarget, setup: VerificationSetup, options: { durationMs: number; concurrency: number; warmup?: number }): Promise<LoadResult> {
  const query = `?name=${encodeURIComponent(HOLDER_NAME)}`;
  return runSteady({
    ...options,
    async request(_worker, n) {
      const number = setup.numbers[n % setup.numbers.length]!;
      const { status, json } = await send(target, 'GET', `/public/certificates/${number}${query}`, undefined);
      const body = json as { number?: string; status?: string } | undefined;
      return { status, accepted: status === 200 && body?.number === number && body.status === 'VALID', ids: [number] };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// (2) Many institutions posting hour-record batches concurrently

export interface InstitutionsSetup {
  institutions: { id: string; token: string }[];
}

/** Registers `count` Hainan institutions (admin) and mints each its token. */
export async function registerInstitutions(target: LoadTarget, count: number): Promise<InstitutionsSetup> {
  const admin = await target.token({ group: 'admin' });
  const institutions: InstitutionsSetup['institutions'] = [];
  for (let i = 0; i < count; i++) {
    const id = `LOAD-INST-${target.runId}-${String(i).padStart(2, '0')}`;
    await expectOk(target, 'POST', '/institutions', admin, { id, name: `海南负载测试培训基地 ${i}`, level: 'PROVINCIAL_BASE', region: LOAD_REGION }, 201);
    institutions.push({ id, token: await target.token({ group: 'institution', tenant: id }) });
  }
  return { institutions };
}

/**
 * Worker w posts for institution w mod N, `batchSize` new records per request. Accepted = 200
 * with every record created; ids are `<institution>/<recordId>` of the records created.
 */
export function hourPostingWorkload(target: LoadTarget, setup: InstitutionsSetup, options: { durationMs: number; concurrency: number; batchSize: number; warmup?: number }): Promise<LoadResult> {
  const { batchSize } = options;
  return runSteady({
    ...options,
    async request(worker, n) {
      const institution = setup.institutions[worker % setup.institutions.length]!;
      const records = Array.from({ length: batchSize }, (_, i) => {
        const k = n * batchSize + i;
        return {
          recordId: `L${String(n).padStart(6, '0')}-${String(i).padStart(3, '0')}`,
          person: { idNumber: hainanIdNumber(k), name: HOLDER_NAME },
          course: k % 3 === 0 ? { code: 'GX-2026', title: '专业技术人员公需科目', category: 'PUBLIC' } : { code: 'GEN-101', title: '遗传育种新技术', category: 'PROFESSIONAL' },
          hours: 2 + (k % 5),
          completedOn: `2026-${String(1 + (k % 9)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`,
        };
      });
      const { status, json } = await send(target, 'POST', `/institutions/${institution.id}/hour-records`, institution.token, { records });
      const body = json as { summary?: { created: number }; results?: { recordId?: string; status: string }[] } | undefined;
      const created = (body?.results ?? []).filter((r) => r.status === 'created' && r.recordId).map((r) => `${institution.id}/${r.recordId}`);
      return { status, accepted: status === 200 && created.length === batchSize, ids: created };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// (3) Bursts of need submissions by many units, a few experts to match them

export interface NeedsSetup {
  units: { id: string; token: string }[];
  experts: string[];
  window: { from: string; to: string };
}

/** Registers `experts` experts in discipline 18031 (admin) and mints tokens for `units` units. */
export async function prepareNeeds(target: LoadTarget, options: { units: number; experts: number }): Promise<NeedsSetup> {
  const admin = await target.token({ group: 'admin' });
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const experts: string[] = [];
  for (let i = 0; i < options.experts; i++) {
    const id = `LOAD-EXP-${target.runId}-${i}`;
    await expectOk(
      target,
      'POST',
      '/experts',
      admin,
      {
        id,
        name: `负载专家${i}`,
        fields: [LOAD_DISCIPLINE],
        keywords: ['遗传育种', '种业'],
        region: LOAD_CITY,
        titleLevel: 'SENIOR',
        serviceForms: ['TECH_GUIDANCE', 'TECH_PROMOTION', 'TALENT_TRAINING'],
        capacity: 20,
        availableFrom: `${year}-01-01`,
        availableTo: `${year + 2}-12-31`,
      },
      201,
    );
    experts.push(id);
  }
  const units: NeedsSetup['units'] = [];
  for (let i = 0; i < options.units; i++) {
    const id = `LOAD-UNIT-${target.runId}-${String(i).padStart(2, '0')}`;
    units.push({ id, token: await target.token({ group: 'unit', tenant: id }) });
  }
  return { units, experts, window: { from: `${year + 1}-03-01`, to: `${year + 1}-06-30` } };
}

/** Bursts of `burstSize` POST /needs, request n by unit n mod U. Accepted = 202 with a needId; ids are `<unit>/<needId>`. */
export function needBurstWorkload(target: LoadTarget, setup: NeedsSetup, options: { durationMs: number; burstSize: number; pauseMs: number; warmup?: number }): Promise<LoadResult> {
  return runBursts({
    ...options,
    async request(_worker, n) {
      const unit = setup.units[n % setup.units.length]!;
      const { status, json } = await send(target, 'POST', '/needs', unit.token, {
        title: `种业遗传育种技术指导 ${n}`,
        description: '合作社建设种苗繁育基地，需要遗传育种和良种选育技术指导。',
        fields: [LOAD_DISCIPLINE],
        keywords: ['遗传育种'],
        region: LOAD_CITY,
        serviceForm: 'TECH_GUIDANCE',
        expertsWanted: 1,
        window: setup.window,
      });
      const needId = (json as { needId?: unknown } | undefined)?.needId;
      return typeof needId === 'string' && status === 202 ? { status, accepted: true, ids: [`${unit.id}/${needId}`] } : { status, accepted: false };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Nothing lost

export interface Accepted {
  /** Certificates issued in setup, and the numbers of accepted lookups (one per lookup). */
  certificates?: { numbers: readonly string[]; lookups: readonly string[] };
  /** `<institution>/<recordId>` of every record the route answered created. */
  hourRecords?: { institutions: readonly string[]; ids: readonly string[] };
  /** `<unit>/<needId>` of every need answered 202. */
  needs?: { units: readonly string[]; ids: readonly string[] };
}

export interface LostReport {
  /** Empty when every accepted write is stored exactly once, and every need was matched. */
  problems: string[];
  certificates: { expected: number; found: number };
  verificationRecords: { expected: number; found: number };
  hourRecords: { expected: number; found: number };
  needs: { expected: number; found: number; matched: number; statuses: Record<string, number> };
  /** How long the asynchronous writes (verification log, matching) took to settle after the check began. */
  settleMs: number;
}

const tally = (values: Iterable<string>) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

/** Differences between what was accepted and what is stored: missing, duplicated, or never accepted. */
function compareSets(what: string, accepted: readonly string[], stored: readonly string[]): string[] {
  const problems: string[] = [];
  const acceptedCounts = tally(accepted);
  const storedCounts = tally(stored);
  const sample = (ids: string[]) => `${ids.length} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`;
  const dupAccepted = [...acceptedCounts].filter(([, c]) => c > 1).map(([id]) => id);
  const missing = [...acceptedCounts.keys()].filter((id) => !storedCounts.has(id));
  const duplicated = [...storedCounts].filter(([, c]) => c > 1).map(([id]) => id);
  const unexpected = [...storedCounts.keys()].filter((id) => !acceptedCounts.has(id));
  if (dupAccepted.length) problems.push(`${what}: accepted twice: ${sample(dupAccepted)}`);
  if (missing.length) problems.push(`${what}: accepted but not stored: ${sample(missing)}`);
  if (duplicated.length) problems.push(`${what}: stored more than once: ${sample(duplicated)}`);
  if (unexpected.length) problems.push(`${what}: stored but never accepted: ${sample(unexpected)}`);
  return problems;
}

/**
 * Reads the tables back (DynamoDB Query, strongly consistent where the table allows) and checks
 * that every accepted certificate, hour record and need is stored exactly once, and nothing
 * else under the load tenants; that every accepted lookup left its verification record; and
 * that every need left SUBMITTED (was matched) — the last two are asynchronous, so they are
 * polled for until `timeoutMs`.
 */
export async function verifyNothingLost(target: LoadTarget, accepted: Accepted, options: { timeoutMs: number }): Promise<LostReport> {
  const { dynamo, tables } = target;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const problems: string[] = [];
  const report: LostReport = {
    problems,
    certificates: { expected: 0, found: 0 },
    verificationRecords: { expected: 0, found: 0 },
    hourRecords: { expected: 0, found: 0 },
    needs: { expected: 0, found: 0, matched: 0, statuses: {} },
    settleMs: 0,
  };

  if (accepted.certificates) {
    const { numbers, lookups } = accepted.certificates;
    const stored: string[] = [];
    const pk = (number: string) => certificateKey(number).pk;
    const expectedLog = tally(lookups);
    let logged = new Map<string, number>();
    for (;;) {
      stored.length = 0;
      logged = new Map();
      for (const number of numbers) {
        const items = await queryAll(dynamo, { TableName: tables.certificates, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk(number) } }, ConsistentRead: true });
        for (const item of items) {
          const sk = item.sk?.S ?? '';
          if (sk.startsWith('VERIFY#')) logged.set(number, (logged.get(number) ?? 0) + 1);
          else if (item.entity?.S === 'Certificate') stored.push(item.number?.S ?? '?');
        }
      }
      const short = numbers.some((n) => (logged.get(n) ?? 0) < (expectedLog.get(n) ?? 0));
      if (!short || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    report.certificates = { expected: numbers.length, found: stored.length };
    problems.push(...compareSets('certificates', numbers, stored));
    const found = [...logged.values()].reduce((a, b) => a + b, 0);
    report.verificationRecords = { expected: lookups.length, found };
    for (const number of numbers) {
      const want = expectedLog.get(number) ?? 0;
      const got = logged.get(number) ?? 0;
      if (got !== want) problems.push(`verification log of ${number}: ${got} record(s) for ${want} accepted lookup(s)`);
    }
  }

  if (accepted.hourRecords) {
    const stored: string[] = [];
    for (const institution of accepted.hourRecords.institutions) {
      const items = await queryAll(dynamo, {
        TableName: tables.learningHours,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': { S: `INST#${institution}` }, ':rec': { S: 'REC#' } },
        ConsistentRead: true,
      });
      stored.push(...items.map((item) => `${institution}/${(item.sk?.S ?? '').slice('REC#'.length)}`));
    }
    report.hourRecords = { expected: accepted.hourRecords.ids.length, found: stored.length };
    problems.push(...compareSets('hour records', accepted.hourRecords.ids, stored));
  }

  if (accepted.needs) {
    const { units, ids } = accepted.needs;
    const stored: { id: string; status: string }[] = [];
    for (;;) {
      stored.length = 0;
      for (const unit of units) {
        // The byUnit index is eventually consistent: it is polled like the matching.
        const items = await queryAll(dynamo, { TableName: tables.expertMatching, IndexName: 'byUnit', KeyConditionExpression: 'unitId = :u', ExpressionAttributeValues: { ':u': { S: unit } } });
        stored.push(...items.filter((item) => item.sk?.S === '#NEED').map((item) => ({ id: `${unit}/${(item.pk?.S ?? '').slice('NEED#'.length)}`, status: item.status?.S ?? '?' })));
      }
      const settled = stored.length >= ids.length && stored.every((n) => n.status !== 'SUBMITTED');
      if (settled || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const statuses: Record<string, number> = {};
    for (const { status } of stored) statuses[status] = (statuses[status] ?? 0) + 1;
    const matched = stored.filter((n) => n.status !== 'SUBMITTED').length;
    report.needs = { expected: ids.length, found: stored.length, matched, statuses };
    problems.push(...compareSets('needs', ids, stored.map((n) => n.id)));
    if (matched !== stored.length) problems.push(`needs: ${stored.length - matched} of ${stored.length} still SUBMITTED (not matched) after ${options.timeoutMs / 1000} s`);
  }

  report.settleMs = Date.now() - started;
  return report;
}

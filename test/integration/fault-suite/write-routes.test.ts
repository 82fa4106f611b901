import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certSigningKeysSecret } from '../../../functions/certificates/secrets';
import { certificatesService } from '../../../functions/certificates/service';
import { handler as issueCertificate } from '../../../functions/certificates/handlers/issue';
// api.ts's create sends no Idempotency-Key: the handler is called directly for that.
import { handler as createCaseHandler } from '../../../functions/case-publication/handlers/create';
import { casePublicationService } from '../../../functions/case-publication/service';
import { handler as createExpert } from '../../../functions/expert-matching/handlers/create-expert';
import { handler as submitNeed } from '../../../functions/expert-matching/handlers/submit-need';
import { expertMatchingService } from '../../../functions/expert-matching/service';
import { handler as createInstitution } from '../../../functions/learning-hours/handlers/create-institution';
import { handler as postRecords } from '../../../functions/learning-hours/handlers/post-records';
import { handler as requestRosterUpload } from '../../../functions/learning-hours/handlers/request-roster-upload';
import { handler as voidRecord } from '../../../functions/learning-hours/handlers/void-record';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { platformService } from '../../../functions/platform/service';
import { generateSecretValues } from '../../../infra/secret-values';
import { setDynamoClient } from '../../../shared/ddb/client';
import { setS3Client } from '../../../shared/s3/client';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { invoke } from '../../support/http-events';
import { useLocalAws } from '../../support/local-aws';
import { api, caseBody, expectStatus, ISSUER_SH, REVIEWER_SH } from '../case-publication/api';
import { DDB_WRITES, diff, FaultInjector, snapshot, type FaultKind } from './faults';

/*
 * Fault suite (issue 7, item 6), part 1: DynamoDB throttling and timeouts, and S3 failures, on
 * the write of the platform's write routes, called in-process as API Gateway calls them, on
 * DynamoDB Local + local S3. For each route and fault:
 *  - the answer is 503 application/problem+json with Retry-After (never a 500);
 *  - the SDK did retry (every attempt hit the fault) before the route gave up;
 *  - nothing is half-written: the service's table is item-for-item what it was before;
 *  - the same request sent again once the fault clears succeeds, and a further replay (same
 *    Idempotency-Key where the route honours one) changes nothing: the write is there once.
 *
 * Not repeated here (already covered elsewhere):
 *  - learning-hours/posting.test.ts: faults on every 3rd PutItem of a record batch;
 *  - learning-hours/roster-ingest.test.ts: an S3 fault in the middle of a roster ingest;
 *  - certificates/issuing.test.ts: serials handed back after a failed certificate write (app level);
 *  - case-publication/publication.test.ts: a fault in the middle of a publish (app level);
 *  - expert-matching/matching.test.ts: stream redelivery, partial batch failure, cancelled transactions;
 *  - stream-crash.test.ts (this folder) and test/e2e/fault-suite.test.ts: stream handler crash, killed runtime;
 *  - certificate-pdf-s3, roster-ingest-crash, stream-mapping-crash (beside this file): certificate PDF S3 faults, roster ingest crash, stream-mapping crash.
 */

type Claims = Record<string, string>;
type Answer = Awaited<ReturnType<typeof invoke>>;

const ADMIN: Claims = { sub: 'fault-admin', 'cognito:groups': '[admin]' };
const ISSUER: Claims = { sub: 'fault-issuer', 'cognito:groups': '[issuer]', 'custom:region': '310000' };
const INSTITUTION_ID = 'FAULT-INST-01';
const INSTITUTION: Claims = { sub: 'fault-inst', 'cognito:groups': '[institution]', 'custom:institutionId': INSTITUTION_ID };
const UNIT: Claims = { sub: 'fault-unit', 'cognito:groups': '[unit]', 'custom:unitId': 'FAULT-UNIT-01' };

const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const json = (body: unknown) => JSON.stringify(body);
const withKey = (key: string | undefined) => (key ? { 'idempotency-key': key } : undefined);

const faults = new FaultInjector();
let aws: Awaited<ReturnType<typeof useLocalAws>>;

function expectUnavailable(res: Answer) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.body).toMatchObject({ status: 503, type: '/problems/unavailable' });
  expect(res.raw).not.toMatch(/Injected/);
}

interface Scenario {
  route: string;
  /** The table whose state must not change under the fault. */
  table: () => string;
  /** The commands the fault hits (on that table, or on `resource`). */
  commands: string[];
  resource?: () => string;
  /** Sends the request; `key` is the Idempotency-Key (undefined for routes without one). */
  send: (key: string | undefined) => Promise<Answer>;
  idempotent: boolean;
  success: number;
  /** What a replay of the succeeded request answers (the stored answer, or "already done"). */
  replay: number;
  /** Checks the items the successful request wrote. */
  wrote: (changes: ReturnType<typeof diff>, res: Answer) => void;
}

/** Runs one scenario under one fault: 503 and nothing written, then success once, then a replay that changes nothing. */
async function exercise(kind: FaultKind, scenario: Scenario, key: string) {
  const table = scenario.table();
  const before = await snapshot(table);
  const idemKey = scenario.idempotent ? key : undefined;

  const failed = await faults.during({ kind, commands: scenario.commands, resource: (scenario.resource ?? scenario.table)() }, () => scenario.send(idemKey));
  expectUnavailable(failed);
  // maxAttempts 3: the SDK retried before giving up.
  expect(faults.attempts).toBeGreaterThanOrEqual(3);
  expect(diff(before, await snapshot(table)), 'nothing half-written').toEqual({ added: [], removed: [], changed: [] });

  const ok = await scenario.send(idemKey);
  expect(ok.status, JSON.stringify(ok.body)).toBe(scenario.success);
  const afterOk = await snapshot(table);
  scenario.wrote(diff(before, afterOk), ok);

  const replay = await scenario.send(idemKey);
  expect(replay.status, JSON.stringify(replay.body)).toBe(scenario.replay);
  if (scenario.idempotent) expect(replay.body).toEqual(ok.body);
  expect(diff(afterOk, await snapshot(table)), 'a replay writes nothing').toEqual({ added: [], removed: [], changed: [] });
}

const startsWith = (keys: string[], prefix: string) => keys.filter((k) => k.startsWith(prefix));

let caseCounter = 0;
let recordCounter = 0;
let expertCounter = 0;

/** The scenarios: route × the write the fault hits. */
const scenarios: Record<string, () => Scenario | Promise<Scenario>> = {
  'POST /certificates (certificate transaction; serials are handed back)': () => ({
    route: 'issueCertificate',
    table: () => aws.tables.certificates!,
    commands: ['TransactWriteItemsCommand'],
    idempotent: true,
    success: 201,
    replay: 201,
    send: (key) =>
      invoke(issueCertificate, {
        method: 'POST',
        path: '/certificates',
        claims: ISSUER,
        headers: withKey(key),
        body: json({ type: 'ZC', region: '310000', holder: { name: '张三', idNumber: idNumber('11010519491231002') }, title: '高级工程师', issuerName: '测试人社局', issueDate: '2026-03-01' }),
      }),
    wrote: (changes, res) => {
      const number = String(res.body!.number);
      // The certificate (with its lookup items), and the serial counter moved on by one.
      expect(changes.removed).toEqual([]);
      expect(changes.added.some((k) => k.includes(number))).toBe(true);
      expect(changes.changed.length).toBeLessThanOrEqual(1);
    },
  }),
  'POST /certificates (serial allocation)': () => ({
    ...(scenarios['POST /certificates (certificate transaction; serials are handed back)']!() as Scenario),
    commands: ['UpdateItemCommand'],
  }),
  'POST /institutions/{id}/hour-records/{recordId}/void': async () => {
    const recordId = `V${++recordCounter}`;
    const posted = await invoke(postRecords, {
      method: 'POST',
      pathParameters: { id: INSTITUTION_ID },
      claims: INSTITUTION,
      body: json({
        records: [
          { recordId, person: { idNumber: idNumber('32050119850101123'), name: '王小明' }, course: { code: 'AI-101', title: '人工智能应用', category: 'PROFESSIONAL' }, hours: 4, completedOn: '2025-05-10' },
        ],
      }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    return {
      route: 'voidRecord',
      table: () => aws.tables['learning-hours']!,
      commands: DDB_WRITES,
      idempotent: false,
      success: 200,
      replay: 409,
      send: () => invoke(voidRecord, { method: 'POST', pathParameters: { id: INSTITUTION_ID, recordId }, claims: INSTITUTION, body: json({ reason: '学时登记错误' }) }),
      wrote: (changes, res) => {
        expect(res.body).toMatchObject({ recordId, status: 'VOIDED' });
        expect(changes.added.filter((k) => !k.startsWith('OUTBOX#') && !k.includes('EVENT'))).toEqual([]);
        expect(changes.removed).toEqual([]);
        expect(changes.changed).toContain(`INST#${INSTITUTION_ID}|REC#${recordId}`);
      },
    };
  },
  'POST /needs': () => ({
    route: 'submitNeed',
    table: () => aws.tables['expert-matching']!,
    commands: DDB_WRITES,
    idempotent: true,
    success: 202,
    replay: 202,
    send: (key) =>
      invoke(submitNeed, {
        method: 'POST',
        path: '/needs',
        claims: UNIT,
        headers: withKey(key),
        body: json({
          title: '基层技术服务需求',
          description: '合作社希望专家开展现场技术指导。',
          fields: ['21040'],
          region: '620100',
          serviceForm: 'TECH_GUIDANCE',
          expertsWanted: 1,
          window: { from: '2030-03-01', to: '2030-06-30' },
        }),
      }),
    wrote: (changes, res) => {
      const needId = String(res.body!.needId);
      expect(changes.removed).toEqual([]);
      expect(startsWith(changes.added, `NEED#${needId}|`).length).toBeGreaterThanOrEqual(1);
      // One need only: no other need partition appeared.
      expect(changes.added.filter((k) => k.startsWith('NEED#') && !k.startsWith(`NEED#${needId}|`))).toEqual([]);
    },
  }),
  'POST /experts': () => {
    const id = `EXP-FAULT-${++expertCounter}`;
    return {
      route: 'createExpert',
      table: () => aws.tables['expert-matching']!,
      commands: DDB_WRITES,
      idempotent: true,
      success: 201,
      replay: 201,
      send: (key) =>
        invoke(createExpert, {
          method: 'POST',
          path: '/experts',
          claims: ADMIN,
          headers: withKey(key),
          body: json({
            id,
            name: '张三',
            fields: ['21040'],
            keywords: [],
            region: '320100',
            categories: ['OTHER'],
            titleLevel: 'SENIOR',
            serviceForms: ['TECH_GUIDANCE'],
            capacity: 1,
            availableFrom: '2026-01-01',
            availableTo: '2035-12-31',
            status: 'ACTIVE',
          }),
        }),
      wrote: (changes) => {
        expect(changes.removed).toEqual([]);
        expect(startsWith(changes.added, `EXPERT#${id}|`).length).toBeGreaterThanOrEqual(1);
      },
    };
  },
  'POST /cases': () => {
    const title = `故障测试案例 ${++caseCounter}`;
    return {
    route: 'createCase',
    table: () => aws.tables.cases!,
    commands: DDB_WRITES,
    idempotent: true,
    success: 201,
    replay: 201,
    send: (key) => invoke(createCaseHandler, { method: 'POST', path: '/cases', claims: ISSUER_SH, headers: withKey(key), body: json(caseBody({ title })) }),
    wrote: (changes, res) => {
      expect(changes.removed).toEqual([]);
      const caseId = String(res.body!.id);
      expect(changes.added.length).toBeGreaterThanOrEqual(1);
      expect(changes.added.every((k) => k.includes(caseId))).toBe(true);
    },
    };
  },
  'POST /cases/{id}/publish': async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody({ title: `待发布案例 ${++caseCounter}` })), 201);
    await expectStatus(api.submit(ISSUER_SH, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id, { comment: '同意发布' }), 200);
    return {
      route: 'publishCase',
      table: () => aws.tables.cases!,
      commands: DDB_WRITES,
      idempotent: false,
      success: 200,
      replay: 409,
      send: () => api.publish(ISSUER_SH, id),
      wrote: (changes, res) => {
        expect(res.body).toMatchObject({ status: 'PUBLISHED' });
        expect(changes.removed).toEqual([]);
        expect(changes.added.some((k) => k.includes(`${id}`))).toBe(true);
      },
    };
  },
};

beforeAll(async () => {
  aws = await useLocalAws([platformService, certificatesService, learningHoursService, expertMatchingService, casePublicationService]);
  Object.assign(process.env, await generateSecretValues([certSigningKeysSecret]));
  // Installed once for the whole file: the idempotency layer keeps the client it first sees.
  setDynamoClient(faults.dynamo());
  setS3Client(faults.s3());
  // The serial counter of (ZC, 310000, 2026) exists before the faults, as it does after the first issue.
  const first = await (scenarios['POST /certificates (serial allocation)']!() as Scenario).send(undefined);
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const inst = await invoke(createInstitution, { method: 'POST', path: '/institutions', claims: ADMIN, body: json({ id: INSTITUTION_ID, name: '故障测试培训基地', level: 'PROVINCIAL_BASE', region: '310000' }) });
  expect(inst.status, JSON.stringify(inst.body)).toBe(201);
});

afterAll(() => {
  setDynamoClient(undefined);
  setS3Client(undefined);
});

describe.each(['throttle', 'timeout'] as const)('DynamoDB %s on the write of a write route: 503, nothing written, retry succeeds once', (kind) => {
  it.each(Object.keys(scenarios))('%s', async (name) => {
    const scenario = await scenarios[name]!();
    await exercise(kind, scenario, `fault-${kind}-${scenario.route}-${name.length}`);
  });
});

describe('S3 503 on routes that write S3 before DynamoDB', () => {
  it('POST /cases: the draft body cannot be stored → 503, no case item; the retry creates the case once', async () => {
    await exercise(
      's3-unavailable',
      { ...(scenarios['POST /cases']!() as Scenario), commands: ['PutObjectCommand'], resource: () => aws.buckets['case-documents']! },
      'fault-s3-create',
    );
  });

  it('PATCH /cases/{id}: the new body cannot be stored → 503, the draft is unchanged', async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody({ title: '修改中的案例' })), 201);
    const before = await snapshot(aws.tables.cases!);
    const failed = await faults.during({ kind: 's3-unavailable', commands: ['PutObjectCommand'], resource: aws.buckets['case-documents']! }, () =>
      api.update(ISSUER_SH, id, { body: '新的正文。' }),
    );
    expectUnavailable(failed);
    expect(diff(before, await snapshot(aws.tables.cases!))).toEqual({ added: [], removed: [], changed: [] });
    expect(await expectStatus<{ body: string }>(api.get(ISSUER_SH, id), 200)).toMatchObject({ draft: { body: caseBody().body } });
    await expectStatus(api.update(ISSUER_SH, id, { body: '新的正文。' }), 200);
    expect(await expectStatus<{ body: string }>(api.get(ISSUER_SH, id), 200)).toMatchObject({ draft: { body: '新的正文。' } });
  });

  it('POST /cases/{id}/publish: the body cannot be frozen → 503, still APPROVED, nothing public; the retry publishes version 1 once', async () => {
    const scenario = await scenarios['POST /cases/{id}/publish']!();
    await exercise('s3-unavailable', { ...scenario, commands: ['CopyObjectCommand'], resource: () => aws.buckets['case-documents']! }, 'fault-s3-publish');
  });

  it('POST /institutions/{id}/roster-uploads only presigns (no S3 call): a DynamoDB throttle on its write is a 503 with nothing stored', async () => {
    const table = aws.tables['learning-hours']!;
    const before = await snapshot(table);
    const send = (key: string) => invoke(requestRosterUpload, { method: 'POST', pathParameters: { id: INSTITUTION_ID }, claims: INSTITUTION, headers: withKey(key) });
    expectUnavailable(await faults.during({ kind: 'throttle', commands: DDB_WRITES, resource: table }, () => send('fault-roster')));
    expect(diff(before, await snapshot(table))).toEqual({ added: [], removed: [], changed: [] });
    const ok = await send('fault-roster');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await send('fault-roster')).body).toEqual(ok.body);
    expect(diff(before, await snapshot(table)).added.filter((k) => k.includes(String(ok.body!.uploadId)))).toHaveLength(1);
  });
});

describe('a throttled idempotency store', () => {
  it('answers 503 (not 500) and runs nothing; the retry with the same key runs once', async () => {
    const idempotencyTable = Object.entries(aws.tables).find(([id]) => id.includes('idempotency'))?.[1];
    expect(idempotencyTable).toBeDefined();
    const scenario = scenarios['POST /needs']!() as Scenario;
    await exercise('throttle', { ...scenario, commands: ['PutItemCommand'], resource: () => idempotencyTable! }, 'fault-idem-store');
  });
});

/*
 * The harder timeout: the write WAS applied and only its answer was lost, on every attempt of
 * the SDK's retries (the fault is thrown after the request went through). Before the fixes
 * these answered 500 (case: the retried conditional put failed on its own first attempt),
 * 503 then 500 for good (certificate: the serial was handed back although the certificate was
 * stored, so every next issue of that sequence collided with it), or 503 then a second need
 * (the retry with the same Idempotency-Key stored and counted the need again).
 */
describe('a timeout after the write was applied (the answer lost)', () => {
  it('POST /certificates reads the certificate back: 201 once, and the next issue takes the next serial', async () => {
    const scenario = scenarios['POST /certificates (serial allocation)']!() as Scenario;
    const table = aws.tables.certificates!;
    const before = await snapshot(table);
    const res = await faults.during({ kind: 'timeout', commands: ['TransactWriteItemsCommand'], resource: table, afterSend: true }, () => scenario.send('fault-lost-cert'));
    expect(faults.attempts).toBe(3);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const number = String(res.body!.number);
    expect((await scenario.send('fault-lost-cert')).body).toEqual(res.body);
    const changes = diff(before, await snapshot(table));
    expect(changes.added.filter((k) => k.startsWith('CERT#'))).toEqual([`CERT#${number}|#CERT`]);
    const next = await scenario.send(undefined);
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(Number(String(next.body!.number).slice(12, 19))).toBe(Number(number.slice(12, 19)) + 1);
  });

  it('POST /certificates: the retried serial allocation finds its own block, so the sequence has no gap', async () => {
    const scenario = scenarios['POST /certificates (serial allocation)']!() as Scenario;
    const before = await scenario.send(undefined);
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const serialOf = (res: Answer) => Number(String(res.body!.number).slice(12, 19));
    const res = await faults.during({ kind: 'timeout', commands: ['UpdateItemCommand'], resource: aws.tables.certificates!, afterSend: true }, () => scenario.send(undefined));
    expect(faults.attempts).toBeGreaterThanOrEqual(2);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(serialOf(res)).toBe(serialOf(before) + 1);
    const next = await scenario.send(undefined);
    expect(serialOf(next)).toBe(serialOf(before) + 2);
  });

  it('POST /cases finds its own case behind the conditional failure of the retried put: 201 once', async () => {
    const scenario = scenarios['POST /cases']!() as Scenario;
    const table = aws.tables.cases!;
    const before = await snapshot(table);
    const res = await faults.during({ kind: 'timeout', commands: ['PutItemCommand'], resource: table, afterSend: true }, () => scenario.send('fault-lost-case'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await scenario.send('fault-lost-case')).body).toEqual(res.body);
    expect(diff(before, await snapshot(table)).added).toEqual([`CASE#${String(res.body!.id)}|#CASE`]);
  });

  it('POST /needs: a 503, and the retry with the same Idempotency-Key finds the need already stored: one need, counted once', async () => {
    const scenario = scenarios['POST /needs']!() as Scenario;
    const table = aws.tables['expert-matching']!;
    const before = await snapshot(table);
    const failed = await faults.during({ kind: 'timeout', commands: ['TransactWriteItemsCommand'], resource: table, afterSend: true }, () => scenario.send('fault-lost-need'));
    expectUnavailable(failed);
    const afterFault = await snapshot(table);
    const applied = diff(before, afterFault);
    expect(applied.added.filter((k) => k.startsWith('NEED#'))).toHaveLength(1);
    const retried = await scenario.send('fault-lost-need');
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(applied.added).toContain(`NEED#${String(retried.body!.needId)}|#NEED`);
    // Nothing more than the first (applied) attempt wrote: no second need, the counters not bumped again.
    expect(diff(afterFault, await snapshot(table))).toEqual({ added: [], removed: [], changed: [] });
    expect((await scenario.send('fault-lost-need')).body).toEqual(retried.body);
  });

  it('POST /cases/{id}/publish: a 503 or a publish, never half; the retry leaves exactly one version', async () => {
    const scenario = await scenarios['POST /cases/{id}/publish']!();
    const res = await faults.during({ kind: 'timeout', commands: DDB_WRITES, resource: aws.tables.cases!, afterSend: true }, () => scenario.send(undefined));
    expect([200, 503]).toContain(res.status);
    if (res.status === 503) expectUnavailable(res);
    const retried = await scenario.send(undefined);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: 'PUBLISHED', versions: [{ version: 1 }] });
    expect((retried.body!.history as { action: string }[]).filter((h) => h.action === 'publish')).toHaveLength(1);
  });
});

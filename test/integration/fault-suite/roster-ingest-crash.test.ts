import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRoster, requestRosterUpload, STALE_RUN_MS } from '../../../functions/learning-hours/app/roster-uploads';
import { rosterObjectKey } from '../../../functions/learning-hours/core/roster-upload';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { createInstitution } from '../../../functions/learning-hours/store/institutions';
import { getUpload } from '../../../functions/learning-hours/store/roster-uploads';
import { platformService } from '../../../functions/platform/service';
import type { Principal } from '../../../shared/auth/principal';
import { setDynamoClient } from '../../../shared/ddb/client';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { s3Client } from '../../../shared/s3/client';
import { useLocalAws } from '../../support/local-aws';

/*
 * Fault (issue 7, item 6): the function ingesting a roster dies in the middle of the file — a
 * SIGKILL, an out-of-memory, a timeout: no catch block, no shutdown hook runs, so the job's claim
 * is not handed back. Emulated in-process: once the first 500-row chunk's progress is saved and
 * 150 more DynamoDB calls have gone through, every DynamoDB call of the "dead" process fails
 * (the claim release included). Then the platform retries the notification (Lambda's
 * asynchronous retries; in the local runtime, the institution PUTting the file again), and:
 *  - a retry while the dead run's last sign of life is recent leaves the job alone (it might be
 *    alive); once that is older than the lease (STALE_RUN_MS, 90 s) the retry takes the job over
 *    and finishes it: DONE, every row counted (created + duplicate = rows), nothing failed;
 *  - every row of the file is stored exactly once: the rows the dead run stored count as
 *    duplicate (or as the upload's own), none twice, none missing.
 * Before the fix the lease ran 20 minutes from the run's START: both of Lambda's retries were
 * "skipped", and the job stayed PROCESSING with the rest of its rows neither stored nor reported.
 * test/e2e/fault-suite.test.ts kills the whole runtime during JSON batches; roster-ingest.test.ts
 * covers a notification delivered twice at once and an S3 fault on the result file.
 */

const logger = new Logger({ logLevel: 'SILENT' });
const PII_KEY = 'integration-test-pii-hash-key-0123456789abcdef';
const INSTITUTION = 'FAULTS-ROSTER-01';
const ROWS = 900; // two chunks: 500, then 400

const idNumber = (i: number) => {
  const seventeen = `640104${19800101 + (i % 28)}${String(100 + (i % 900)).slice(-3)}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
};
const roster = ['recordId,idNumber,name,courseCode,courseTitle,category,hours,completedOn', ...Array.from({ length: ROWS }, (_, i) => `RC${i},${idNumber(i)},马宁夏,C${i % 7},宁夏继续教育课程,PROFESSIONAL,${1 + (i % 4)},2026-04-0${(i % 9) + 1}`)].join('\n');

/** A DynamoDB client that "dies" (every call fails, for good) once armed and a number of calls have passed. */
class DyingProcess {
  dead = false;
  private armed = false;
  private remaining = 0;
  progressSaves = 0;

  /** Die after the first progress save of the ingest, and `calls` further calls. */
  arm(calls: number) {
    this.armed = true;
    this.remaining = calls;
    this.dead = false;
  }

  revive() {
    this.armed = false;
    this.dead = false;
  }

  client(): DynamoDBClient {
    const client = new DynamoDBClient({ maxAttempts: 3 });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (this.dead) throw new Error('Injected: Runtime.ExitError (the process was killed)');
        const result = await next(args);
        if (this.armed) {
          const input = args.input as { UpdateExpression?: string };
          if (context.commandName === 'UpdateItemCommand' && input.UpdateExpression?.includes('processedRows = :processed')) this.progressSaves += 1;
          else if (this.progressSaves > 0 && --this.remaining <= 0) this.dead = true;
        }
        return result;
      },
      { step: 'finalizeRequest', priority: 'low', name: 'dyingProcess' },
    );
    return client;
  }
}

const dying = new DyingProcess();
let aws: Awaited<ReturnType<typeof useLocalAws>>;

async function storedRecordIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: QueryCommand['input']['ExclusiveStartKey'];
  do {
    const page = await aws.clients.ddb.send(
      new QueryCommand({
        TableName: aws.tables['learning-hours'],
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': { S: `INST#${INSTITUTION}` }, ':rec': { S: 'REC#' } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((i) => i.sk!.S!.slice('REC#'.length)));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

beforeAll(async () => {
  aws = await useLocalAws([platformService, learningHoursService]);
  await createInstitution({ id: INSTITUTION, name: '宁夏继续教育基地', level: 'PROVINCIAL_BASE', region: '640000', status: 'ACTIVE', history: [], createdAt: '2026-01-01T00:00:00Z' });
  setDynamoClient(dying.client());
});
afterAll(() => setDynamoClient(undefined));

describe('a roster ingest killed mid-file (DynamoDB Local + local S3)', () => {
  it('the retried notification takes the dead run over and finishes: DONE, every row stored exactly once', { timeout: 120_000 }, async () => {
    const principal: Principal = { subject: 'inst-faults-roster', groups: ['institution'], institutionId: INSTITUTION, label: `institution ${INSTITUTION}` };
    const { upload } = await requestRosterUpload(INSTITUTION, principal);
    const key = rosterObjectKey(INSTITUTION, upload.uploadId);
    await s3Client().send(new PutObjectCommand({ Bucket: aws.buckets['roster-uploads'], Key: key, Body: roster }));

    dying.arm(150);
    await expect(ingestRoster(INSTITUTION, upload.uploadId, PII_KEY, logger)).rejects.toThrow(/Runtime\.ExitError/);
    expect(dying.dead).toBe(true);
    dying.revive();

    // What the dead run left: the first chunk and part of the second, the job still claimed.
    const survived = await storedRecordIds();
    expect(survived.length).toBeGreaterThanOrEqual(500);
    expect(survived.length).toBeLessThan(ROWS);
    expect((await getUpload(INSTITUTION, upload.uploadId))!.status).toBe('PROCESSING');

    // A retry while the run may still be alive (its last progress seconds old) leaves the job to it.
    expect(await ingestRoster(INSTITUTION, upload.uploadId, PII_KEY, logger)).toBe('skipped');
    // Time passes: no sign of life from the dead run for longer than the lease. (The stored
    // heartbeat is moved back rather than the clock forward: DynamoDB Local signs with real time.)
    const lapsed = new Date(Date.now() - STALE_RUN_MS - 1_000).toISOString();
    await aws.clients.ddb.send(
      new UpdateItemCommand({
        TableName: aws.tables['learning-hours'],
        Key: { pk: { S: `INST#${INSTITUTION}` }, sk: { S: `UPLOAD#${upload.uploadId}` } },
        UpdateExpression: 'SET heartbeatAt = :t, startedAt = :t',
        ExpressionAttributeValues: { ':t': { S: lapsed } },
      }),
    );
    // The retry of the notification (Lambda retries an asynchronous invocation one, then three
    // minutes after it died; in the local runtime, the institution PUTs the file again).
    const retried = await ingestRoster(INSTITUTION, upload.uploadId, PII_KEY, logger);
    const job = await getUpload(INSTITUTION, upload.uploadId);
    console.log(`faults: roster killed after ${survived.length} of ${ROWS} rows; retry → ${retried}, job ${job!.status} ${JSON.stringify(job!.counts)}`);
    expect(retried).toBe('done');
    expect(job!.status).toBe('DONE');
    expect(job!.counts.created + job!.counts.duplicate).toBe(ROWS);
    expect(job!.counts.failed + job!.counts.conflict + job!.counts.rejected).toBe(0);

    const stored = await storedRecordIds();
    expect(stored).toHaveLength(ROWS);
    expect(new Set(stored)).toEqual(new Set(Array.from({ length: ROWS }, (_, i) => `RC${i}`)));
  });
});

import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestRoster, requestRosterUpload } from '../../../functions/learning-hours/app/roster-uploads';
import { rosterObjectKey } from '../../../functions/learning-hours/core/roster-upload';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { createInstitution, updateInstitution } from '../../../functions/learning-hours/store/institutions';
import { recordsOfInstitutionYear } from '../../../functions/learning-hours/store/report-records';
import { getUpload } from '../../../functions/learning-hours/store/roster-uploads';
import { platformService } from '../../../functions/platform/service';
import type { Principal } from '../../../shared/auth/principal';
import { mod11_2CheckCharacter } from '../../../shared/ids/mod11-2';
import { setS3Client, s3Client } from '../../../shared/s3/client';
import { useLocalAws } from '../../support/local-aws';

const logger = new Logger({ logLevel: 'SILENT' });
const PII_KEY = 'integration-test-pii-hash-key-0123456789abcdef';
let aws: Awaited<ReturnType<typeof useLocalAws>>;

function idNumber(i: number): string {
  const seventeen = `440106${19800101 + i}${String(100 + i).slice(-3)}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
}
const roster = (rows: number) =>
  ['recordId,idNumber,name,courseCode,courseTitle,category,hours,completedOn', ...Array.from({ length: rows }, (_, i) => `R${i},${idNumber(i % 28)},张三,C1,课程,PROFESSIONAL,2,2026-04-0${(i % 9) + 1}`)].join('\n');

async function institution(id: string): Promise<Principal> {
  await createInstitution({ id, name: id, level: 'ACCREDITED', region: '440000', status: 'ACTIVE', history: [], createdAt: '2026-01-01T00:00:00Z' });
  return { subject: `inst-${id}`, groups: ['institution'], institutionId: id, label: `institution ${id}` };
}

async function uploaded(id: string, principal: Principal, body: string): Promise<string> {
  const { upload } = await requestRosterUpload(id, principal);
  await s3Client().send(new PutObjectCommand({ Bucket: aws.buckets['roster-uploads'], Key: rosterObjectKey(id, upload.uploadId), Body: body }));
  return upload.uploadId;
}

/** An S3 client on the local server whose PutObject of result files fails, as if S3 were unavailable. */
function s3FailingResultWrites(): S3Client {
  const client = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, region: 'us-east-1', maxAttempts: 1, requestChecksumCalculation: 'WHEN_REQUIRED' });
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: string };
      if (input.Key?.startsWith('results/')) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $fault: 'server' });
      return next(args);
    },
    { step: 'initialize' },
  );
  return client;
}

describe('ingesting a roster (DynamoDB Local + local S3)', () => {
  beforeAll(async () => {
    aws = await useLocalAws([platformService, learningHoursService]);
  });

  it('runs a file once even when its notification arrives twice at the same time', async () => {
    const principal = await institution('ING-TWICE');
    const uploadId = await uploaded('ING-TWICE', principal, roster(120));
    const outcomes = await Promise.all([ingestRoster('ING-TWICE', uploadId, PII_KEY, logger), ingestRoster('ING-TWICE', uploadId, PII_KEY, logger)]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect((await getUpload('ING-TWICE', uploadId))!.counts).toEqual({ created: 120, duplicate: 0, conflict: 0, rejected: 0, failed: 0 });
    expect(await ingestRoster('ING-TWICE', uploadId, PII_KEY, logger)).toBe('skipped');
    // The roster carried plaintext ID numbers: it is gone once ingested.
    await expect(s3Client().send(new HeadObjectCommand({ Bucket: aws.buckets['roster-uploads'], Key: rosterObjectKey('ING-TWICE', uploadId) }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect(await recordsOfInstitutionYear('ING-TWICE', 2026)).toHaveLength(120);
  });

  it('hands the job back when storage fails mid-run, and the retry finishes it counting its own records as created', async () => {
    const principal = await institution('ING-FAULT');
    const uploadId = await uploaded('ING-FAULT', principal, roster(60));
    const healthy = s3Client();
    setS3Client(s3FailingResultWrites());
    try {
      await expect(ingestRoster('ING-FAULT', uploadId, PII_KEY, logger)).rejects.toThrow(/Service Unavailable/);
    } finally {
      setS3Client(healthy);
    }
    // Every record was stored before the result write failed; the job is claimable again.
    expect(await recordsOfInstitutionYear('ING-FAULT', 2026)).toHaveLength(60);
    expect((await getUpload('ING-FAULT', uploadId))!.status).toBe('PENDING');

    expect(await ingestRoster('ING-FAULT', uploadId, PII_KEY, logger)).toBe('done');
    expect((await getUpload('ING-FAULT', uploadId))!.counts).toEqual({ created: 60, duplicate: 0, conflict: 0, rejected: 0, failed: 0 });
    expect(await recordsOfInstitutionYear('ING-FAULT', 2026)).toHaveLength(60);
  });

  it('fails the job, storing nothing, when the institution was suspended after asking for the URL', async () => {
    const principal = await institution('ING-SUSP');
    const uploadId = await uploaded('ING-SUSP', principal, roster(5));
    await updateInstitution('ING-SUSP', { status: 'SUSPENDED' }, { action: 'SUSPENDED', at: '2026-05-01T00:00:00Z', by: 'admin' });
    expect(await ingestRoster('ING-SUSP', uploadId, PII_KEY, logger)).toBe('failed');
    // Kept in both languages: GET /roster-uploads/{id} shows it in the caller's.
    expect(await getUpload('ING-SUSP', uploadId)).toMatchObject({ status: 'FAILED', error: { zh: expect.stringMatching(/暂停/), en: expect.stringMatching(/suspended/i) } });
    expect(await recordsOfInstitutionYear('ING-SUSP', 2026)).toHaveLength(0);
  });
});

import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureDestination } from '../../infra/local/failure-destination';
import { dispatchS3Event } from '../../infra/local/s3-notifications';
import { startS3Local, type S3Local } from '../../infra/local/s3-local';
import { localClients } from '../../infra/local/provision';
import type { BucketDefinition } from '../../shared/service/definitions';

const bucket: BucketDefinition = { id: 'uploads', envVar: 'UPLOADS_BUCKET' };
const trigger = {
  service: 'test',
  id: 'ingest',
  handler: new URL('../fixtures/recording-s3-handler.ts', import.meta.url).pathname,
  bucket,
  prefix: 'rosters/',
  suffix: '.csv',
  grants: [],
};
const received = () => (globalThis as unknown as { __s3Received?: string[] }).__s3Received ?? [];

describe('S3 object-created notifications in the local runtime (s3rver)', () => {
  let s3: S3Local;
  const failures = new FailureDestination(undefined);
  const deliveries: Promise<void>[] = [];

  beforeAll(async () => {
    // Its own s3rver, to listen to its events.
    s3 = await startS3Local();
    s3.events.on('event', (event: S3Event) => deliveries.push(...dispatchS3Event(event, [{ trigger, bucketName: 'uploads-test' }], failures)));
    const { s3: client } = localClients('http://127.0.0.1:1', s3.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'uploads-test' }));
    for (const key of ['rosters/a 1.csv', 'rosters/b.txt', 'other/c.csv', 'rosters/poison.csv']) {
      await client.send(new PutObjectCommand({ Bucket: 'uploads-test', Key: key, Body: 'x' }));
    }
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(deliveries);
  });
  afterAll(() => s3.stop());

  it('delivers only objects matching the prefix and suffix, with the key as S3 encodes it', () => {
    expect(received().filter((k) => k === 'rosters/a 1.csv')).toHaveLength(1);
    expect(received()).not.toContain('rosters/b.txt');
    expect(received()).not.toContain('other/c.csv');
  });

  it('retries a failing handler like an async invocation, then records the failure', () => {
    expect(received().filter((k) => k === 'rosters/poison.csv')).toHaveLength(3);
    expect(failures.records).toHaveLength(1);
    expect(failures.records[0]).toMatchObject({ source: 's3-notification', consumer: 'test.ingest', attempts: 3, error: 'cannot ingest' });
  });
});

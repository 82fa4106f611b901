import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import { bucketName, s3Client } from '../../../shared/s3/client';
import { idempotencyTable, siteBucket } from '../table';

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<void>): Promise<ProbeResult> {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, latencyMs: Math.round((performance.now() - started) * 10) / 10, error: (error as Error).name };
  }
}

/** One eventually consistent GetItem of a key that never exists: the cheapest proof DynamoDB answers. */
export function probeDynamoDb(): Promise<ProbeResult> {
  return timed(async () => {
    await documentClient().send(new GetCommand({ TableName: tableName(idempotencyTable), Key: { id: '__health__' } }));
  });
}

/** A HEAD of an object that need not exist: "not found" still proves S3 answered. */
export function probeS3(): Promise<ProbeResult> {
  return timed(async () => {
    try {
      await s3Client().send(new HeadObjectCommand({ Bucket: bucketName(siteBucket), Key: '__health__' }));
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return;
      throw error;
    }
  });
}

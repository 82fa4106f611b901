import { S3Client } from '@aws-sdk/client-s3';
import type { BucketDefinition } from '../service/definitions';
import { traced } from '../http/observability';

/*
 * AWS_ENDPOINT_URL_S3 points the SDK at the local S3 server; that server only understands
 * path-style addressing, which S3_FORCE_PATH_STYLE turns on. Checksums are computed only when
 * required, which both AWS and the local server accept.
 */
let s3: S3Client | undefined;

export function s3Client(): S3Client {
  s3 ??= traced(
    new S3Client({
      forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return s3;
}

export function setS3Client(client: S3Client | undefined): void {
  s3 = client;
}

export function bucketName(bucket: BucketDefinition): string {
  const name = process.env[bucket.envVar];
  if (!name) throw new Error(`Missing configuration: ${bucket.envVar}`);
  return name;
}

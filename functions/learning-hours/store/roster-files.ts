import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '../../../shared/s3/client';
import { resultObjectKey, rosterObjectKey } from '../core/roster-upload';
import { rosterUploadsBucket } from '../table';

const bucket = () => bucketName(rosterUploadsBucket);

export const UPLOAD_LINK_SECONDS = 900;
export const RESULT_LINK_SECONDS = 300;

/** A URL the institution PUTs its CSV to; it names the one key the ingest function expects. */
export function rosterUploadUrl(institutionId: string, uploadId: string): Promise<string> {
  return getSignedUrl(s3Client(), new PutObjectCommand({ Bucket: bucket(), Key: rosterObjectKey(institutionId, uploadId) }), { expiresIn: UPLOAD_LINK_SECONDS });
}

/** The uploaded bytes, or `too-large` without reading them when the object is over `maxBytes`. */
export async function readRoster(key: string, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if ((res.ContentLength ?? 0) > maxBytes) {
    res.Body?.transformToWebStream().cancel().catch(() => undefined);
    return 'too-large';
  }
  return res.Body!.transformToByteArray();
}

export async function putRosterResult(institutionId: string, uploadId: string, csv: string): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: resultObjectKey(institutionId, uploadId),
      Body: csv,
      ContentType: 'text/csv; charset=utf-8',
      ContentDisposition: `attachment; filename="roster-result-${uploadId}.csv"`,
    }),
  );
}

export function rosterResultUrl(institutionId: string, uploadId: string): Promise<string> {
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucket(), Key: resultObjectKey(institutionId, uploadId) }), { expiresIn: RESULT_LINK_SECONDS });
}

import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
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

/** The uploaded file and the version read; no bytes when it is over `maxBytes` (they are never read then). */
export async function readRoster(key: string, maxBytes: number): Promise<{ bytes?: Uint8Array; versionId?: string }> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if ((res.ContentLength ?? 0) > maxBytes) {
    res.Body?.transformToWebStream().cancel().catch(() => undefined);
    return { versionId: res.VersionId };
  }
  return { bytes: await res.Body!.transformToByteArray(), versionId: res.VersionId };
}

/** Deletes a roster for good: the version read, so no copy of its ID numbers stays behind as an old version. */
export async function deleteRoster(key: string, versionId: string | undefined): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key, VersionId: versionId }));
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

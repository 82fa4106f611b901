import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '../../../shared/s3/client';
import { contentDisposition, SIGNATURE_BYTES, type AttachmentContentType, type Uploaded } from '../core/attachments';
import { caseDocumentsBucket } from '../table';

const bucket = () => bucketName(caseDocumentsBucket);
export const UPLOAD_LINK_SECONDS = 900;
export const DOWNLOAD_LINK_SECONDS = 300;

const status = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/**
 * A PUT URL for exactly this key, type and length: Content-Type and Content-Length are signed
 * (the S3 presigner leaves Content-Type unsigned unless told), so S3 refuses any other.
 */
export function uploadUrl(key: string, contentType: AttachmentContentType, size: number): Promise<string> {
  return getSignedUrl(s3Client(), new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: contentType, ContentLength: size }), {
    expiresIn: UPLOAD_LINK_SECONDS,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
}

export interface Inspected extends Uploaded {
  etag: string;
  versionId?: string;
}

/** What was uploaded at `key` (length, type, ETag and first bytes), or undefined when nothing is there. */
export async function inspectUpload(key: string): Promise<Inspected | undefined> {
  try {
    const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=0-${SIGNATURE_BYTES - 1}` }));
    const head = await res.Body!.transformToByteArray();
    // A ranged GET reports the whole object's length in Content-Range ("bytes 0-15/12345").
    const size = Number(/\/(\d+)$/.exec(res.ContentRange ?? '')?.[1] ?? res.ContentLength ?? 0);
    return { size, contentType: res.ContentType, head, etag: res.ETag ?? '', versionId: res.VersionId };
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidRange') return inspectEmpty(key);
    if (status(error) === 404 || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** An empty object has no byte 0 to range over. */
async function inspectEmpty(key: string): Promise<Inspected> {
  const res = await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
  return { size: res.ContentLength ?? 0, contentType: res.ContentType, head: new Uint8Array(), etag: res.ETag ?? '', versionId: res.VersionId };
}

/** Removes a refused upload: the version checked, so no copy of it stays behind in a versioned bucket. */
export async function deleteUpload(key: string, versionId: string | undefined): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key, VersionId: versionId }));
}

/**
 * Copies a reviewed upload into a published version, on condition it is still the object with
 * this ETag (S3 checks that atomically); false when it has changed since.
 */
export async function freezeAttachment(sourceKey: string, etag: string, key: string): Promise<boolean> {
  try {
    await s3Client().send(new CopyObjectCommand({ Bucket: bucket(), Key: key, CopySource: `${bucket()}/${sourceKey}`, CopySourceIfMatch: etag }));
    return true;
  } catch (error) {
    if (status(error) === 412) return false;
    throw error;
  }
}

/** A five-minute link that downloads the file under its display name. */
export function downloadUrl(key: string, fileName: string): Promise<string> {
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucket(), Key: key, ResponseContentDisposition: contentDisposition(fileName) }), { expiresIn: DOWNLOAD_LINK_SECONDS });
}

import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '../../../shared/s3/client';
import { certificateDocumentsBucket } from '../table';

const documentKey = (number: string) => `certificates/${number}.pdf`;
const bucket = () => bucketName(certificateDocumentsBucket);

export async function putCertificatePdf(number: string, pdf: Uint8Array): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucket(), Key: documentKey(number), Body: pdf, ContentType: 'application/pdf', ContentDisposition: `inline; filename="${number}.pdf"` }),
  );
}

export async function certificatePdfExists(number: string): Promise<boolean> {
  try {
    await s3Client().send(new HeadObjectCommand({ Bucket: bucket(), Key: documentKey(number) }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

export const DOCUMENT_LINK_SECONDS = 300;

export function certificatePdfUrl(number: string): Promise<string> {
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucket(), Key: documentKey(number) }), { expiresIn: DOCUMENT_LINK_SECONDS });
}

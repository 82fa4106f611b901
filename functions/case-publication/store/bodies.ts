import { createHash } from 'node:crypto';
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, s3Client } from '../../../shared/s3/client';
import { caseDocumentsBucket } from '../table';

const bucket = () => bucketName(caseDocumentsBucket);
const MARKDOWN = 'text/markdown; charset=utf-8';

/**
 * Stores a draft body under a key named by its content, so an edit never overwrites a body
 * another revision points to, and a retried edit writes the same object again.
 */
export async function putDraftBody(caseId: string, markdown: string): Promise<string> {
  const key = `drafts/${caseId}/${createHash('sha256').update(markdown).digest('hex')}.md`;
  await s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: markdown, ContentType: MARKDOWN }));
  return key;
}

export async function readBody(key: string): Promise<string> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return res.Body!.transformToString('utf-8');
}

export const publishedPrefix = (caseId: string, version: number) => `published/${caseId}/v${version}/`;

/** Copies the draft body to the version's own key, which nothing but a publish ever writes. */
export async function freezeBody(draftKey: string, caseId: string, version: number): Promise<string> {
  const key = `${publishedPrefix(caseId, version)}body.md`;
  await s3Client().send(new CopyObjectCommand({ Bucket: bucket(), Key: key, CopySource: `${bucket()}/${draftKey}` }));
  return key;
}

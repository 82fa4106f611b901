import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../../shared/auth/principal';
import { renderText, text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { attachmentObjectKey, attachmentOfKey, displayName, fileNameProblem, MAX_ATTACHMENTS_PER_CASE, uploadProblem, type AttachmentContentType } from '../core/attachments';
import type { Attachment } from '../core/model';
import { edited } from '../core/revisions';
import { deleteUpload, inspectUpload, UPLOAD_LINK_SECONDS, uploadUrl } from '../store/attachment-files';
import { attachmentItem, getAttachment, listAttachments, recordVerdict } from '../store/attachments';
import { requireEditable } from './authoring';
import { changeCase } from './changes';

export interface AttachmentRequest {
  fileName: string;
  contentType: AttachmentContentType;
  size: number;
}

/**
 * Registers an attachment of the draft (an edit of it) and hands out the one URL that can upload
 * it: to a key chosen here, for exactly the declared type and length.
 */
export async function requestAttachment(principal: Principal, caseId: string, request: AttachmentRequest) {
  const fileName = displayName(request.fileName);
  if (!fileName) throw problems.validation([{ path: 'body.fileName', message: text('请填写文件名（只写文件名，不含路径）', 'Name the file (a name, not a path)') }]);
  const nameProblem = fileNameProblem(fileName, request.contentType);
  if (nameProblem) throw problems.validation([{ path: 'body.fileName', message: nameProblem }]);

  const requestedAt = new Date();
  const id = randomUUID();
  const attachment: Attachment = {
    id,
    caseId,
    fileName,
    contentType: request.contentType,
    size: request.size,
    key: attachmentObjectKey(caseId, id, request.contentType),
    status: 'PENDING',
    requestedAt: requestedAt.toISOString(),
    requestedBy: principal.label,
    uploadExpiresAt: new Date(requestedAt.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString(),
  };
  // One write with the case's next revision: concurrent requests cannot pass the limit together.
  await changeCase(principal, caseId, async (current) => {
    requireEditable(principal, current);
    if ((await listAttachments(caseId)).length >= MAX_ATTACHMENTS_PER_CASE) {
      throw problems.conflict(text(`每个案例最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件。`, `A case has at most ${MAX_ATTACHMENTS_PER_CASE} attachments.`), { caseStatus: current.status });
    }
    return { record: edited(current, {}, undefined, principal, attachment.requestedAt), companions: { puts: [attachmentItem(attachment)] } };
  });
  return { attachment, uploadUrl: await uploadUrl(attachment.key, attachment.contentType, attachment.size) };
}

export type VerifyOutcome = 'verified' | 'rejected' | 'ignored';

/**
 * Checks an uploaded object against what was declared for it (S3 notification, every upload
 * and every overwrite). A refused file is recorded with the reason and deleted; a repeated
 * notification checks the same object again to the same verdict.
 */
export async function verifyUpload(key: string, logger: Logger): Promise<VerifyOutcome> {
  const ids = attachmentOfKey(key);
  if (!ids) {
    logger.warn('Object outside any attachment key ignored', { key });
    return 'ignored';
  }
  const attachment = await getAttachment(ids.caseId, ids.attachmentId);
  const upload = await inspectUpload(key);
  if (!upload) return 'ignored';
  // Nobody was given a URL for a key without an attachment: whatever it is, it goes.
  const problem = attachment ? uploadProblem(attachment, upload) : text('该对象键没有对应的附件申请。', 'No attachment was requested for this key.');
  if (problem) {
    if (attachment) await recordVerdict(ids.caseId, ids.attachmentId, { status: 'REJECTED', reason: problem }, new Date().toISOString());
    await deleteUpload(key, upload.versionId);
    logger.warn('Attachment upload refused', { ...ids, reason: renderText(problem, 'en') });
    return 'rejected';
  }
  await recordVerdict(ids.caseId, ids.attachmentId, { status: 'VERIFIED', etag: upload.etag }, new Date().toISOString());
  return 'verified';
}
